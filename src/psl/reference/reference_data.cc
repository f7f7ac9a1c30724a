#include "psl/reference/reference_data.h"

#include <array>
#include <optional>
#include <set>
#include <string>
#include <utility>

namespace psl::reference {

namespace built_in {
extern const std::string_view kAreasCsv;
extern const std::string_view kUnemploymentCsv;
}  // namespace built_in

namespace {

constexpr std::size_t kMaxLines = 100'000;
constexpr std::size_t kMaxFieldBytes = 5000;

// Reads CSV one record per line (LF or CRLF), fields separated by commas, RFC 4180 quotes
// within a line ("a, b" and "say ""hi"""). A quoted field may not span lines: none of PSL's
// files needs it. Errors name the line and the column.
class CsvReader {
 public:
  explicit CsvReader(std::string_view text) : rest_(text) {}

  int line() const { return line_; }

  // The next record's fields into `fields`; false at the end of the text. A final line ending
  // is not an empty record, but an empty line anywhere else is an error.
  Result<bool> Next(std::vector<std::string>& fields) {
    fields.clear();
    if (rest_.empty()) return false;
    if (++line_ > static_cast<int>(kMaxLines)) {
      return Error("more than " + std::to_string(kMaxLines) + " lines", "");
    }
    const std::size_t end = rest_.find('\n');
    std::string_view text = rest_.substr(0, end);
    rest_ = end == std::string_view::npos ? std::string_view() : rest_.substr(end + 1);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (text.empty()) return Error("the line is empty", "");
    std::string field;
    std::size_t i = 0;
    while (true) {
      field.clear();
      if (i < text.size() && text[i] == '"') {
        ++i;
        while (true) {
          if (i >= text.size())
            return Error(ColumnText(fields.size()) + "a quote is not closed", "");
          if (text[i] == '"') {
            if (i + 1 < text.size() && text[i + 1] == '"') {
              field += '"';
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          field += text[i++];
        }
        if (i < text.size() && text[i] != ',') {
          return Error(ColumnText(fields.size()) + "text after a closing quote", "");
        }
      } else {
        while (i < text.size() && text[i] != ',') {
          if (text[i] == '"') {
            return Error(ColumnText(fields.size()) + "a quote inside an unquoted field", "");
          }
          field += text[i++];
        }
      }
      if (field.size() > kMaxFieldBytes) {
        return Error(ColumnText(fields.size()) + "a field is longer than " +
                         std::to_string(kMaxFieldBytes) + " bytes",
                     "");
      }
      if (fields.size() >= 64) return Error("more than 64 columns", "");
      fields.push_back(field);
      if (i >= text.size()) break;
      ++i;  // the comma
      if (i == text.size()) {
        fields.emplace_back();  // a trailing comma ends with an empty field
        break;
      }
    }
    return true;
  }

  Status Error(const std::string& message, std::string field) const {
    return Status(ErrorCode::kInvalidArgument, "line " + std::to_string(line_) + ": " + message,
                  std::move(field));
  }

  // "line 5, column 4 (imd_average_score): <message>", field = the column's name.
  Status ColumnError(std::size_t column, std::string_view name, const std::string& message) const {
    return Status(ErrorCode::kInvalidArgument,
                  "line " + std::to_string(line_) + ", column " + std::to_string(column + 1) +
                      " (" + std::string(name) + "): " + message,
                  std::string(name));
  }

 private:
  static std::string ColumnText(std::size_t column) {
    return "column " + std::to_string(column + 1) + ": ";
  }

  std::string_view rest_;
  int line_ = 0;
};

template <std::size_t N>
Status ReadHeader(CsvReader& reader, const std::array<std::string_view, N>& expected) {
  std::vector<std::string> fields;
  PSL_ASSIGN_OR_RETURN(const bool any, reader.Next(fields));
  std::string wanted;
  for (std::string_view name : expected) {
    if (!wanted.empty()) wanted += ',';
    wanted += name;
  }
  bool same = any && fields.size() == N;
  for (std::size_t i = 0; same && i < N; ++i) same = fields[i] == expected[i];
  if (!same) return reader.Error("the header must be exactly " + wanted, "");
  return Status::Ok();
}

Status CheckColumns(const CsvReader& reader, const std::vector<std::string>& fields,
                    std::size_t count) {
  if (fields.size() != count) {
    return reader.Error(
        std::to_string(fields.size()) + " columns where the header has " + std::to_string(count),
        "");
  }
  return Status::Ok();
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// "18.223", "5.5", "45" -> thousandths (or tenths: decimals = 1); at most `max_decimals`
// decimals and `max_whole_digits` digits before the point; no sign.
std::optional<std::int64_t> ParseDecimal(std::string_view text, int max_whole_digits,
                                         int min_decimals, int max_decimals, int scale_decimals) {
  const std::size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view fraction =
      dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  if (whole.empty() || whole.size() > static_cast<std::size_t>(max_whole_digits)) return {};
  if (dot != std::string_view::npos && fraction.empty()) return {};
  if (fraction.size() < static_cast<std::size_t>(min_decimals) ||
      fraction.size() > static_cast<std::size_t>(max_decimals)) {
    return {};
  }
  std::int64_t value = 0;
  for (char c : whole) {
    if (!IsDigit(c)) return {};
    value = value * 10 + (c - '0');
  }
  for (int i = 0; i < scale_decimals; ++i) {
    const char c = static_cast<std::size_t>(i) < fraction.size() ? fraction[i] : '0';
    if (!IsDigit(c)) return {};
    value = value * 10 + (c - '0');
  }
  return value;
}

bool IsAreaCode(std::string_view code) {
  if (code.empty() || code.size() > 16) return false;
  for (char c : code) {
    if (!IsDigit(c) && !(c >= 'A' && c <= 'Z')) return false;
  }
  return true;
}

}  // namespace

Result<std::vector<tariff::Area>> ParseAreasCsv(std::string_view csv) {
  static constexpr std::array<std::string_view, 4> kHeader = {"lad_code", "lad_name", "region",
                                                              "imd_average_score"};
  CsvReader reader(csv);
  PSL_RETURN_IF_ERROR(ReadHeader(reader, kHeader));
  std::vector<tariff::Area> areas;
  std::set<std::string> codes;
  std::vector<std::string> fields;
  while (true) {
    PSL_ASSIGN_OR_RETURN(const bool any, reader.Next(fields));
    if (!any) break;
    PSL_RETURN_IF_ERROR(CheckColumns(reader, fields, kHeader.size()));
    if (!IsAreaCode(fields[0])) {
      return reader.ColumnError(
          0, kHeader[0], "a district code is 1 to 16 capital letters and digits, like E06000001");
    }
    if (!codes.insert(fields[0]).second) {
      return reader.ColumnError(0, kHeader[0], "the district " + fields[0] + " is listed twice");
    }
    for (std::size_t column : {std::size_t{1}, std::size_t{2}}) {
      if (fields[column].empty() || fields[column].size() > 200) {
        return reader.ColumnError(column, kHeader[column], "must be 1 to 200 characters");
      }
    }
    const auto score = ParseDecimal(fields[3], 4, 0, 3, 3);
    if (!score) {
      return reader.ColumnError(3, kHeader[3],
                                "a score is a number with at most three decimals, like 18.223");
    }
    areas.push_back(tariff::Area{fields[0], fields[1], *score});
  }
  if (areas.empty()) return reader.Error("no districts after the header", "");
  return areas;
}

Result<tariff::UnemploymentSeries> ParseUnemploymentCsv(std::string_view csv) {
  static constexpr std::array<std::string_view, 3> kHeader = {"period", "date", "MGSX"};
  CsvReader reader(csv);
  PSL_RETURN_IF_ERROR(ReadHeader(reader, kHeader));
  tariff::UnemploymentSeries series;
  std::vector<std::string> fields;
  while (true) {
    PSL_ASSIGN_OR_RETURN(const bool any, reader.Next(fields));
    if (!any) break;
    PSL_RETURN_IF_ERROR(CheckColumns(reader, fields, kHeader.size()));
    if (fields[0].empty() || fields[0].size() > 32) {
      return reader.ColumnError(0, kHeader[0], "must be 1 to 32 characters, like 1971 FEB");
    }
    const std::string& date = fields[1];
    const bool shaped = date.size() == 7 && date[4] == '-' && IsDigit(date[0]) &&
                        IsDigit(date[1]) && IsDigit(date[2]) && IsDigit(date[3]) &&
                        IsDigit(date[5]) && IsDigit(date[6]);
    const auto digit = [&](std::size_t i) { return date[i] - '0'; };
    const int year = shaped ? digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3) : 0;
    const int month = shaped ? digit(5) * 10 + digit(6) : 0;
    if (!shaped || year < 1 || month < 1 || month > 12) {
      return reader.ColumnError(1, kHeader[1], "a month is written YYYY-MM, like 1971-02");
    }
    const auto rate = ParseDecimal(fields[2], 3, 1, 1, 1);
    if (!rate || *rate > 1000) {
      return reader.ColumnError(
          2, kHeader[2], "a rate is a percentage from 0.0 to 100.0 with one decimal, like 3.8");
    }
    if (!series.months.empty()) {
      const tariff::MonthlyRate& previous = series.months.back();
      if (year * 12 + month <= previous.year * 12 + previous.month) {
        return reader.ColumnError(1, kHeader[1],
                                  "the months must be in ascending order, each listed once");
      }
    }
    series.months.push_back(tariff::MonthlyRate{year, month, static_cast<int>(*rate)});
  }
  if (series.months.empty()) return reader.Error("no months after the header", "");
  return series;
}

std::string_view BuiltInAreasCsv() { return built_in::kAreasCsv; }
std::string_view BuiltInUnemploymentCsv() { return built_in::kUnemploymentCsv; }

const std::vector<tariff::Area>& BuiltInAreas() {
  static const std::vector<tariff::Area> areas = [] {
    auto parsed = ParseAreasCsv(built_in::kAreasCsv);
    PSL_CHECK(parsed.ok(), "the built-in data/areas.csv does not parse");
    return std::move(parsed).value();
  }();
  return areas;
}

const tariff::UnemploymentSeries& BuiltInUnemployment() {
  static const tariff::UnemploymentSeries series = [] {
    auto parsed = ParseUnemploymentCsv(built_in::kUnemploymentCsv);
    PSL_CHECK(parsed.ok(), "the built-in data/unemployment_monthly.csv does not parse");
    return std::move(parsed).value();
  }();
  return series;
}

}  // namespace psl::reference
