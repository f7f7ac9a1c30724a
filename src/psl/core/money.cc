#include "psl/core/money.h"

#include <limits>

namespace psl {
namespace {

Status OverflowError(std::string_view operation) {
  return Status(ErrorCode::kOverflow,
                std::string("amount out of range in ") + std::string(operation));
}

Status ParseError(std::string_view text, std::string_view why) {
  return Status(ErrorCode::kInvalidArgument,
                "not an amount of money: '" + std::string(text) + "' (" + std::string(why) +
                    "); write it like 11000.00 or £11,000.00");
}

// Digits with optional thousands separators; "1,000,000" or "1000000", never "1,00".
bool ParseWholePounds(std::string_view digits, std::int64_t& pounds) {
  if (digits.empty()) return false;
  const bool grouped = digits.find(',') != std::string_view::npos;
  if (grouped) {
    const auto first_comma = digits.find(',');
    if (first_comma == 0 || first_comma > 3) return false;
    // From the first comma on, a comma every fourth place and only there: ",ddd,ddd".
    if ((digits.size() - first_comma) % 4 != 0) return false;
    for (std::size_t i = first_comma; i < digits.size(); ++i) {
      if ((digits[i] == ',') != ((i - first_comma) % 4 == 0)) return false;
    }
  }
  pounds = 0;
  for (char c : digits) {
    if (c == ',') continue;
    if (c < '0' || c > '9') return false;
    if (__builtin_mul_overflow(pounds, 10, &pounds)) return false;
    if (__builtin_add_overflow(pounds, c - '0', &pounds)) return false;
  }
  return true;
}

}  // namespace

Result<Money> Money::Add(Money other) const {
  std::int64_t sum = 0;
  if (__builtin_add_overflow(pence_, other.pence_, &sum)) return OverflowError("addition");
  return Money(sum);
}

Result<Money> Money::Subtract(Money other) const {
  std::int64_t difference = 0;
  if (__builtin_sub_overflow(pence_, other.pence_, &difference)) {
    return OverflowError("subtraction");
  }
  return Money(difference);
}

Result<Money> Money::MultiplyBy(std::int64_t factor) const {
  std::int64_t product = 0;
  if (__builtin_mul_overflow(pence_, factor, &product)) return OverflowError("multiplication");
  return Money(product);
}

Result<Money> Money::Negate() const {
  if (pence_ == std::numeric_limits<std::int64_t>::min()) return OverflowError("negation");
  return Money(-pence_);
}

Result<Money> Money::Parse(std::string_view text) {
  std::string_view rest = text;
  bool negative = false;
  constexpr std::string_view kPound = "\xC2\xA3";  // £ in UTF-8
  if (!rest.empty() && rest.front() == '-') {
    negative = true;
    rest.remove_prefix(1);
  }
  if (rest.starts_with(kPound)) rest.remove_prefix(kPound.size());
  if (!negative && !rest.empty() && rest.front() == '-') {
    negative = true;
    rest.remove_prefix(1);
  }
  if (rest.empty()) return ParseError(text, "no digits");

  std::string_view whole = rest;
  std::string_view fraction;
  if (const auto dot = rest.find('.'); dot != std::string_view::npos) {
    whole = rest.substr(0, dot);
    fraction = rest.substr(dot + 1);
    if (fraction.empty()) return ParseError(text, "no digits after the decimal point");
    if (fraction.size() > 2) return ParseError(text, "more than two decimals");
  }
  std::int64_t pounds = 0;
  if (!ParseWholePounds(whole, pounds)) return ParseError(text, "bad digits or grouping");
  std::int64_t pence_part = 0;
  for (char c : fraction) {
    if (c < '0' || c > '9') return ParseError(text, "bad decimals");
    pence_part = pence_part * 10 + (c - '0');
  }
  if (fraction.size() == 1) pence_part *= 10;

  // In 128 bits: the magnitude of the most negative amount is one more than the largest.
  const __int128 magnitude = static_cast<__int128>(pounds) * 100 + pence_part;
  const __int128 pence = negative ? -magnitude : magnitude;
  if (pence < std::numeric_limits<std::int64_t>::min() ||
      pence > std::numeric_limits<std::int64_t>::max()) {
    return OverflowError("parsing");
  }
  return Money(static_cast<std::int64_t>(pence));
}

namespace {

std::string FormatWith(std::int64_t pence, bool grouped, std::string_view symbol) {
  // Work in unsigned so that the most negative amount formats without overflow.
  const bool negative = pence < 0;
  const std::uint64_t magnitude =
      negative ? ~static_cast<std::uint64_t>(pence) + 1 : static_cast<std::uint64_t>(pence);
  const std::uint64_t pounds = magnitude / 100;
  const unsigned pennies = static_cast<unsigned>(magnitude % 100);

  // Grouping appends rather than inserts: GCC 12 at -O3 reports a false -Wrestrict on
  // std::string::insert here.
  const std::string digits = std::to_string(pounds);
  std::string text;
  if (negative) text += '-';
  text += symbol;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (grouped && i > 0 && (digits.size() - i) % 3 == 0) text += ',';
    text += digits[i];
  }
  text += '.';
  text += static_cast<char>('0' + pennies / 10);
  text += static_cast<char>('0' + pennies % 10);
  return text;
}

}  // namespace

std::string Money::Format() const { return FormatWith(pence_, true, "\xC2\xA3"); }
std::string Money::FormatPlain() const { return FormatWith(pence_, false, ""); }

}  // namespace psl
