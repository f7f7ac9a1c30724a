// The fixed tariff pricing engine (TAR-1, TAR-3, TAR-6): one price with its itemised
// explanation. This is the hot path (goal: >= 1,000,000 quotes per second on one core), so the
// labels are built by appending digits into strings reserved once, not through streams.
#include <algorithm>
#include <array>
#include <charconv>
#include <string>
#include <string_view>

#include "psl/tariff/tariff.h"

namespace psl::tariff {
namespace {

constexpr std::string_view kPound = "\xC2\xA3";  // £ in UTF-8
constexpr std::size_t kMaxIdInMessage = 100;     // outside ids quoted in errors are cut here

std::string Quoted(std::string_view id) {
  std::string text = "'";
  text += id.substr(0, kMaxIdInMessage);
  if (id.size() > kMaxIdInMessage) text += "...";
  text += "'";
  return text;
}

void AppendUnsigned(std::string& out, unsigned __int128 value) {
  std::array<char, 40> digits;
  std::size_t n = 0;
  do {
    digits[n++] = static_cast<char>('0' + static_cast<int>(value % 10));
    value /= 10;
  } while (value != 0);
  while (n > 0) out += digits[--n];
}

void AppendInt(std::string& out, std::int64_t value) {
  std::array<char, 24> buffer;
  const auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  out.append(buffer.data(), end);
}

unsigned __int128 Magnitude(std::int64_t value) {
  return value < 0 ? static_cast<unsigned __int128>(-static_cast<__int128>(value))
                   : static_cast<unsigned __int128>(value);
}

// Whole units with thousands separators: 11000 -> "11,000".
void AppendGrouped(std::string& out, unsigned __int128 value) {
  std::array<char, 40> digits;
  std::size_t n = 0;
  do {
    digits[n++] = static_cast<char>('0' + static_cast<int>(value % 10));
    value /= 10;
  } while (value != 0);
  while (n > 0) {
    out += digits[--n];
    if (n > 0 && n % 3 == 0) out += ',';
  }
}

// `value` / 10^decimals with exactly `decimals` digits after the point: (18223, 3) -> "18.223".
void AppendFixed(std::string& out, std::int64_t value, int decimals) {
  if (value < 0) out += '-';
  unsigned __int128 magnitude = Magnitude(value);
  unsigned __int128 scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  AppendUnsigned(out, magnitude / scale);
  if (decimals == 0) return;
  out += '.';
  unsigned __int128 fraction = magnitude % scale;
  for (unsigned __int128 digit = scale / 10; digit > 0; digit /= 10) {
    out += static_cast<char>('0' + static_cast<int>(fraction / digit));
    fraction %= digit;
  }
}

// "£11,000.00", "-£5.50": the form of Money::Format, without its temporary string.
void AppendMoney(std::string& out, Money amount) {
  if (amount.IsNegative()) out += '-';
  const unsigned __int128 magnitude = Magnitude(amount.pence());
  out += kPound;
  AppendGrouped(out, magnitude / 100);
  out += '.';
  out += static_cast<char>('0' + static_cast<int>(magnitude % 100 / 10));
  out += static_cast<char>('0' + static_cast<int>(magnitude % 10));
}

void AppendWeight(std::string& out, Weight weight) {
  AppendFixed(out, weight.micros(), Weight::kDecimals);
}

// An exact amount of pence × 10^-12 (pence × two six-decimal weights) in pounds, with as many
// decimals as it needs and at least two: "£11,000.00", "£1,456.123456789012".
void AppendExactPounds(std::string& out, bool negative, unsigned __int128 pico_pence) {
  constexpr unsigned __int128 kPerPound = static_cast<unsigned __int128>(100) * 1'000'000'000'000;
  if (negative && pico_pence != 0) out += '-';
  out += kPound;
  AppendGrouped(out, pico_pence / kPerPound);
  out += '.';
  unsigned __int128 fraction = pico_pence % kPerPound;
  int written = 0;
  for (unsigned __int128 digit = kPerPound / 10; digit > 0; digit /= 10) {
    if (written >= 2 && fraction == 0) break;
    out += static_cast<char>('0' + static_cast<int>(fraction / digit));
    fraction %= digit;
    ++written;
  }
}

void AppendMonth(std::string& out, int year, int month) {
  AppendInt(out, year);
  out += month < 10 ? "-0" : "-";
  AppendInt(out, month);
}

std::string MonthId(int year, int month) {
  std::string id;
  AppendMonth(id, year, month);
  return id;
}

QuoteItem MoneyItem(std::string_view kind, std::string_view id, std::string label, Money amount) {
  QuoteItem item;
  item.kind = kind;
  item.id = id;
  item.label = std::move(label);
  item.amount = amount;
  return item;
}

// How a weight came out of its formula, after "= ": the value, or the bound that applied.
void AppendWeightOutcome(std::string& out, __int128 unclamped_micros, Weight weight, Weight minimum,
                         Weight maximum) {
  if (unclamped_micros > maximum.micros()) {
    out += "more than the maximum, so the maximum ";
  } else if (unclamped_micros < minimum.micros()) {
    out += "less than the minimum, so the minimum ";
  }
  AppendWeight(out, weight);
  out += " (bounded to ";
  AppendWeight(out, minimum);
  out += "..";
  AppendWeight(out, maximum);
  out += ").";
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

  // The supplements, in the order given: the outcome's own amount when it has one, else the
  // tariff's default; a barrier the tariff does not know is an error naming it.
  PSL_RETURN_IF_ERROR(CheckBarriers(request.barriers));
  Quote quote;
  quote.items.reserve(request.barriers.size() + 4);
  quote.items.push_back({});  // the core line, written once the version is known below
  Money base = outcome->core;
  for (const std::string& barrier : request.barriers) {
    const auto own = outcome->supplements.find(barrier);
    const bool overridden = own != outcome->supplements.end();
    const auto standard = tariff.supplements.find(barrier);
    if (standard == tariff.supplements.end()) {
      return Status(ErrorCode::kNotFound,
                    "unknown barrier " + Quoted(barrier) + ": tariff version " +
                        std::to_string(tariff.version) + " has no supplement for it",
                    "barriers");
    }
    const Money amount = overridden ? own->second : standard->second;
    PSL_ASSIGN_OR_RETURN(base, base.Add(amount));
    std::string label;
    label.reserve(120);
    label += "Supplement for the barrier ";
    label += barrier;
    label += ": +";
    AppendMoney(label, amount);
    if (overridden) {
      label += " (this outcome's own amount; the tariff's default is ";
      AppendMoney(label, standard->second);
      label += ")";
    }
    label += '.';
    quote.items.push_back(MoneyItem("supplement", barrier, std::move(label), amount));
  }
  PSL_ASSIGN_OR_RETURN(const RateUsed rate, RateFor(series, request.date));

  const GeographicWeighting& geographic = tariff.geographic;
  const CyclicalWeighting& cyclical = tariff.cyclical;
  const Weight geographic_weight = GeographicWeight(geographic, area.imd_score_milli);
  const Weight cyclical_weight = CyclicalWeight(cyclical, rate.rate.rate_tenths);
  PSL_ASSIGN_OR_RETURN(const Money price, ApplyWeights(base, {geographic_weight, cyclical_weight}));

  {
    std::string label;
    label.reserve(96);
    label += "Core payment for the outcome ";
    label += outcome->outcome;
    label += ": ";
    AppendMoney(label, outcome->core);
    label += " (tariff version ";
    AppendInt(label, tariff.version);
    label += ").";
    quote.items.front() = MoneyItem("core", outcome->outcome, std::move(label), outcome->core);
  }
  {
    QuoteItem item;
    item.kind = "geographic_weight";
    item.id = area.code;
    item.weight = geographic_weight;
    std::string& label = item.label;
    label.reserve(256);
    label += "Geographic weight for ";
    label += area.name;
    label += " (";
    label += area.code;
    label += "), IMD 2019 average score ";
    AppendFixed(label, area.imd_score_milli, 3);
    label += " against the reference ";
    AppendFixed(label, geographic.reference_score_milli, 3);
    label += ": 1 + ";
    AppendWeight(label, Weight::FromMicros(geographic.slope_micros_per_milli_point * 1000));
    label += " per point \xC3\x97 (";
    AppendFixed(label, area.imd_score_milli, 3);
    label += " - ";
    AppendFixed(label, geographic.reference_score_milli, 3);
    label += ") = ";
    AppendWeightOutcome(label,
                        Unclamped(geographic.slope_micros_per_milli_point, area.imd_score_milli,
                                  geographic.reference_score_milli),
                        geographic_weight, geographic.minimum, geographic.maximum);
    quote.items.push_back(std::move(item));
  }
  {
    QuoteItem item;
    item.kind = "cyclical_weight";
    item.id = MonthId(rate.rate.year, rate.rate.month);
    item.weight = cyclical_weight;
    std::string& label = item.label;
    label.reserve(320);
    label += "Cyclical weight for ";
    AppendMonth(label, request.date.year(), request.date.month());
    label += ": UK unemployment rate ";
    AppendFixed(label, rate.rate.rate_tenths, 1);
    label += "% (ONS MGSX, ";
    label += item.id;
    if (rate.carried_forward) {
      label += "; carried forward from ";
      label += item.id;
      label += ", the latest month published";
    }
    label += ") against the long-run rate ";
    AppendFixed(label, cyclical.reference_rate_tenths, 1);
    label += "%: 1 + ";
    AppendWeight(label, Weight::FromMicros(cyclical.slope_micros_per_tenth * 10));
    label += " per percentage point \xC3\x97 (";
    AppendFixed(label, rate.rate.rate_tenths, 1);
    label += " - ";
    AppendFixed(label, cyclical.reference_rate_tenths, 1);
    label += ") = ";
    AppendWeightOutcome(label,
                        Unclamped(cyclical.slope_micros_per_tenth, rate.rate.rate_tenths,
                                  cyclical.reference_rate_tenths),
                        cyclical_weight, cyclical.minimum, cyclical.maximum);
    quote.items.push_back(std::move(item));
  }
  {
    QuoteItem item;
    item.kind = "rounding";
    std::string& label = item.label;
    label.reserve(200);
    AppendMoney(label, base);
    label += " \xC3\x97 ";
    AppendWeight(label, geographic_weight);
    label += " \xC3\x97 ";
    AppendWeight(label, cyclical_weight);
    label += " = ";
    // The exact product in pence × 10^-12. It fits in 128 bits whenever ApplyWeights succeeded
    // with non-zero weights; the guard covers the zero-weight shortcut of invalid tariffs.
    unsigned __int128 exact = 0;
    const bool fits = !__builtin_mul_overflow(Magnitude(base.pence()),
                                              Magnitude(geographic_weight.micros()), &exact) &&
                      !__builtin_mul_overflow(exact, Magnitude(cyclical_weight.micros()), &exact);
    if (fits) {
      const bool negative =
          (base.IsNegative() != (geographic_weight.micros() < 0)) != (cyclical_weight.micros() < 0);
      AppendExactPounds(label, negative, exact);
      label += " exactly, rounded once, half away from zero, to the penny: ";
    } else {
      label += "rounded once, half away from zero, to the penny: ";
    }
    AppendMoney(label, price);
    label += '.';
    quote.items.push_back(std::move(item));
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
