#include "psl/store/journey_tables.h"

#include <string>

namespace psl::store {
namespace {

SqlValue TextOrNull(const std::optional<std::string>& text) {
  if (text) return *text;
  return nullptr;
}

template <typename Id>
SqlValue IdOrNull(const std::optional<Id>& id) {
  if (id && id->valid()) return id->value();
  return nullptr;
}

SqlValue IntOrNull(const std::optional<std::int64_t>& value) {
  if (value) return *value;
  return nullptr;
}

std::optional<std::string> OptionalText(const Row& row, std::size_t column) {
  if (row.IsNull(column)) return std::nullopt;
  return row.Text(column);
}

template <typename Id>
std::optional<Id> OptionalId(const Row& row, std::size_t column) {
  if (row.IsNull(column)) return std::nullopt;
  return Id(row.Int(column));
}

std::optional<std::int64_t> OptionalInt(const Row& row, std::size_t column) {
  if (row.IsNull(column)) return std::nullopt;
  return row.Int(column);
}

Date DateFromColumn(const Row& row, std::size_t column) {
  auto date = Date::Parse(row.Text(column));
  PSL_CHECK(date.ok(), "dates are stored as YYYY-MM-DD");
  return *date;
}

std::optional<Date> OptionalDate(const Row& row, std::size_t column) {
  if (row.IsNull(column)) return std::nullopt;
  return DateFromColumn(row, column);
}

// The first row read by `read`, or nothing when there are no rows.
template <typename Read>
auto FirstOf(const Rows& rows, Read read) -> std::optional<decltype(read(rows.front()))> {
  if (rows.empty()) return std::nullopt;
  return read(rows.front());
}

// "$first, $first+1, ..." for `count` parameters.
std::string Placeholders(std::size_t first, std::size_t count) {
  std::string text;
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) text += ", ";
    text += "$" + std::to_string(first + i);
  }
  return text;
}

// --- config_versions ---

ConfigRecord ConfigFromRow(const Row& row) {
  ConfigRecord record;
  record.kind = row.Text(0);
  record.version = static_cast<int>(row.Int(1));
  record.document = row.Text(2);
  record.published_by = OptionalId<UserId>(row, 3);
  record.published_at = Timestamp::FromUnixSeconds(row.Int(4));
  return record;
}

constexpr std::string_view kConfigColumns =
    "kind, version, document, published_by_user_id, published_at";

}  // namespace

Result<std::optional<ConfigRecord>> ConfigTable::Latest(std::string_view kind) {
  PSL_ASSIGN_OR_RETURN(Rows rows, connection_.Query("SELECT " + std::string(kConfigColumns) +
                                                        " FROM config_versions WHERE kind = $1 "
                                                        "ORDER BY version DESC LIMIT 1",
                                                    {std::string(kind)}));
  return FirstOf(rows, ConfigFromRow);
}

Result<std::optional<ConfigRecord>> ConfigTable::Get(std::string_view kind, int version) {
  PSL_ASSIGN_OR_RETURN(
      Rows rows, connection_.Query("SELECT " + std::string(kConfigColumns) +
                                       " FROM config_versions WHERE kind = $1 AND version = $2",
                                   {std::string(kind), std::int64_t{version}}));
  return FirstOf(rows, ConfigFromRow);
}

Status ConfigTable::Insert(const ConfigRecord& record) {
  return connection_
      .Execute(
          "INSERT INTO config_versions (kind, version, document, published_by_user_id, "
          "published_at) VALUES ($1, $2, $3, $4, $5)",
          {record.kind, std::int64_t{record.version}, record.document,
           IdOrNull(record.published_by), record.published_at.unix_seconds()})
      .ToStatus();
}

// --- tariffs ---

namespace {

constexpr std::string_view kTariffColumns =
    "version, effective_from, document, status, proposed_by_user_id, proposed_at, "
    "approved_by_user_id, approved_at";

TariffRecord TariffFromRow(const Row& row) {
  TariffRecord record;
  record.version = static_cast<int>(row.Int(0));
  record.effective_from = DateFromColumn(row, 1);
  record.document = row.Text(2);
  record.status = row.Text(3);
  record.proposed_by = OptionalId<UserId>(row, 4);
  record.proposed_at = Timestamp::FromUnixSeconds(row.Int(5));
  record.approved_by = OptionalId<UserId>(row, 6);
  if (!row.IsNull(7)) record.approved_at = Timestamp::FromUnixSeconds(row.Int(7));
  return record;
}

}  // namespace

Status TariffTable::Insert(const TariffRecord& record) {
  return connection_
      .Execute(
          "INSERT INTO tariffs (version, effective_from, document, status, "
          "proposed_by_user_id, proposed_at, approved_by_user_id, approved_at) VALUES ($1, "
          "$2, $3, $4, $5, $6, $7, $8)",
          {std::int64_t{record.version}, record.effective_from.ToString(), record.document,
           record.status, IdOrNull(record.proposed_by), record.proposed_at.unix_seconds(),
           IdOrNull(record.approved_by),
           record.approved_at ? SqlValue(record.approved_at->unix_seconds()) : SqlValue(nullptr)})
      .ToStatus();
}

