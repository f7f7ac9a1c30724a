#include "psl/payment/feed.h"

#include <algorithm>
#include <array>
#include <string>

namespace psl::payment {
namespace {

constexpr std::array<std::string_view, 5> kColumns = {"citizen", "employer", "start", "end",
                                                      "earnings"};

Status Bad(std::size_t row, std::string_view column, const std::string& message) {
  std::string where = "row " + std::to_string(row);
  if (!column.empty()) where += ", column " + std::string(column);
  return Status(ErrorCode::kInvalidArgument, where + ": " + message, "csv");
}

// Splits one record into fields, RFC 4180 style: a quoted field may hold commas, doubled quotes
// and line breaks. `at` moves past the record's line end.
Result<std::vector<std::string>> NextRecord(std::string_view csv, std::size_t& at,
                                            std::size_t row) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  bool was_quoted = false;
  while (at < csv.size()) {
    const char c = csv[at];
    if (quoted) {
      if (c == '"') {
        if (at + 1 < csv.size() && csv[at + 1] == '"') {
          fields.back() += '"';
          at += 2;
          continue;
        }
        quoted = false;
        ++at;
        continue;
      }
      fields.back() += c;
      ++at;
      continue;
    }
    if (c == '\n' || c == '\r') {
      ++at;
      if (c == '\r' && at < csv.size() && csv[at] == '\n') ++at;
      return fields;
    }
    if (c == ',') {
      if (fields.size() > kColumns.size()) break;  // reported below, without reading on
      fields.emplace_back();
      was_quoted = false;
      ++at;
      continue;
    }
    if (c == '"') {
      if (!fields.back().empty() || was_quoted) {
        return Bad(row, kColumns[std::min(fields.size(), kColumns.size()) - 1],
                   "a quote may only open a field");
      }
      quoted = true;
      was_quoted = true;
      ++at;
      continue;
    }
    if (was_quoted) {
      return Bad(row, kColumns[std::min(fields.size(), kColumns.size()) - 1],
                 "text after a closing quote");
    }
    fields.back() += c;
    ++at;
  }
  if (quoted) return Bad(row, "", "a quoted field is not closed");
  if (fields.size() > kColumns.size()) {
    return Bad(row, "", "more than " + std::to_string(kColumns.size()) + " columns");
  }
  return fields;
}

bool Blank(const std::vector<std::string>& fields) {
  return fields.size() == 1 && fields.front().empty();
}

Result<Date> DateField(std::size_t row, std::string_view column, const std::string& text) {
  auto date = Date::Parse(text);
  if (!date.ok())
    return Bad(row, column, "\"" + text.substr(0, 20) + "\" is not a YYYY-MM-DD date");
  return *date;
}

Result<EmploymentSpell> ReadSpell(std::size_t row, const std::vector<std::string>& fields) {
  if (fields.size() != kColumns.size()) {
    return Bad(row, "",
               "expected 5 columns (citizen,employer,start,end,earnings), found " +
                   std::to_string(fields.size()));
  }
  EmploymentSpell spell;
  spell.row = row;
  spell.citizen = fields[0];
  if (spell.citizen.empty()) return Bad(row, "citizen", "is required");
  if (spell.citizen.size() > kMaxFeedCitizenLength) {
    return Bad(row, "citizen", "must be at most 64 characters");
  }
  spell.employer = fields[1];
  if (spell.employer.empty()) return Bad(row, "employer", "is required");
  if (spell.employer.size() > kMaxFeedEmployerLength) {
    return Bad(row, "employer", "must be at most 200 characters");
  }
  PSL_ASSIGN_OR_RETURN(spell.start, DateField(row, "start", fields[2]));
  if (!fields[3].empty()) {
    PSL_ASSIGN_OR_RETURN(const Date end, DateField(row, "end", fields[3]));
    if (end < spell.start) return Bad(row, "end", "ends before it starts");
    spell.end = end;
  }
  if (fields[4].empty() || fields[4].size() > 20) {
    return Bad(row, "earnings", "annual earnings in pounds are required, e.g. 23450.00");
  }
  auto earnings = Money::Parse(fields[4]);
  if (!earnings.ok()) {
    return Bad(row, "earnings", "\"" + fields[4] + "\" is not an amount in pounds, e.g. 23450.00");
  }
  if (earnings->IsNegative() || *earnings > kMaxFeedEarnings) {
    return Bad(row, "earnings", "must be between 0 and 10000000.00");
  }
  spell.earnings = *earnings;
  return spell;
}

}  // namespace

Result<std::vector<EmploymentSpell>> ParseEmploymentSpells(std::string_view csv) {
  if (csv.size() > kMaxFeedBytes) {
    return Status(ErrorCode::kResourceExhausted, "the feed is larger than 16 MiB; split it", "csv");
  }
  std::size_t at = 0;
  std::size_t row = 1;
  PSL_ASSIGN_OR_RETURN(std::vector<std::string> header, NextRecord(csv, at, row));
  if (!header.empty() && header.front().starts_with("\xEF\xBB\xBF")) {
    header.front().erase(0, 3);  // a byte order mark from a spreadsheet
  }
  if (header.size() != kColumns.size() ||
      !std::equal(header.begin(), header.end(), kColumns.begin())) {
    return Bad(1, "", "the header row must be exactly citizen,employer,start,end,earnings");
  }
  std::vector<EmploymentSpell> spells;
  while (at < csv.size()) {
    ++row;
    PSL_ASSIGN_OR_RETURN(const std::vector<std::string> fields, NextRecord(csv, at, row));
    if (Blank(fields)) continue;
    if (spells.size() >= kMaxFeedRows) {
      return Status(ErrorCode::kResourceExhausted,
                    "more than " + std::to_string(kMaxFeedRows) + " rows; split the feed", "csv");
    }
    PSL_ASSIGN_OR_RETURN(EmploymentSpell spell, ReadSpell(row, fields));
    spells.push_back(std::move(spell));
  }
  return spells;
}

bool IsPayrollOutcome(std::string_view outcome) {
  return outcome == "employment_sustained_2y" || outcome == "median_wage_fraction_3y";
}

std::optional<Weight> MatchSpell(const ClaimRule& rule, Date registered_on, Date achieved_on,
                                 Date today, const EmploymentSpell& spell, Money median_wage) {
  if (spell.start < registered_on || spell.start > registered_on.AddMonths(rule.window_months)) {
    return std::nullopt;
  }
  if (spell.start > achieved_on || (spell.end && *spell.end < achieved_on)) return std::nullopt;
  const Date lasted_to = spell.end ? std::min(*spell.end, today) : today;
  if (lasted_to < SustainedOn(rule, achieved_on)) return std::nullopt;
  if (!rule.graded) return Weight::One();
  if (median_wage.pence() <= 0) return std::nullopt;
  if (spell.earnings >= median_wage) return Weight::One();
  auto fraction = Weight::FromRatio(spell.earnings.pence(), median_wage.pence());
  if (!fraction.ok()) return std::nullopt;
  return *fraction;
}

}  // namespace psl::payment
