// libFuzzer target for the trusted evidence feed's CSV parser (payment::ParseEmploymentSpells),
// the one way outside payroll data enters PSL (PAY-7), and the spell matching it feeds.
//
// Besides the sanitizers' own findings, the target traps (__builtin_trap) when a promise is
// broken:
//  - an error is kInvalidArgument (or kResourceExhausted) naming the field "csv" with a message
//    that names the row;
//  - an accepted feed is within the documented limits: at most kMaxFeedRows rows, row numbers
//    ascending from 2, citizen and employer non-empty and bounded, an end never before the
//    start, earnings between 0 and kMaxFeedEarnings;
//  - matching any accepted spell against a claim gives a fraction between 0 and 1.
//
// Run it with scripts/fuzz.sh feed_csv; the seed corpus is fuzz/corpus/feed_csv/.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "psl/payment/feed.h"

namespace {

using psl::ErrorCode;

void Require(bool condition) {
  if (!condition) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = psl::payment::ParseEmploymentSpells(text);
  if (!parsed.ok()) {
    const auto& status = parsed.status();
    Require(status.code() == ErrorCode::kInvalidArgument ||
            status.code() == ErrorCode::kResourceExhausted);
    Require(status.field() == "csv");
    Require(!status.message().empty());
    if (status.code() == ErrorCode::kInvalidArgument) {
      Require(status.message().rfind("row ", 0) == 0);
    }
    return 0;
  }
  Require(parsed->size() <= psl::payment::kMaxFeedRows);
  std::size_t previous_row = 1;
  const psl::payment::ClaimRule binary{false, 12, 24};
  const psl::payment::ClaimRule graded{true, 36, 0};
  const psl::Money median = psl::Money::FromPence(3'743'000);
  for (const auto& spell : *parsed) {
    Require(spell.row > previous_row);
    previous_row = spell.row;
    Require(!spell.citizen.empty() && spell.citizen.size() <= psl::payment::kMaxFeedCitizenLength);
    Require(!spell.employer.empty() &&
            spell.employer.size() <= psl::payment::kMaxFeedEmployerLength);
    Require(!spell.end || *spell.end >= spell.start);
    Require(!spell.earnings.IsNegative() && spell.earnings <= psl::payment::kMaxFeedEarnings);
    for (const auto& rule : {binary, graded}) {
      const auto fraction = psl::payment::MatchSpell(rule, spell.start, spell.start,
                                                     spell.start.AddDays(3650), spell, median);
      if (fraction) {
        Require(*fraction >= psl::Weight::FromMicros(0) && *fraction <= psl::Weight::One());
      }
    }
  }
  return 0;
}