Result<std::optional<TariffRecord>> TariffTable::Get(int version) {
  PSL_ASSIGN_OR_RETURN(Rows rows, connection_.Query("SELECT " + std::string(kTariffColumns) +
                                                        " FROM tariffs WHERE version = $1",
                                                    {std::int64_t{version}}));
  return FirstOf(rows, TariffFromRow);
}

Result<int> TariffTable::LatestVersion() {
  PSL_ASSIGN_OR_RETURN(Rows rows,
                       connection_.Query("SELECT COALESCE(MAX(version), 0) FROM tariffs"));
  return static_cast<int>(rows.at(0).Int(0));
}

Result<std::vector<TariffRecord>> TariffTable::List(int limit) {
  PSL_ASSIGN_OR_RETURN(Rows rows, connection_.Query("SELECT " + std::string(kTariffColumns) +
                                                        " FROM tariffs ORDER BY version DESC "
                                                        "LIMIT $1",
                                                    {std::int64_t{limit}}));
  std::vector<TariffRecord> records;
  for (const Row& row : rows) records.push_back(TariffFromRow(row));
  return records;
}

Result<std::optional<TariffRecord>> TariffTable::InForce(Date date) {
  PSL_ASSIGN_OR_RETURN(Rows rows,
                       connection_.Query("SELECT " + std::string(kTariffColumns) +
                                             " FROM tariffs WHERE status = 'approved' AND "
                                             "effective_from <= $1 ORDER BY effective_from DESC, "
                                             "version DESC LIMIT 1",
                                         {date.ToString()}));
  return FirstOf(rows, TariffFromRow);
}

Result<std::vector<TariffRecord>> TariffTable::Approved() {
  PSL_ASSIGN_OR_RETURN(Rows rows, connection_.Query("SELECT " + std::string(kTariffColumns) +
                                                    " FROM tariffs WHERE status = 'approved' "
                                                    "ORDER BY version"));
  std::vector<TariffRecord> records;
  for (const Row& row : rows) records.push_back(TariffFromRow(row));
  return records;
}

Result<bool> TariffTable::Approve(int version, UserId by, Timestamp now) {
  PSL_ASSIGN_OR_RETURN(
      std::int64_t changed,
      connection_.Execute("UPDATE tariffs SET status = 'approved', approved_by_user_id = $1, "
                          "approved_at = $2 WHERE version = $3 AND status = 'proposed'",
                          {by.value(), now.unix_seconds(), std::int64_t{version}}));
  return changed == 1;
}

// --- unemployment_rates ---

Status UnemploymentTable::Upsert(const RateRecord& rate) {
  return connection_
      .Execute(
          "INSERT INTO unemployment_rates (month, rate_tenths) VALUES ($1, $2) "
          "ON CONFLICT (month) DO UPDATE SET rate_tenths = excluded.rate_tenths",
          {rate.month, rate.rate_tenths})
      .ToStatus();
}

Result<std::vector<RateRecord>> UnemploymentTable::All() {
  PSL_ASSIGN_OR_RETURN(
      Rows rows,
      connection_.Query("SELECT month, rate_tenths FROM unemployment_rates ORDER BY month"));
  std::vector<RateRecord> rates;
  rates.reserve(rows.size());
  for (const Row& row : rows) rates.push_back({row.Text(0), row.Int(1)});
  return rates;
}

Result<std::int64_t> UnemploymentTable::Count() {
  PSL_ASSIGN_OR_RETURN(Rows rows, connection_.Query("SELECT COUNT(*) FROM unemployment_rates"));
  return rows.at(0).Int(0);
}

// --- citizens ---

