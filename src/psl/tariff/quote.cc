// The fixed tariff pricing engine (TAR-1, TAR-3, TAR-6): one price with its itemised
// explanation. This is the hot path (goal: >= 1,000,000 quotes per second on one core), so the
// labels are built in stack buffers (class Label), not through streams or string appends.
#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <string>
#include <string_view>

#include "psl/tariff/tariff.h"

namespace psl::tariff {
namespace {

constexpr std::size_t kMaxIdInMessage = 100;  // outside ids quoted in errors are cut here

std::string Quoted(std::string_view id) {
  std::string text = "'";
  text += id.substr(0, kMaxIdInMessage);
  if (id.size() > kMaxIdInMessage) text += "...";
  text += "'";
  return text;
}

std::uint64_t Magnitude(std::int64_t value) {
  return value < 0 ? ~static_cast<std::uint64_t>(value) + 1 : static_cast<std::uint64_t>(value);
}

constexpr std::uint64_t PowerOfTen(int exponent) {
  std::uint64_t value = 1;
  for (int i = 0; i < exponent; ++i) value *= 10;
  return value;
}

// Builds one label in a stack buffer and makes it a std::string once, with one allocation:
// the pieces are short and many, and std::string::append per piece was the engine's main cost.
// Digits are written with 64-bit arithmetic (128-bit division is a library call per digit).
// Text longer than the buffer (a long district name) spills into a string; nothing is cut.
class Label {
 public:
  template <std::size_t N>
  Label& operator<<(const char (&literal)[N]) {  // a literal: its length is known here
    Put(literal, N - 1);
    return *this;
  }
  Label& operator<<(std::string_view text) {
    Put(text.data(), text.size());
    return *this;
  }

  Label& Int(std::int64_t value) {
    Room(kNumberRoom);
    if (value < 0) buffer_[size_++] = '-';
    PutUnsigned(Magnitude(value));
    return *this;
  }
  // `value` / 10^Decimals with exactly Decimals digits after the point: Fixed<3>(18223) is
  // 18.223. A template, so that the divisions are by constants.
  template <int Decimals>
  Label& Fixed(std::int64_t value) {
    static_assert(Decimals > 0 && Decimals <= 18);
    constexpr std::uint64_t kScale = PowerOfTen(Decimals);
    Room(kNumberRoom);
    if (value < 0) buffer_[size_++] = '-';
    const std::uint64_t magnitude = Magnitude(value);
    PutUnsigned(magnitude / kScale);
    buffer_[size_++] = '.';
    PutPadded(magnitude % kScale, Decimals);
    return *this;
  }
  Label& Of(Weight weight) { return Fixed<Weight::kDecimals>(weight.micros()); }
  // "£11,000.00", "-£5.50": the form of Money::Format.
  Label& Of(Money amount) {
    Room(kNumberRoom);
    if (amount.IsNegative()) buffer_[size_++] = '-';
    const std::uint64_t magnitude = Magnitude(amount.pence());
    PutPound();
    PutGrouped(magnitude / 100);
    buffer_[size_++] = '.';
    PutPadded(magnitude % 100, 2);
    return *this;
  }
  // An exact amount of pence × 10^-12 (pence × two six-decimal weights) in pounds, with as
  // many decimals as it needs and at least two: "£11,000.00", "£14,029.65408".
  Label& ExactPounds(bool negative, unsigned __int128 pico_pence) {
    constexpr int kDecimals = 14;  // 10^-12 pence = 10^-14 pounds
    constexpr std::uint64_t kPerPound = PowerOfTen(kDecimals);
    Room(kNumberRoom);
    if (negative && pico_pence != 0) buffer_[size_++] = '-';
    PutPound();
    // The pounds fit in 64 bits: the product is within half a penny of a Money amount.
    PutGrouped(static_cast<std::uint64_t>(pico_pence / kPerPound));
    buffer_[size_++] = '.';
    std::uint64_t fraction = static_cast<std::uint64_t>(pico_pence % kPerPound);
    int count = kDecimals;
    while (count > 2 && fraction % 10 == 0) {
      fraction /= 10;
      --count;
    }
    PutPadded(fraction, count);
    return *this;
  }
  // "2014-01".
  Label& Month(int year, int month) {
    Int(year);
    Room(kNumberRoom);
    buffer_[size_++] = '-';
    PutPadded(static_cast<std::uint64_t>(month), 2);
    return *this;
  }

  std::string Take() {
    if (spill_.empty()) return std::string(buffer_.data(), size_);
    spill_.append(buffer_.data(), size_);
    size_ = 0;
    return std::move(spill_);
  }

 private:
  static constexpr std::size_t kSize = 512;
  // The longest number: "-£" + 20 grouped digits (26) + "." + 14 decimals = 44 bytes.
  static constexpr std::size_t kNumberRoom = 64;

