// The tariff as a JSON file (TAR-4) and the quote document (TAR-3). The shape:
//
//   {"version": 1, "effective_from": "2014-01-01", "catalogue_version": 1,
//    "supplements_pence": {"illiterate": 150000, ...},
//    "outcomes": [{"outcome": "employment_sustained_2y", "core_pence": 200000,
//                  "supplements_pence": {...}}, ...],          // supplements_pence optional
//    "geographic": {"reference_score_milli": 18223, "slope_micros_per_milli_point": 10,
//                   "minimum": "0.850000", "maximum": "1.300000"},
//    "cyclical": {"reference_rate_tenths": 69, "slope_micros_per_tenth": 2000,
//                 "minimum": "0.900000", "maximum": "1.200000"}}
//
// There is no field for a discount, rebate or bid, and an unknown field is refused (TAR-5).
#include <limits>
#include <nlohmann/json.hpp>
#include <string>

#include "psl/config/config_json.h"
#include "psl/config/json_reader.h"

namespace psl::config {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

constexpr std::size_t kMaxTariffJsonBytes = std::size_t{1024} * 1024;
constexpr std::size_t kMaxItems = 1000;
constexpr std::size_t kMaxStringBytes = 5000;
constexpr std::int64_t kIntMax = std::numeric_limits<int>::max();
constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kInt64Min = std::numeric_limits<std::int64_t>::min();

Status Invalid(std::string message, std::string field) {
  return Status(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

// Never throws: invalid UTF-8 (a district name from a file given to the CLI) is replaced.
std::string Dump(const ordered_json& document) {
  return document.dump(2, ' ', false, json::error_handler_t::replace);
}

ordered_json PenceMap(const std::map<std::string, Money>& amounts) {
  ordered_json object = ordered_json::object();
  for (const auto& [id, amount] : amounts) object[id] = amount.pence();
  return object;
}

// {"barrier": pence, ...}; `field` is the map's own path ("outcomes[2].supplements_pence").
Result<std::map<std::string, Money>> ReadPenceMap(const json& object, const std::string& field) {
  std::map<std::string, Money> amounts;
  ObjectReader reader(object, field + ".");
  for (const auto& [key, value] : object.items()) {
    if (key.size() > kMaxStringBytes) {
      return Invalid("a barrier id is at most " + std::to_string(kMaxStringBytes) + " bytes",
                     field);
    }
    PSL_ASSIGN_OR_RETURN(const std::int64_t pence, reader.Integer(key, kInt64Min, kInt64Max));
    amounts.emplace(key, Money::FromPence(pence));
  }
  return amounts;
}

Result<Weight> ReadWeight(ObjectReader& reader, const std::string& name, const std::string& field) {
  PSL_ASSIGN_OR_RETURN(const std::string text, reader.String(name, 32));
  auto weight = Weight::Parse(text);
  if (!weight.ok()) return Invalid(weight.status().message(), field);
  return *weight;
}

Result<tariff::GeographicWeighting> ReadGeographic(const json& object) {
  ObjectReader reader(object, "geographic.");
  tariff::GeographicWeighting weighting;
  PSL_ASSIGN_OR_RETURN(weighting.reference_score_milli,
                       reader.Integer("reference_score_milli", kInt64Min, kInt64Max));
  PSL_ASSIGN_OR_RETURN(weighting.slope_micros_per_milli_point,
                       reader.Integer("slope_micros_per_milli_point", kInt64Min, kInt64Max));
  PSL_ASSIGN_OR_RETURN(weighting.minimum, ReadWeight(reader, "minimum", "geographic.minimum"));
  PSL_ASSIGN_OR_RETURN(weighting.maximum, ReadWeight(reader, "maximum", "geographic.maximum"));
  PSL_RETURN_IF_ERROR(reader.Finish());
  return weighting;
}

Result<tariff::CyclicalWeighting> ReadCyclical(const json& object) {
  ObjectReader reader(object, "cyclical.");
  tariff::CyclicalWeighting weighting;
  PSL_ASSIGN_OR_RETURN(weighting.reference_rate_tenths,
                       reader.Integer("reference_rate_tenths", kInt64Min, kInt64Max));
  PSL_ASSIGN_OR_RETURN(weighting.slope_micros_per_tenth,
                       reader.Integer("slope_micros_per_tenth", kInt64Min, kInt64Max));
  PSL_ASSIGN_OR_RETURN(weighting.minimum, ReadWeight(reader, "minimum", "cyclical.minimum"));
  PSL_ASSIGN_OR_RETURN(weighting.maximum, ReadWeight(reader, "maximum", "cyclical.maximum"));
  PSL_RETURN_IF_ERROR(reader.Finish());
  return weighting;
}

Result<tariff::OutcomeTariff> ReadOutcome(const json& value, const std::string& prefix) {
  if (!value.is_object()) return Invalid("must be an object", prefix);
  ObjectReader reader(value, prefix + ".");
  tariff::OutcomeTariff outcome;
  PSL_ASSIGN_OR_RETURN(outcome.outcome, reader.String("outcome", kMaxStringBytes));
  PSL_ASSIGN_OR_RETURN(const std::int64_t core, reader.Integer("core_pence", kInt64Min, kInt64Max));
  outcome.core = Money::FromPence(core);
  if (value.contains("supplements_pence") && !value.at("supplements_pence").is_null()) {
    PSL_ASSIGN_OR_RETURN(const json* supplements, reader.Object("supplements_pence", kMaxItems));
    PSL_ASSIGN_OR_RETURN(outcome.supplements,
                         ReadPenceMap(*supplements, prefix + ".supplements_pence"));
  }
  PSL_RETURN_IF_ERROR(reader.Finish());
  return outcome;
}

}  // namespace

std::string TariffToJson(const tariff::Tariff& tariff) {
  ordered_json document;
  document["version"] = tariff.version;
  document["effective_from"] = tariff.effective_from.ToString();
  document["catalogue_version"] = tariff.catalogue_version;
  document["supplements_pence"] = PenceMap(tariff.supplements);
  ordered_json outcomes = ordered_json::array();
  for (const tariff::OutcomeTariff& outcome : tariff.outcomes) {
    ordered_json entry;
    entry["outcome"] = outcome.outcome;
    entry["core_pence"] = outcome.core.pence();
    entry["supplements_pence"] = PenceMap(outcome.supplements);
    outcomes.push_back(std::move(entry));
  }
  document["outcomes"] = std::move(outcomes);
  const tariff::GeographicWeighting& geographic = tariff.geographic;
  document["geographic"] = {
      {"reference_score_milli", geographic.reference_score_milli},
      {"slope_micros_per_milli_point", geographic.slope_micros_per_milli_point},
      {"minimum", geographic.minimum.ToString()},
      {"maximum", geographic.maximum.ToString()},
  };
  const tariff::CyclicalWeighting& cyclical = tariff.cyclical;
  document["cyclical"] = {
      {"reference_rate_tenths", cyclical.reference_rate_tenths},
      {"slope_micros_per_tenth", cyclical.slope_micros_per_tenth},
      {"minimum", cyclical.minimum.ToString()},
      {"maximum", cyclical.maximum.ToString()},
  };
  return Dump(document);
}

Result<tariff::Tariff> ParseTariff(std::string_view json_text) {
  if (json_text.size() > kMaxTariffJsonBytes) {
    return Invalid("a tariff file is at most 1 MiB", "");
  }
  const json document = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return Invalid("the tariff is not valid JSON", "");
  if (!document.is_object()) return Invalid("the tariff must be a JSON object", "");

  ObjectReader reader(document, "");
  tariff::Tariff tariff;
  PSL_ASSIGN_OR_RETURN(const std::int64_t version, reader.Integer("version", 0, kIntMax));
  tariff.version = static_cast<int>(version);
  PSL_ASSIGN_OR_RETURN(tariff.effective_from, reader.DateValue("effective_from"));
  PSL_ASSIGN_OR_RETURN(const std::int64_t catalogue_version,
                       reader.Integer("catalogue_version", 0, kIntMax));
  tariff.catalogue_version = static_cast<int>(catalogue_version);
  PSL_ASSIGN_OR_RETURN(const json* supplements, reader.Object("supplements_pence", kMaxItems));
  PSL_ASSIGN_OR_RETURN(tariff.supplements, ReadPenceMap(*supplements, "supplements_pence"));
  PSL_ASSIGN_OR_RETURN(const json* outcomes, reader.Array("outcomes", kMaxItems));
  tariff.outcomes.reserve(outcomes->size());
  for (std::size_t i = 0; i < outcomes->size(); ++i) {
    PSL_ASSIGN_OR_RETURN(tariff::OutcomeTariff outcome,
                         ReadOutcome((*outcomes)[i], "outcomes[" + std::to_string(i) + "]"));
    tariff.outcomes.push_back(std::move(outcome));
  }
  PSL_ASSIGN_OR_RETURN(const json* geographic, reader.Object("geographic", 16));
  PSL_ASSIGN_OR_RETURN(tariff.geographic, ReadGeographic(*geographic));
  PSL_ASSIGN_OR_RETURN(const json* cyclical, reader.Object("cyclical", 16));
  PSL_ASSIGN_OR_RETURN(tariff.cyclical, ReadCyclical(*cyclical));
  PSL_RETURN_IF_ERROR(reader.Finish());
  PSL_RETURN_IF_ERROR(tariff::ValidateTariff(tariff));
  return tariff;
}

namespace {

// Appends `text` as a JSON string: quotes, backslashes and control characters escaped; invalid
// UTF-8 replaced by U+FFFD (as nlohmann's `replace` handler does), so the document always parses.
void AppendJsonString(std::string& out, std::string_view text) {
  out += '"';
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (c == '"' || c == '\\') {
        out += '\\';
        out += static_cast<char>(c);
      } else if (c < 0x20) {
        static constexpr char kHex[] = "0123456789abcdef";
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
      } else {
        out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    // A multi-byte sequence: its length from the lead byte, then continuation bytes, no
    // overlong forms, no surrogates, nothing above U+10FFFF.
    std::size_t length = 0;
    std::uint32_t code = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
      code = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      code = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      code = c & 0x07;
    }
    bool valid = length > 0 && i + length <= text.size();
    for (std::size_t k = 1; valid && k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      valid = (next & 0xC0) == 0x80;
      code = (code << 6) | (next & 0x3F);
    }
    valid = valid && !(length == 3 && code < 0x800) && !(length == 4 && code < 0x10000) &&
            code <= 0x10FFFF && !(code >= 0xD800 && code <= 0xDFFF);
    if (valid) {
      out.append(text.substr(i, length));
      i += length;
    } else {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
    }
  }
  out += '"';
}

void AppendMember(std::string& out, std::string_view name) {
  out += '"';
  out += name;
  out += "\":";
}

}  // namespace

// Written straight into one string (no JSON tree): the quote is the API's hot path.
std::string QuoteToJson(const tariff::Quote& quote) {
  std::string out;
  out.reserve(256 + quote.items.size() * 256);
  out += '{';
  AppendMember(out, "outcome");
  AppendJsonString(out, quote.outcome);
  out += ',';
  AppendMember(out, "base_pence");
  out += std::to_string(quote.base.pence());
  out += ',';
  AppendMember(out, "geographic_weight");
  AppendJsonString(out, quote.geographic_weight.ToString());
  out += ',';
  AppendMember(out, "cyclical_weight");
  AppendJsonString(out, quote.cyclical_weight.ToString());
  out += ',';
  AppendMember(out, "price_pence");
  out += std::to_string(quote.price.pence());
  out += ',';
  AppendMember(out, "tariff_version");
  out += std::to_string(quote.tariff_version);
  out += ',';
  AppendMember(out, "items");
  out += '[';
  for (std::size_t i = 0; i < quote.items.size(); ++i) {
    const tariff::QuoteItem& item = quote.items[i];
    if (i > 0) out += ',';
    out += '{';
    AppendMember(out, "kind");
    AppendJsonString(out, item.kind);
    out += ',';
    AppendMember(out, "id");
    AppendJsonString(out, item.id);
    out += ',';
    AppendMember(out, "label");
    AppendJsonString(out, item.label);
    if (item.amount) {
      out += ',';
      AppendMember(out, "amount_pence");
      out += std::to_string(item.amount->pence());
    }
    if (item.weight) {
      out += ',';
      AppendMember(out, "weight");
      AppendJsonString(out, item.weight->ToString());
    }
    out += '}';
  }
  out += "]}";
  return out;
}

}  // namespace psl::config