namespace {

constexpr std::string_view kCitizenColumns =
    "c.id, c.full_name, c.date_of_birth, c.area_code, c.national_insurance, c.fallback_key, "
    "c.email, c.created_at";

CitizenRecord CitizenFromRow(const Row& row) {
  CitizenRecord citizen;
  citizen.id = CitizenId(row.Int(0));
  citizen.full_name = OptionalText(row, 1);
  citizen.date_of_birth = OptionalDate(row, 2);
  citizen.area_code = OptionalText(row, 3);
  citizen.national_insurance = OptionalText(row, 4);
  citizen.fallback_key = OptionalText(row, 5);
  citizen.email = OptionalText(row, 6);
  citizen.created_at = Timestamp::FromUnixSeconds(row.Int(7));
  return citizen;
}

Result<std::optional<CitizenRecord>> OneCitizen(Connection& connection, const std::string& sql,
                                                std::initializer_list<SqlValue> parameters) {
  PSL_ASSIGN_OR_RETURN(Rows rows, connection.Query(sql, parameters));
  return FirstOf(rows, CitizenFromRow);
}

// The scope condition on citizen alias `c`, with its parameter as $<n>.
std::string ScopeCondition(const CitizenScope& scope, int n) {
  const std::string p = "$" + std::to_string(n);
  switch (scope.kind) {
    case CitizenScope::Kind::kAll: return "1 = 1";
    case CitizenScope::Kind::kReferrer:
      return "(EXISTS (SELECT 1 FROM entries e WHERE e.citizen_id = c.id AND "
             "e.recorded_by_user_id = " +
             p +
             ") OR EXISTS (SELECT 1 FROM assessments a WHERE a.citizen_id = c.id AND "
             "a.assessed_by_user_id = " +
             p + "))";
    case CitizenScope::Kind::kProvider:
      return "EXISTS (SELECT 1 FROM registrations r WHERE r.citizen_id = c.id AND r.provider_id "
             "= " +
             p + ")";
  }
  return "1 = 0";
}

SqlValue ScopeParameter(const CitizenScope& scope) {
  switch (scope.kind) {
    case CitizenScope::Kind::kAll: return std::int64_t{0};
    case CitizenScope::Kind::kReferrer: return scope.referrer.value();
    case CitizenScope::Kind::kProvider: return scope.provider.value();
  }
  return std::int64_t{0};
}

}  // namespace

Result<std::optional<CitizenRecord>> CitizenTable::Get(CitizenId id) {
  return OneCitizen(connection_,
                    "SELECT " + std::string(kCitizenColumns) + " FROM citizens c WHERE c.id = $1",
                    {id.value()});
}

Result<std::optional<CitizenRecord>> CitizenTable::FindByNationalInsurance(
    std::string_view number) {
  return OneCitizen(
      connection_,
      "SELECT " + std::string(kCitizenColumns) + " FROM citizens c WHERE c.national_insurance = $1",
      {std::string(number)});
}

Result<std::optional<CitizenRecord>> CitizenTable::FindByFallbackKey(std::string_view key,
                                                                     bool without_number_only) {
  return OneCitizen(connection_,
                    "SELECT " + std::string(kCitizenColumns) +
                        " FROM citizens c WHERE c.fallback_key = $1 AND ($2 = 0 OR "
                        "c.national_insurance IS NULL) ORDER BY c.id LIMIT 1",
                    {std::string(key), std::int64_t{without_number_only ? 1 : 0}});
}

Result<CitizenId> CitizenTable::Insert(const CitizenRecord& citizen) {
  PSL_ASSIGN_OR_RETURN(
      auto id,
      connection_.InsertReturningId(
          "INSERT INTO citizens (full_name, date_of_birth, area_code, national_insurance, "
          "fallback_key, email, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
          {TextOrNull(citizen.full_name),
           citizen.date_of_birth ? SqlValue(citizen.date_of_birth->ToString()) : SqlValue(nullptr),
           TextOrNull(citizen.area_code), TextOrNull(citizen.national_insurance),
           TextOrNull(citizen.fallback_key), TextOrNull(citizen.email),
           citizen.created_at.unix_seconds()}));
  PSL_CHECK(id.has_value(), "a citizen insert always inserts");
  return CitizenId(*id);
}

Status CitizenTable::UpdateIdentity(const CitizenRecord& citizen) {
  return connection_
      .Execute(
          "UPDATE citizens SET full_name = $1, date_of_birth = $2, area_code = $3, "
          "national_insurance = $4, fallback_key = $5, email = $6 WHERE id = $7",
          {TextOrNull(citizen.full_name),
           citizen.date_of_birth ? SqlValue(citizen.date_of_birth->ToString()) : SqlValue(nullptr),
           TextOrNull(citizen.area_code), TextOrNull(citizen.national_insurance),
           TextOrNull(citizen.fallback_key), TextOrNull(citizen.email), citizen.id.value()})
      .ToStatus();
}

Result<bool> CitizenTable::Visible(CitizenId id, const CitizenScope& scope) {
  PSL_ASSIGN_OR_RETURN(
      Rows rows,
      connection_.Query("SELECT 1 FROM citizens c WHERE c.id = $1 AND " + ScopeCondition(scope, 2),
                        {id.value(), ScopeParameter(scope)}));
  return !rows.empty();
}

Result<std::vector<CitizenRecord>> CitizenTable::List(const CitizenScope& scope,
                                                      std::int64_t before_id, int limit) {
  PSL_ASSIGN_OR_RETURN(
      Rows rows,
      connection_.Query("SELECT " + std::string(kCitizenColumns) +
                            " FROM citizens c WHERE ($1 = 0 OR c.id < $1) AND c.full_name IS NOT "
                            "NULL AND " +
                            ScopeCondition(scope, 2) + " ORDER BY c.id DESC LIMIT $3",
                        {before_id, ScopeParameter(scope), std::int64_t{limit}}));
  std::vector<CitizenRecord> citizens;
  for (const Row& row : rows) citizens.push_back(CitizenFromRow(row));
  return citizens;
}

