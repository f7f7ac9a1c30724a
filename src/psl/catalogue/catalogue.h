// The outcomes framework (OUT-1..4): End Results and the King Outcomes that measure them, as a
// versioned, data-driven catalogue. Pure domain. New outcomes arrive as a new catalogue version
// (imported as a file through the API or CLI), never as code; a registration keeps the version
// it was made under (OUT-3).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "psl/core/result.h"

namespace psl::catalogue {

// Ids are snake_case: [a-z][a-z0-9_]*, at most 64 characters.
bool IsSnakeCaseId(std::string_view id);
inline constexpr std::size_t kMaxIdLength = 64;

struct EndResult {
  std::string id;    // "individual_prosperity"
  std::string name;  // "Individual prosperity"
};

enum class OutcomeKind { kBinary, kGraded };  // graded: a fraction 0..1 achieved, capped at 1
std::string_view OutcomeKindName(OutcomeKind kind);
Result<OutcomeKind> ParseOutcomeKind(std::string_view name);  // "binary" | "graded"

struct KingOutcome {
  std::string id;          // "employment_sustained_2y"
  std::string end_result;  // an EndResult id
  std::string name;
  OutcomeKind kind = OutcomeKind::kBinary;
  int window_months = 0;   // must be reached within this many months of registration (> 0)
  int sustain_months = 0;  // and then sustained this long (>= 0)
  std::string evidence;    // what proves it
  // LIC-4: the top-up licence a provider needs to deliver it ("clinical_governance",
  // "child_safeguarding"), or none (the general licence covers it).
  std::optional<std::string> top_up_licence;
  // OUT-4: a skunkworks outcome is a tougher variant of another King Outcome.
  std::optional<std::string> skunkworks_variant_of;
};

struct Catalogue {
  int version = 0;  // 1, 2, ...
  std::vector<EndResult> end_results;
  std::vector<KingOutcome> outcomes;

  const EndResult* FindEndResult(std::string_view id) const;
  const KingOutcome* FindOutcome(std::string_view id) const;
};

// Shape and consistency: version >= 1; ids snake_case and unique; names 1..200 characters;
// every outcome names a known End Result; window 1..600 months, sustain 0..600; evidence
// 1..2000 characters; a top-up is one of licensing::kTopUpLicences; a skunkworks variant names
// a non-skunkworks outcome of the same End Result. kInvalidArgument naming the offending field
// as "outcomes[3].window_months" style paths.
Status ValidateCatalogue(const Catalogue& catalogue);

// Field-by-field equality (round trips of the JSON files, tests).
bool operator==(const EndResult& a, const EndResult& b);
bool operator==(const KingOutcome& a, const KingOutcome& b);
bool operator==(const Catalogue& a, const Catalogue& b);

// The default catalogue of SPEC OUT-1 (report Annex A/B), version 1.
const Catalogue& DefaultCatalogue();

}  // namespace psl::catalogue
