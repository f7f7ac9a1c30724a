// Tests for the tariff file and the quote document (src/psl/config/tariff_json.cc; the contract
// is in src/psl/config/config_json.h): round trips, errors naming the field as a path, bounds,
// and TAR-5 (no field for a discount, rebate or bid is accepted).
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "psl/config/config_json.h"
#include "psl/tariff/tariff.h"
#include "tariff_test_support.h"

namespace psl::config {
namespace {

using nlohmann::json;
using tariff::DefaultTariff;

json DefaultJson() { return json::parse(TariffToJson(DefaultTariff())); }

void ExpectFieldError(const json& document, std::string_view field) {
  auto parsed = ParseTariff(document.dump());
  ASSERT_FALSE(parsed.ok()) << field;
  EXPECT_EQ(parsed.status().code(), ErrorCode::kInvalidArgument) << parsed.status().ToString();
  EXPECT_EQ(parsed.status().field(), field) << parsed.status().ToString();
  EXPECT_FALSE(parsed.status().message().empty());
}

TEST(TariffJson, DefaultRoundTrips) {
  const std::string text = TariffToJson(DefaultTariff());
  auto parsed = ParseTariff(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(*parsed, DefaultTariff());
  EXPECT_EQ(TariffToJson(*parsed), text);
  const json document = json::parse(text);
  EXPECT_EQ(document["version"], 1);
  EXPECT_EQ(document["effective_from"], "2014-01-01");
  EXPECT_EQ(document["supplements_pence"]["illiterate"], 150'000);
  EXPECT_EQ(document["outcomes"][8]["outcome"], "employment_sustained_2y");
  EXPECT_EQ(document["outcomes"][8]["core_pence"], 200'000);
  EXPECT_EQ(document["geographic"]["minimum"], "0.850000");
  EXPECT_EQ(document["cyclical"]["reference_rate_tenths"], 69);
}

TEST(TariffJson, OutcomeSupplementsAreOptional) {
  json document = DefaultJson();
  document["outcomes"][8].erase("supplements_pence");
  auto parsed = ParseTariff(document.dump());
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(*parsed, DefaultTariff());
}

// TAR-5: no discount, rebate or bid can be expressed; an unknown field is refused by name.
TEST(TariffJson, NoDiscountFieldAnywhere) {
  const std::string text = TariffToJson(DefaultTariff());
  for (const char* word : {"discount", "rebate", "bid"}) {
    EXPECT_EQ(text.find(word), std::string::npos) << word;
  }
  json top = DefaultJson();
  top["discount_pence"] = 100;
  ExpectFieldError(top, "discount_pence");
  json outcome = DefaultJson();
  outcome["outcomes"][0]["rebate_pence"] = 100;
  ExpectFieldError(outcome, "outcomes[0].rebate_pence");
  json weighting = DefaultJson();
  weighting["geographic"]["bid"] = "0.9";
  ExpectFieldError(weighting, "geographic.bid");
}

TEST(TariffJson, ErrorsNameTheFieldPath) {
  {
    json d = DefaultJson();
    d["outcomes"][1]["core_pence"] = -5;
    ExpectFieldError(d, "outcomes[1].core_pence");
  }
  {
    json d = DefaultJson();
    d["outcomes"][1]["core_pence"] = 2000.5;  // pence are whole
    ExpectFieldError(d, "outcomes[1].core_pence");
  }
  {
    json d = DefaultJson();
    d["supplements_pence"]["illiterate"] = "1500";
    ExpectFieldError(d, "supplements_pence.illiterate");
  }
  {
    json d = DefaultJson();
    d["outcomes"][0]["supplements_pence"]["left_handed"] = 100;
    ExpectFieldError(d, "outcomes[0].supplements_pence.left_handed");
  }
  {
    json d = DefaultJson();
    d["geographic"]["minimum"] = "0.0000001";
    ExpectFieldError(d, "geographic.minimum");
  }
  {
    json d = DefaultJson();
    d["cyclical"]["maximum"] = "0.5";
    ExpectFieldError(d, "cyclical.maximum");
  }
  {
    json d = DefaultJson();
    d["cyclical"].erase("slope_micros_per_tenth");
    ExpectFieldError(d, "cyclical.slope_micros_per_tenth");
  }
  {
    json d = DefaultJson();
    d["effective_from"] = "2014-02-30";
    ExpectFieldError(d, "effective_from");
  }
  {
    json d = DefaultJson();
    d["version"] = 0;
    ExpectFieldError(d, "version");
  }
  {
    json d = DefaultJson();
    d["outcomes"][3] = "drug_free_2y";
    ExpectFieldError(d, "outcomes[3]");
  }
  {
    json d = DefaultJson();
    d["outcomes"][3]["outcome"] = std::string(6000, 'a');
    ExpectFieldError(d, "outcomes[3].outcome");
  }
  {
    json d = DefaultJson();
    d["outcomes"] = json::array();
    for (int i = 0; i < 1001; ++i) d["outcomes"].push_back(DefaultJson()["outcomes"][0]);
    ExpectFieldError(d, "outcomes");
  }
}

TEST(TariffJson, NotJsonOrNotAnObject) {
  for (const char* text : {"", "{", "[]", "42", "\"tariff\"", "{\"version\":1,}"}) {
    auto parsed = ParseTariff(text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.status().code(), ErrorCode::kInvalidArgument) << text;
  }
}

TEST(QuoteJson, DocumentedShape) {
  const tariff::Area area{"E09000017", "Hillingdon", 18'223};
  const auto series = tariff::testing_support::SeriesFrom(2014, 1, {69});
  auto quote = tariff::PriceOutcome(
      DefaultTariff(), area, series,
      tariff::QuoteRequest{
          "employment_sustained_2y", {"blind"}, Date::FromCivil(2014, 1, 1).value()});
  ASSERT_TRUE(quote.ok());
  const std::string text = QuoteToJson(*quote);
  const json document = json::parse(text);
  const nlohmann::ordered_json in_order = nlohmann::ordered_json::parse(text);
  std::vector<std::string> keys;  // in the documented order
  for (const auto& [key, value] : in_order.items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"outcome", "base_pence", "geographic_weight",
                                            "cyclical_weight", "price_pence", "tariff_version",
                                            "items"}));
  EXPECT_EQ(document["base_pence"], 230'000);
  EXPECT_EQ(document["price_pence"], 230'000);
  EXPECT_EQ(document["geographic_weight"], "1.000000");
  EXPECT_EQ(document["tariff_version"], 1);
  ASSERT_EQ(document["items"].size(), 5u);
  EXPECT_EQ(document["items"][0]["kind"], "core");
  EXPECT_EQ(document["items"][0]["amount_pence"], 200'000);
  EXPECT_EQ(document["items"][1]["id"], "blind");
  EXPECT_EQ(document["items"][1]["amount_pence"], 30'000);
  EXPECT_EQ(document["items"][2]["weight"], "1.000000");
  EXPECT_FALSE(document["items"][2].contains("amount_pence"));
  EXPECT_EQ(document["items"][3]["id"], "2014-01");
  EXPECT_EQ(document["items"][4]["kind"], "rounding");
  EXPECT_FALSE(document["items"][4].contains("amount_pence"));
  EXPECT_FALSE(document["items"][4].contains("weight"));
}

TEST(QuoteJson, InvalidUtf8InANameDoesNotThrow) {
  tariff::Quote quote;
  quote.items.push_back(tariff::QuoteItem{"geographic_weight", "E1", "bad \xFF byte", {}, {}});
  EXPECT_NE(QuoteToJson(quote).find("bad"), std::string::npos);
}

// The quote is written without a JSON library (the API's hot path): whatever bytes a label
// holds, the document parses, and text that is valid UTF-8 comes back unchanged.
RC_GTEST_PROP(QuoteJsonProperties, AlwaysParsesAndKeepsValidText,
              (const std::string& label, const std::string& id)) {
  tariff::Quote quote;
  quote.outcome = "employment_sustained_2y";
  quote.items.push_back(tariff::QuoteItem{"core", id, label, Money::FromPence(5), std::nullopt});
  quote.items.push_back(tariff::QuoteItem{"rounding", "", "\"quoted\"\n\\", {}, {}});
  const std::string text = QuoteToJson(quote);
  const json parsed = json::parse(text, nullptr, false);
  RC_ASSERT(!parsed.is_discarded());
  RC_ASSERT(parsed["items"][0]["amount_pence"] == 5);
  RC_ASSERT(parsed["items"][1]["label"] == "\"quoted\"\n\\");
  bool valid_utf8 = true;
  try {
    (void)json(label).dump();
    (void)json(id).dump();
  } catch (const json::exception&) {
    valid_utf8 = false;
  }
  if (valid_utf8) {
    RC_ASSERT(parsed["items"][0]["label"] == label);
    RC_ASSERT(parsed["items"][0]["id"] == id);
  }
}

// ParseTariff(TariffToJson(t)) == t for every valid tariff.
RC_GTEST_PROP(TariffJsonProperties, RoundTrip, ()) {
  const tariff::Tariff tariff = *tariff::testing_support::AnyTariff();
  auto parsed = ParseTariff(TariffToJson(tariff));
  RC_ASSERT(parsed.ok());
  RC_ASSERT(*parsed == tariff);
}

// Outside text never crashes the parser, and what it accepts is a valid tariff.
RC_GTEST_PROP(TariffJsonProperties, NeverCrashesOnRandomText, (const std::string& text)) {
  auto parsed = ParseTariff(text);
  if (parsed.ok()) {
    RC_ASSERT(tariff::ValidateTariff(*parsed).ok());
  } else {
    RC_ASSERT(parsed.status().code() == ErrorCode::kInvalidArgument);
  }
}

// Nor does the default file with one character changed, which reaches deeper than random text.
RC_GTEST_PROP(TariffJsonProperties, NeverCrashesOnAMutatedDefault, ()) {
  std::string text = TariffToJson(DefaultTariff());
  const auto position = *rc::gen::inRange<std::size_t>(0, text.size());
  text[position] = *rc::gen::elementOf(std::string("0123456789-.\",:{}[]ax "));
  auto parsed = ParseTariff(text);
  if (parsed.ok()) {
    RC_ASSERT(tariff::ValidateTariff(*parsed).ok());
  } else {
    RC_ASSERT(parsed.status().code() == ErrorCode::kInvalidArgument);
  }
}

}  // namespace
}  // namespace psl::config