Result<std::int64_t> CitizenTable::Count() {
  PSL_ASSIGN_OR_RETURN(Rows rows, connection_.Query("SELECT COUNT(*) FROM citizens"));
  return rows.at(0).Int(0);
}

// --- entries ---

namespace {

constexpr std::string_view kEntryColumns =
    "id, citizen_id, route, source, recorded_by_user_id, notes, matched_existing, recorded_at";

EntryRecord EntryFromRow(const Row& row) {
  EntryRecord entry;
  entry.id = row.Int(0);
  entry.citizen_id = CitizenId(row.Int(1));
  entry.route = row.Text(2);
  entry.source = row.Text(3);
  entry.recorded_by = OptionalId<UserId>(row, 4);
  entry.notes = row.Text(5);
  entry.matched_existing = row.Int(6) != 0;
  entry.recorded_at = Timestamp::FromUnixSeconds(row.Int(7));
  return entry;
}

}  // namespace

Result<std::int64_t> EntryTable::Insert(const EntryRecord& entry) {
  PSL_ASSIGN_OR_RETURN(
      auto id,
      connection_.InsertReturningId(
          "INSERT INTO entries (citizen_id, route, source, recorded_by_user_id, notes, "
          "matched_existing, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
          {entry.citizen_id.value(), entry.route, entry.source, IdOrNull(entry.recorded_by),
           entry.notes, std::int64_t{entry.matched_existing ? 1 : 0},
           entry.recorded_at.unix_seconds()}));
  PSL_CHECK(id.has_value(), "an entry insert always inserts");
  return *id;
}

Result<std::vector<EntryRecord>> EntryTable::ForCitizen(CitizenId id) {
  PSL_ASSIGN_OR_RETURN(Rows rows, connection_.Query("SELECT " + std::string(kEntryColumns) +
                                                        " FROM entries WHERE citizen_id = $1 "
                                                        "ORDER BY id LIMIT 200",
                                                    {id.value()}));
  std::vector<EntryRecord> entries;
  for (const Row& row : rows) entries.push_back(EntryFromRow(row));
  return entries;
}

Result<std::optional<EntryRecord>> EntryTable::Latest(CitizenId id) {
  PSL_ASSIGN_OR_RETURN(Rows rows, connection_.Query("SELECT " + std::string(kEntryColumns) +
                                                        " FROM entries WHERE citizen_id = $1 "
                                                        "ORDER BY id DESC LIMIT 1",
                                                    {id.value()}));
  return FirstOf(rows, EntryFromRow);
}

// --- assessments ---

namespace {

constexpr std::string_view kAssessmentColumns =
    "id, citizen_id, entry_id, questionnaire_version, rules_version, catalogue_version, answers, "
    "barriers, eligible_outcomes, recommendations, assessed_by_user_id, taken_on, taken_at";

AssessmentRecord AssessmentFromRow(const Row& row) {
  AssessmentRecord record;
  record.id = row.Int(0);
  record.citizen_id = CitizenId(row.Int(1));
  record.entry_id = row.Int(2);
  record.questionnaire_version = static_cast<int>(row.Int(3));
  record.rules_version = static_cast<int>(row.Int(4));
  record.catalogue_version = static_cast<int>(row.Int(5));
  record.answers_json = row.Text(6);
  record.barriers_json = row.Text(7);
  record.eligible_outcomes_json = row.Text(8);
  record.recommendations = row.Text(9);
  record.assessed_by = UserId(row.Int(10));
  record.taken_on = DateFromColumn(row, 11);
  record.taken_at = Timestamp::FromUnixSeconds(row.Int(12));
  return record;
}

}  // namespace

Result<std::int64_t> AssessmentTable::Insert(const AssessmentRecord& a) {
  PSL_ASSIGN_OR_RETURN(
      auto id,
      connection_.InsertReturningId(
          "INSERT INTO assessments (citizen_id, entry_id, questionnaire_version, rules_version, "
          "catalogue_version, answers, barriers, eligible_outcomes, recommendations, "
          "assessed_by_user_id, taken_on, taken_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
          "$10, $11, $12)",
          {a.citizen_id.value(), a.entry_id, std::int64_t{a.questionnaire_version},
           std::int64_t{a.rules_version}, std::int64_t{a.catalogue_version}, a.answers_json,
           a.barriers_json, a.eligible_outcomes_json, a.recommendations, a.assessed_by.value(),
           a.taken_on.ToString(), a.taken_at.unix_seconds()}));
  PSL_CHECK(id.has_value(), "an assessment insert always inserts");
  return *id;
}

