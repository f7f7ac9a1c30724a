// The satisfaction survey's storage (PAY-6, docs/payment.md §4): who was invited at which wave,
// their answer, how far each wave's job has looked, and the counts that rates are made of.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "psl/core/date.h"
#include "psl/core/ids.h"
#include "psl/core/timestamp.h"
#include "psl/store/connection.h"

namespace psl::store {

struct SurveyCounts {
  std::int64_t recommending = 0;  // extremely likely + likely
  std::int64_t valid = 0;         // every answer but "don't know"
};

struct SurveyInvitationRecord {
  std::int64_t id = 0;
  std::int64_t registration_id = 0;
  CitizenId citizen;
  ProviderId provider;
  int wave_months = 0;
  Date invited_on;
  std::optional<std::string> answer;  // payment::AnswerName; none until answered
  std::optional<Date> answered_on;
  std::optional<Timestamp> answered_at;
  // Read with the invitation, for the citizen's page.
  std::string provider_name;
  std::string end_result;
};

// A registration the job may invite: enough to write the invitation without reading it again.
struct SurveyCandidate {
  std::int64_t registration_id = 0;
  CitizenId citizen;
  ProviderId provider;
  Date registered_on;
};

struct ProviderSurveyCounts {
  ProviderId provider;
  std::string provider_name;
  SurveyCounts counts;
  std::int64_t answers = 0;  // including "don't know"
};

class SurveyTable {
 public:
  explicit SurveyTable(Connection& connection) : connection_(connection) {}

  // --- The job's watermark: registrations dated on or before it were considered for the wave.
  Result<std::optional<Date>> DoneThrough(int wave_months);
  // Moves the watermark forward, never back (two runs may overlap; the later date wins).
  Status SetDoneThrough(int wave_months, Date through);

  // Registrations (active or ended) dated on or before `through` that come after the cursor
  // (`cursor_date`, `cursor_id`) in (registered_on, id) order, at most `limit`. Starting at
  // (watermark, INT64_MAX) skips everything the watermark covers.
  Result<std::vector<SurveyCandidate>> Candidates(Date through, Date cursor_date,
                                                  std::int64_t cursor_id, int limit);

  // The new invitation's id, or nullopt when the registration was already invited at this wave.
  Result<std::optional<std::int64_t>> Invite(const SurveyInvitationRecord& invitation);
  Result<std::optional<SurveyInvitationRecord>> Get(std::int64_t id);
  // Newest first, at most `limit`.
  Result<std::vector<SurveyInvitationRecord>> ForCitizen(CitizenId citizen, int limit);
  // False when the invitation was already answered (or does not exist): an answer is final.
  Result<bool> RecordAnswer(std::int64_t id, std::string_view answer, Date on, Timestamp at);

  // --- Counts over answers with answered_on in [from, to] ---
  Result<SurveyCounts> ProviderCounts(ProviderId provider, Date from, Date to);
  Result<SurveyCounts> NationalCounts(Date from, Date to);
  // Every provider with at least one answer in the period, by provider id.
  Result<std::vector<ProviderSurveyCounts>> CountsByProvider(Date from, Date to);
  // The provider's recommend rate in basis points (recommending × 10000 / valid, rounded half
  // away from zero, as choice::Inform rounds), or nullopt below `minimum` valid answers (and
  // always with none): "not enough data" for CHO-2.
  Result<std::optional<std::int64_t>> RecommendBasisPoints(ProviderId provider, Date from, Date to,
                                                           int minimum);

 private:
  Connection& connection_;
};

}  // namespace psl::store