  void Room(std::size_t bytes) {
    if (size_ + bytes > kSize) {
      spill_.append(buffer_.data(), size_);
      size_ = 0;
    }
  }
  void Put(const char* text, std::size_t length) {
    if (length > kSize - kNumberRoom) {
      Room(kSize);
      spill_.append(text, length);
      return;
    }
    Room(length);
    std::memcpy(buffer_.data() + size_, text, length);
    size_ += length;
  }
  void PutPound() {
    buffer_[size_++] = '\xC2';  // £ in UTF-8
    buffer_[size_++] = '\xA3';
  }
  void PutUnsigned(std::uint64_t value) {
    const auto [end, error] = std::to_chars(buffer_.data() + size_, buffer_.data() + kSize, value);
    size_ = static_cast<std::size_t>(end - buffer_.data());
  }
  // With thousands separators: 11000 -> "11,000".
  void PutGrouped(std::uint64_t value) {
    std::array<char, 24> digits;
    const auto [end, error] = std::to_chars(digits.data(), digits.data() + digits.size(), value);
    const std::size_t n = static_cast<std::size_t>(end - digits.data());
    for (std::size_t i = 0; i < n; ++i) {
      if (i > 0 && (n - i) % 3 == 0) buffer_[size_++] = ',';
      buffer_[size_++] = digits[i];
    }
  }
  // `count` digits of `value` (< 10^count), zero-padded on the left.
  void PutPadded(std::uint64_t value, int count) {
    for (int i = count - 1; i >= 0; --i) {
      buffer_[size_ + static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
      value /= 10;
    }
    size_ += static_cast<std::size_t>(count);
  }

  std::array<char, kSize> buffer_;
  std::size_t size_ = 0;
  std::string spill_;
};

// How a weight came out of its formula, after "= ": the value, or the bound that applied.
void WeightOutcome(Label& label, __int128 unclamped_micros, Weight weight, Weight minimum,
                   Weight maximum) {
  if (unclamped_micros > maximum.micros()) {
    label << "more than the maximum, so the maximum ";
  } else if (unclamped_micros < minimum.micros()) {
    label << "less than the minimum, so the minimum ";
  }
  label.Of(weight) << " (bounded to ";
  label.Of(minimum) << "..";
  label.Of(maximum) << ").";
}

// Appends an item in place (no QuoteItem temporary to move).
QuoteItem& AddItem(Quote& quote, std::string_view kind, std::string_view id, Label& label) {
  QuoteItem& item = quote.items.emplace_back();
  item.kind.assign(kind.data(), kind.size());
  item.id.assign(id.data(), id.size());
  item.label = label.Take();
  return item;
}

__int128 Unclamped(std::int64_t slope, std::int64_t x, std::int64_t reference) {
  return static_cast<__int128>(Weight::kScale) +
         static_cast<__int128>(slope) * (static_cast<__int128>(x) - reference);
}

Status CheckBarriers(const std::vector<std::string>& barriers) {
  // Small lists (the usual case) are compared pairwise; long ones sorted, so that an outside
  // list of any length costs n log n.
  if (barriers.size() <= 16) {
    for (std::size_t i = 1; i < barriers.size(); ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        if (barriers[i] == barriers[j]) {
          return Status(ErrorCode::kInvalidArgument,
                        "the barrier " + Quoted(barriers[i]) + " is listed twice", "barriers");
        }
      }
    }
    return Status::Ok();
  }
  std::vector<std::string_view> sorted(barriers.begin(), barriers.end());
  std::sort(sorted.begin(), sorted.end());
  const auto duplicate = std::adjacent_find(sorted.begin(), sorted.end());
  if (duplicate != sorted.end()) {
    return Status(ErrorCode::kInvalidArgument,
                  "the barrier " + Quoted(*duplicate) + " is listed twice", "barriers");
  }
  return Status::Ok();
}

}  // namespace

Result<Quote> PriceOutcome(const Tariff& tariff, const Area& area, const UnemploymentSeries& series,
                           const QuoteRequest& request) {
  const OutcomeTariff* outcome = tariff.Find(request.outcome);
  if (outcome == nullptr) {
    return Status(ErrorCode::kNotFound,
                  "the outcome " + Quoted(request.outcome) + " has no price in tariff version " +
                      std::to_string(tariff.version),
                  "outcome");
  }
  PSL_RETURN_IF_ERROR(CheckBarriers(request.barriers));

  Quote quote;
  quote.items.reserve(request.barriers.size() + 4);
  {
    Label label;
    label << "Core payment for the outcome " << outcome->outcome << ": ";
    label.Of(outcome->core) << " (tariff version ";
    label.Int(tariff.version) << ").";
    AddItem(quote, "core", outcome->outcome, label).amount = outcome->core;
  }

  // The supplements, in the order given: the outcome's own amount when it has one, else the
  // tariff's default; a barrier the tariff does not know is an error naming it.
  Money base = outcome->core;
  for (const std::string& barrier : request.barriers) {
    const auto standard = tariff.supplements.find(barrier);
    if (standard == tariff.supplements.end()) {
      return Status(ErrorCode::kNotFound,
                    "unknown barrier " + Quoted(barrier) + ": tariff version " +
                        std::to_string(tariff.version) + " has no supplement for it",
                    "barriers");
    }
    const auto own = outcome->supplements.find(barrier);
    const bool overridden = own != outcome->supplements.end();
    const Money amount = overridden ? own->second : standard->second;
    PSL_ASSIGN_OR_RETURN(base, base.Add(amount));
    Label label;
    label << "Supplement for the barrier " << barrier << ": +";
    label.Of(amount);
    if (overridden) {
      label << " (this outcome's own amount; the tariff's default is ";
      label.Of(standard->second) << ")";
    }
    label << ".";
    AddItem(quote, "supplement", barrier, label).amount = amount;
  }

  PSL_ASSIGN_OR_RETURN(const RateUsed rate, RateFor(series, request.date));
  const GeographicWeighting& geographic = tariff.geographic;
  const CyclicalWeighting& cyclical = tariff.cyclical;
  const Weight geographic_weight = GeographicWeight(geographic, area.imd_score_milli);
  const Weight cyclical_weight = CyclicalWeight(cyclical, rate.rate.rate_tenths);
  PSL_ASSIGN_OR_RETURN(const Money price, ApplyWeights(base, {geographic_weight, cyclical_weight}));

  {
    Label label;
    label << "Geographic weight for " << area.name << " (" << area.code
          << "), IMD 2019 average score ";
    label.Fixed<3>(area.imd_score_milli) << " against the reference ";
    label.Fixed<3>(geographic.reference_score_milli) << ": 1 + ";
    label.Of(Weight::FromMicros(geographic.slope_micros_per_milli_point * 1000))
        << " per point \xC3\x97 (";
    label.Fixed<3>(area.imd_score_milli) << " - ";
    label.Fixed<3>(geographic.reference_score_milli) << ") = ";
    WeightOutcome(label,
                  Unclamped(geographic.slope_micros_per_milli_point, area.imd_score_milli,
                            geographic.reference_score_milli),
                  geographic_weight, geographic.minimum, geographic.maximum);
    AddItem(quote, "geographic_weight", area.code, label).weight = geographic_weight;
  }
  {
    Label month;
    month.Month(rate.rate.year, rate.rate.month);
    const std::string month_used = month.Take();
    Label label;
    label << "Cyclical weight for ";
    label.Month(request.date.year(), request.date.month()) << ": UK unemployment rate ";
    label.Fixed<1>(rate.rate.rate_tenths) << "% (ONS MGSX, " << month_used;
    if (rate.carried_forward) {
      label << "; carried forward from " << month_used << ", the latest month published";
    }
    label << ") against the long-run rate ";
    label.Fixed<1>(cyclical.reference_rate_tenths) << "%: 1 + ";
    label.Of(Weight::FromMicros(cyclical.slope_micros_per_tenth * 10))
        << " per percentage point \xC3\x97 (";
    label.Fixed<1>(rate.rate.rate_tenths) << " - ";
    label.Fixed<1>(cyclical.reference_rate_tenths) << ") = ";
    WeightOutcome(label,
                  Unclamped(cyclical.slope_micros_per_tenth, rate.rate.rate_tenths,
                            cyclical.reference_rate_tenths),
                  cyclical_weight, cyclical.minimum, cyclical.maximum);
    AddItem(quote, "cyclical_weight", month_used, label).weight = cyclical_weight;
  }
  {
    Label label;
    label.Of(base) << " \xC3\x97 ";
    label.Of(geographic_weight) << " \xC3\x97 ";
    label.Of(cyclical_weight) << " = ";
    // The exact product in pence × 10^-12. It fits in 128 bits whenever ApplyWeights succeeded
    // with non-zero weights; the guard covers the zero-weight shortcut of invalid tariffs.
    unsigned __int128 exact = 0;
    const bool fits =
        !__builtin_mul_overflow(static_cast<unsigned __int128>(Magnitude(base.pence())),
                                Magnitude(geographic_weight.micros()), &exact) &&
        !__builtin_mul_overflow(exact, Magnitude(cyclical_weight.micros()), &exact);
    if (fits) {
      const bool negative =
          (base.IsNegative() != (geographic_weight.micros() < 0)) != (cyclical_weight.micros() < 0);
      label.ExactPounds(negative, exact) << " exactly, rounded once, half away from zero, to "
                                            "the penny: ";
    } else {
      label << "rounded once, half away from zero, to the penny: ";
    }
    label.Of(price) << ".";
    AddItem(quote, "rounding", "", label);
  }

  quote.outcome = outcome->outcome;
  quote.base = base;
  quote.geographic_weight = geographic_weight;
  quote.cyclical_weight = cyclical_weight;
  quote.price = price;
  quote.tariff_version = tariff.version;
  return quote;
}

}  // namespace psl::tariff