Result<std::optional<AssessmentRecord>> AssessmentTable::Get(std::int64_t id) {
  PSL_ASSIGN_OR_RETURN(Rows rows, connection_.Query("SELECT " + std::string(kAssessmentColumns) +
                                                        " FROM assessments WHERE id = $1",
                                                    {id}));
  return FirstOf(rows, AssessmentFromRow);
}

Result<std::optional<AssessmentRecord>> AssessmentTable::Latest(CitizenId id) {
  PSL_ASSIGN_OR_RETURN(Rows rows, connection_.Query("SELECT " + std::string(kAssessmentColumns) +
                                                        " FROM assessments WHERE citizen_id = $1 "
                                                        "ORDER BY id DESC LIMIT 1",
                                                    {id.value()}));
  return FirstOf(rows, AssessmentFromRow);
}

// --- choices ---

namespace {

constexpr std::string_view kChoiceColumns =
    "id, citizen_id, end_result, assessment_id, format, reason, deadline, status, shortlist, "
    "shortlisted_by_user_id, previous_registration_id, opened_at";

ChoiceRecord ChoiceFromRow(const Row& row) {
  ChoiceRecord choice;
  choice.id = row.Int(0);
  choice.citizen_id = CitizenId(row.Int(1));
  choice.end_result = row.Text(2);
  choice.assessment_id = row.Int(3);
  choice.format = row.Text(4);
  choice.reason = row.Text(5);
  choice.deadline = DateFromColumn(row, 6);
  choice.status = row.Text(7);
  choice.shortlist_json = OptionalText(row, 8);
  choice.shortlisted_by = OptionalId<UserId>(row, 9);
  choice.previous_registration_id = OptionalInt(row, 10);
  choice.opened_at = Timestamp::FromUnixSeconds(row.Int(11));
  return choice;
}

std::vector<ChoiceRecord> ChoicesFromRows(const Rows& rows) {
  std::vector<ChoiceRecord> choices;
  choices.reserve(rows.size());
  for (const Row& row : rows) choices.push_back(ChoiceFromRow(row));
  return choices;
}

}  // namespace

Result<std::int64_t> ChoiceTable::Insert(const ChoiceRecord& c) {
  PSL_ASSIGN_OR_RETURN(
      auto id, connection_.InsertReturningId(
                   "INSERT INTO choices (citizen_id, end_result, assessment_id, format, reason, "
                   "deadline, status, shortlist, shortlisted_by_user_id, "
                   "previous_registration_id, opened_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
                   "$9, $10, $11)",
                   {c.citizen_id.value(), c.end_result, c.assessment_id, c.format, c.reason,
                    c.deadline.ToString(), c.status, TextOrNull(c.shortlist_json),
                    IdOrNull(c.shortlisted_by), IntOrNull(c.previous_registration_id),
                    c.opened_at.unix_seconds()}));
  PSL_CHECK(id.has_value(), "a choice insert always inserts");
  return *id;
}

Result<std::optional<ChoiceRecord>> ChoiceTable::Open(CitizenId citizen,
                                                      std::string_view end_result) {
  PSL_ASSIGN_OR_RETURN(
      Rows rows, connection_.Query("SELECT " + std::string(kChoiceColumns) +
                                       " FROM choices WHERE citizen_id = $1 AND end_result = $2 "
                                       "AND status = 'open'",
                                   {citizen.value(), std::string(end_result)}));
  return FirstOf(rows, ChoiceFromRow);
}

Result<std::vector<ChoiceRecord>> ChoiceTable::ForCitizen(CitizenId citizen) {
  PSL_ASSIGN_OR_RETURN(Rows rows, connection_.Query("SELECT " + std::string(kChoiceColumns) +
                                                        " FROM choices WHERE citizen_id = $1 "
                                                        "ORDER BY id LIMIT 200",
                                                    {citizen.value()}));
  return ChoicesFromRows(rows);
}

Result<std::vector<ChoiceRecord>> ChoiceTable::Overdue(Date today, int limit) {
  PSL_ASSIGN_OR_RETURN(
      Rows rows, connection_.Query("SELECT " + std::string(kChoiceColumns) +
                                       " FROM choices WHERE status = 'open' AND deadline < $1 "
                                       "ORDER BY deadline, id LIMIT $2",
                                   {today.ToString(), std::int64_t{limit}}));
  return ChoicesFromRows(rows);
}

Status ChoiceTable::SetShortlist(std::int64_t id, std::string_view shortlist_json, UserId by) {
  return connection_
      .Execute("UPDATE choices SET shortlist = $1, shortlisted_by_user_id = $2 WHERE id = $3",
               {std::string(shortlist_json), by.value(), id})
      .ToStatus();
}

