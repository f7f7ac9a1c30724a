// Component schemas of the satisfaction survey's routes (survey_routes.cc, survey_decoding.cc).
#include "psl/api/openapi_schemas.h"

namespace psl::api::openapi {
namespace {

json AnswerEnum() {
  return Enum(
      {"extremely_likely", "likely", "neither", "unlikely", "extremely_unlikely", "dont_know"});
}

json RateOut() {
  json rate = WeightOut();
  rate["description"] = "recommending / valid with six decimal places; null with no valid answer";
  rate["example"] = "0.812500";
  return Nullable(rate);
}

}  // namespace

void AddSurveySchemas(json& schemas) {
  schemas["SurveyJobRequest"] = Closed({{"date", Date()}});
  schemas["SurveyJobReport"] = Closed({{"considered", Int(0, 9'223'372'036'854'775'807LL)},
                                       {"invited", Int(0, 9'223'372'036'854'775'807LL)}});
  json answer_in = AnswerEnum();
  answer_in["description"] =
      "Would you recommend this service to a friend? \"dont_know\" is kept but is not a valid "
      "answer for the recommend rate";
  schemas["SurveyAnswerRequest"] = Closed({{"answer", answer_in}});
  schemas["SurveyInvitation"] = Closed({{"id", Id()},
                                        {"registration_id", Id()},
                                        {"provider_id", Id()},
                                        {"provider_name", Str()},
                                        {"end_result", Str()},
                                        {"wave_months", Int(1, 2147483647)},
                                        {"invited_on", Date()},
                                        {"answer", Nullable(AnswerEnum())},
                                        {"answered_on", Nullable(Date())}});
  schemas["SurveyInvitationList"] = Closed({{"items", Array(Ref("SurveyInvitation"))}});
  schemas["SatisfactionProvider"] = Closed({{"provider_id", Id()},
                                            {"provider_name", Str()},
                                            {"recommending", Int()},
                                            {"valid", Int()},
                                            {"rate", RateOut()},
                                            {"uses_national", Bool()}});
  schemas["SatisfactionNational"] =
      Closed({{"recommending", Int()}, {"valid", Int()}, {"rate", RateOut()}});
  schemas["SatisfactionRates"] = Closed({{"from", Date()},
                                         {"to", Date()},
                                         {"minimum_answers", Int()},
                                         {"national", Ref("SatisfactionNational")},
                                         {"providers", Array(Ref("SatisfactionProvider"))}});
}

}  // namespace psl::api::openapi