Result<bool> ChoiceTable::Close(std::int64_t id, std::string_view status) {
  PSL_ASSIGN_OR_RETURN(std::int64_t changed,
                       connection_.Execute("UPDATE choices SET status = $1 WHERE id = $2 AND "
                                           "status = 'open'",
                                           {std::string(status), id}));
  return changed == 1;
}

// --- registrations ---

namespace {

constexpr std::string_view kRegistrationColumns =
    "r.id, r.citizen_id, r.end_result, r.provider_id, p.name, r.choice_id, r.assessment_id, "
    "r.format, r.basis, r.chosen_by_user_id, r.registered_on, r.registered_at, "
    "r.catalogue_version, r.tariff_version, r.area_code, r.barriers, r.barrier_count, r.status, "
    "r.ended_reason, r.replaces_registration_id, COALESCE(c.full_name, '')";

RegistrationRecord RegistrationFromRow(const Row& row) {
  RegistrationRecord r;
  r.id = row.Int(0);
  r.citizen_id = CitizenId(row.Int(1));
  r.end_result = row.Text(2);
  r.provider_id = ProviderId(row.Int(3));
  r.provider_name = row.Text(4);
  r.choice_id = row.Int(5);
  r.assessment_id = row.Int(6);
  r.format = row.Text(7);
  r.basis = row.Text(8);
  r.chosen_by = OptionalId<UserId>(row, 9);
  r.registered_on = DateFromColumn(row, 10);
  r.registered_at = Timestamp::FromUnixSeconds(row.Int(11));
  r.catalogue_version = static_cast<int>(row.Int(12));
  r.tariff_version = static_cast<int>(row.Int(13));
  r.area_code = row.Text(14);
  r.barriers_json = row.Text(15);
  r.barrier_count = static_cast<int>(row.Int(16));
  r.status = row.Text(17);
  r.ended_reason = OptionalText(row, 18);
  r.replaces_registration_id = OptionalInt(row, 19);
  r.citizen_name = row.Text(20);
  return r;
}

std::string RegistrationSelect(std::string_view where_and_order) {
  return "SELECT " + std::string(kRegistrationColumns) +
         " FROM registrations r JOIN providers p ON p.id = r.provider_id JOIN citizens c ON c.id "
         "= r.citizen_id " +
         std::string(where_and_order);
}

}  // namespace

Result<std::int64_t> RegistrationTable::Insert(const RegistrationRecord& r) {
  PSL_ASSIGN_OR_RETURN(
      auto id,
      connection_.InsertReturningId(
          "INSERT INTO registrations (citizen_id, end_result, provider_id, choice_id, "
          "assessment_id, format, basis, chosen_by_user_id, registered_on, registered_at, "
          "catalogue_version, tariff_version, area_code, barriers, barrier_count, status, "
          "ended_reason, replaces_registration_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
          "$10, $11, $12, $13, $14, $15, 'active', NULL, $16)",
          {r.citizen_id.value(), r.end_result, r.provider_id.value(), r.choice_id, r.assessment_id,
           r.format, r.basis, IdOrNull(r.chosen_by), r.registered_on.ToString(),
           r.registered_at.unix_seconds(), std::int64_t{r.catalogue_version},
           std::int64_t{r.tariff_version}, r.area_code, r.barriers_json,
           std::int64_t{r.barrier_count}, IntOrNull(r.replaces_registration_id)}));
  PSL_CHECK(id.has_value(), "a registration insert always inserts");
  return *id;
}

Status RegistrationTable::InsertOutcome(const RegisteredOutcomeRecord& o) {
  return connection_
      .Execute(
          "INSERT INTO registered_outcomes (registration_id, outcome, base_pence, "
          "geographic_weight_micros, cyclical_weight_micros, price_pence, tariff_version, "
          "explanation, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
          {o.registration_id, o.outcome, o.base_pence, o.geographic_weight_micros,
           o.cyclical_weight_micros, o.price_pence, std::int64_t{o.tariff_version},
           o.explanation_json, o.status})
      .ToStatus();
}

namespace {

Status ReadOutcomes(Connection& connection, std::vector<RegistrationRecord>& registrations) {
  if (registrations.empty()) return Status::Ok();
  std::vector<SqlValue> ids;
  ids.reserve(registrations.size());
  for (const RegistrationRecord& r : registrations) ids.emplace_back(r.id);
  PSL_ASSIGN_OR_RETURN(
      Rows rows,
      connection.Query("SELECT o.registration_id, o.outcome, o.base_pence, "
                       "o.geographic_weight_micros, o.cyclical_weight_micros, o.price_pence, "
                       "o.tariff_version, o.explanation, o.status, s.upfront_pence, "
                       "s.outcome_pence, s.satisfaction_pence, s.rule, s.clawback "
                       "FROM registered_outcomes o LEFT JOIN outcome_splits s ON "
                       "s.registration_id = o.registration_id AND s.outcome = o.outcome "
                       "WHERE o.registration_id IN (" +
                           Placeholders(1, ids.size()) + ") ORDER BY o.registration_id, o.outcome",
                       std::span<const SqlValue>(ids)));
  for (const Row& row : rows) {
    RegisteredOutcomeRecord o;
    o.registration_id = row.Int(0);
    o.outcome = row.Text(1);
    o.base_pence = row.Int(2);
    o.geographic_weight_micros = row.Int(3);
    o.cyclical_weight_micros = row.Int(4);
    o.price_pence = row.Int(5);
    o.tariff_version = static_cast<int>(row.Int(6));
    o.explanation_json = row.Text(7);
    o.status = row.Text(8);
    if (!row.IsNull(9)) {
      o.split = RegisteredOutcomeRecord::Split{row.Int(9), row.Int(10), row.Int(11), row.Text(12),
                                               row.Int(13) == 1};
    }
    for (RegistrationRecord& r : registrations) {
      if (r.id == o.registration_id) {
        r.outcomes.push_back(std::move(o));
        break;
      }
    }
  }
  return Status::Ok();
}

Result<std::vector<RegistrationRecord>> ReadRegistrations(Connection& connection,
                                                          const std::string& sql,
                                                          std::span<const SqlValue> parameters) {
  PSL_ASSIGN_OR_RETURN(Rows rows, connection.Query(sql, parameters));
  std::vector<RegistrationRecord> registrations;
  registrations.reserve(rows.size());
  for (const Row& row : rows) registrations.push_back(RegistrationFromRow(row));
  PSL_RETURN_IF_ERROR(ReadOutcomes(connection, registrations));
  return registrations;
}

Result<std::optional<RegistrationRecord>> FirstRegistration(
    Result<std::vector<RegistrationRecord>> all) {
  if (!all.ok()) return all.status();
  if (all->empty()) return std::optional<RegistrationRecord>();
  return std::optional<RegistrationRecord>(std::move(all->front()));
}

}  // namespace

Result<std::optional<RegistrationRecord>> RegistrationTable::Get(std::int64_t id) {
  const SqlValue parameters[] = {id};
  return FirstRegistration(
      ReadRegistrations(connection_, RegistrationSelect("WHERE r.id = $1"), parameters));
}

Result<std::optional<RegistrationRecord>> RegistrationTable::Active(CitizenId citizen,
                                                                    std::string_view end_result) {
  const SqlValue parameters[] = {citizen.value(), std::string(end_result)};
  return FirstRegistration(ReadRegistrations(
      connection_,
      RegistrationSelect("WHERE r.citizen_id = $1 AND r.end_result = $2 AND r.status = 'active'"),
      parameters));
}

Result<std::vector<RegistrationRecord>> RegistrationTable::ForCitizen(CitizenId citizen) {
  const SqlValue parameters[] = {citizen.value()};
  return ReadRegistrations(connection_,
                           RegistrationSelect("WHERE r.citizen_id = $1 ORDER BY r.id LIMIT 200"),
                           parameters);
}

Result<std::vector<RegistrationRecord>> RegistrationTable::List(std::optional<ProviderId> provider,
                                                                std::int64_t before_id, int limit) {
  const SqlValue parameters[] = {provider ? provider->value() : std::int64_t{0}, before_id,
                                 std::int64_t{limit}};
  return ReadRegistrations(connection_,
                           RegistrationSelect("WHERE ($1 = 0 OR r.provider_id = $1) AND ($2 = 0 "
                                              "OR r.id < $2) ORDER BY r.id DESC LIMIT $3"),
                           parameters);
}

Result<std::int64_t> RegistrationTable::Count() {
  PSL_ASSIGN_OR_RETURN(Rows rows, connection_.Query("SELECT COUNT(*) FROM registrations"));
  return rows.at(0).Int(0);
}

Status RegistrationTable::End(std::int64_t id, std::string_view reason) {
  return connection_
      .Execute("UPDATE registrations SET status = 'ended', ended_reason = $1 WHERE id = $2",
               {std::string(reason), id})
      .ToStatus();
}

Status RegistrationTable::SetOutcomeStatus(std::int64_t registration_id, std::string_view outcome,
                                           std::string_view status) {
  return connection_
      .Execute(
          "UPDATE registered_outcomes SET status = $1 WHERE registration_id = $2 AND "
          "outcome = $3",
          {std::string(status), registration_id, std::string(outcome)})
      .ToStatus();
}

Result<std::vector<RegistrationRecord>> RegistrationTable::WithRevokedProvider(int limit) {
  const SqlValue parameters[] = {std::int64_t{limit}};
  return ReadRegistrations(
      connection_,
      RegistrationSelect(
          "WHERE r.status = 'active' AND EXISTS (SELECT 1 FROM licences l WHERE l.provider_id = "
          "r.provider_id AND l.kind = 'general' AND l.status = 'revoked') AND NOT EXISTS (SELECT "
          "1 FROM licences l WHERE l.provider_id = r.provider_id AND l.kind = 'general' AND "
          "l.status IN ('granted', 'suspended')) ORDER BY r.id LIMIT $1"),
      parameters);
}

Result<std::vector<EligibleProvider>> RegistrationTable::EligibleProviders(
    const std::vector<std::string>& top_ups, Date on) {
  std::vector<SqlValue> parameters = {on.ToString()};
  std::string sql =
      "SELECT p.id, p.name, l.granted_on FROM providers p JOIN licences l ON l.provider_id = "
      "p.id AND l.kind = 'general' AND l.status = 'granted' AND l.granted_on <= $1";
  for (const std::string& top_up : top_ups) {
    parameters.emplace_back(top_up);
    sql += " AND EXISTS (SELECT 1 FROM licences t WHERE t.provider_id = p.id AND t.kind = $" +
           std::to_string(parameters.size()) + " AND t.status = 'granted' AND t.granted_on <= $1)";
  }
  sql += " ORDER BY p.id";
  PSL_ASSIGN_OR_RETURN(Rows rows, connection_.Query(sql, std::span<const SqlValue>(parameters)));
  std::vector<EligibleProvider> providers;
  providers.reserve(rows.size());
  for (const Row& row : rows) {
    EligibleProvider provider;
    provider.provider = ProviderId(row.Int(0));
    provider.name = row.Text(1);
    if (!row.IsNull(2)) provider.licensed_on = DateFromColumn(row, 2);
    providers.push_back(std::move(provider));
  }
  return providers;
}

Result<std::vector<ProviderOutcomeCounts>> RegistrationTable::OutcomeCounts(
    const std::vector<std::string>& outcomes, int low, int high, std::string_view region) {
  if (outcomes.empty()) return std::vector<ProviderOutcomeCounts>();
  std::vector<SqlValue> parameters = {std::string(region), std::int64_t{low}, std::int64_t{high}};
  for (const std::string& outcome : outcomes) parameters.emplace_back(outcome);
  PSL_ASSIGN_OR_RETURN(
      Rows rows,
      connection_.Query(
          "SELECT r.provider_id, "
          "SUM(CASE WHEN o.status = 'achieved' THEN 1 ELSE 0 END), COUNT(*), "
          "SUM(CASE WHEN o.status = 'achieved' AND a.region = $1 THEN 1 ELSE 0 END), "
          "SUM(CASE WHEN a.region = $1 THEN 1 ELSE 0 END) "
          "FROM registered_outcomes o JOIN registrations r ON r.id = o.registration_id "
          "JOIN areas a ON a.code = r.area_code "
          "WHERE o.status IN ('achieved', 'missed') AND r.barrier_count BETWEEN $2 AND $3 AND "
          "o.outcome IN (" +
              Placeholders(4, outcomes.size()) + ") GROUP BY r.provider_id ORDER BY r.provider_id",
          std::span<const SqlValue>(parameters)));
  std::vector<ProviderOutcomeCounts> counts;
  for (const Row& row : rows) {
    counts.push_back({ProviderId(row.Int(0)), row.Int(1), row.Int(2), row.Int(3), row.Int(4)});
  }
  return counts;
}

Result<std::vector<MysteryShoppingSummary>> RegistrationTable::LatestMysteryShopping() {
  // The latest published visit per provider, and its mean score: sum × 100 / (5 × count).
  PSL_ASSIGN_OR_RETURN(
      Rows rows,
      connection_.Query(
          "SELECT i.provider_id, COALESCE(SUM(CASE WHEN s.kind = 'score' THEN s.value ELSE 0 "
          "END), 0), COALESCE(SUM(CASE WHEN s.kind = 'score' THEN 1 ELSE 0 END), 0), "
          "i.malpractice, i.visit_date, i.finding FROM inspections i LEFT JOIN inspection_scores "
          "s ON s.inspection_id = i.id WHERE i.status = 'published' AND i.id = (SELECT j.id FROM "
          "inspections j WHERE j.provider_id = i.provider_id AND j.status = 'published' ORDER BY "
          "j.visit_date DESC, j.id DESC LIMIT 1) GROUP BY i.provider_id, i.malpractice, "
          "i.visit_date, i.finding ORDER BY i.provider_id"));
  std::vector<MysteryShoppingSummary> summaries;
  for (const Row& row : rows) {
    const std::int64_t total = row.Int(1);
    const std::int64_t count = row.Int(2);
    MysteryShoppingSummary summary;
    summary.provider = ProviderId(row.Int(0));
    summary.score_percent = count > 0 ? (total * 100 + (5 * count) / 2) / (5 * count) : 0;
    summary.malpractice = row.Int(3) != 0;
    summary.visit_date = row.Text(4);
    summary.finding = row.Text(5);
    summaries.push_back(std::move(summary));
  }
  return summaries;
}

}  // namespace psl::store
