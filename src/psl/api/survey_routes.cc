// Routes and handlers for the satisfaction survey (PAY-6). Who may do what is in app/surveys.h;
// the handlers decode, call one use case, and encode.
#include <array>

#include "psl/api/request_decoding.h"
#include "psl/api/routes.h"
#include "psl/api/survey_decoding.h"
#include "psl/app/surveys.h"

namespace psl::api {
namespace {

using access::Role;
using access::RoleSet;
using nlohmann::json;

// Rates travel as six-decimal strings ("0.812500"): exact, and the same digits a statement uses.
json RateJson(const std::optional<Weight>& rate) {
  return rate ? json(rate->ToString()) : json(nullptr);
}

json InvitationJson(const store::SurveyInvitationRecord& invitation) {
  return {{"id", invitation.id},
          {"registration_id", invitation.registration_id},
          {"provider_id", invitation.provider.value()},
          {"provider_name", invitation.provider_name},
          {"end_result", invitation.end_result},
          {"wave_months", invitation.wave_months},
          {"invited_on", invitation.invited_on.ToString()},
          {"answer", invitation.answer ? json(*invitation.answer) : json(nullptr)},
          {"answered_on",
           invitation.answered_on ? json(invitation.answered_on->ToString()) : json(nullptr)}};
}

json RatesJson(const app::SatisfactionRates& rates) {
  json providers = json::array();
  for (const app::ProviderSatisfaction& provider : rates.providers) {
    providers.push_back({{"provider_id", provider.provider.value()},
                         {"provider_name", provider.provider_name},
                         {"recommending", provider.counts.recommending},
                         {"valid", provider.counts.valid},
                         {"rate", RateJson(provider.rate)},
                         {"uses_national", provider.uses_national}});
  }
  return {{"from", rates.from.ToString()},
          {"to", rates.to.ToString()},
          {"minimum_answers", rates.minimum_answers},
          {"national",
           {{"recommending", rates.national.recommending},
            {"valid", rates.national.valid},
            {"rate", RateJson(rates.national_rate)}}},
          {"providers", providers}};
}

template <typename T, typename Encode>
ApiResponse Respond(int status, const Result<T>& result, Encode encode) {
  if (!result.ok()) return ErrorResponse(result.status());
  return ApiResponse::Json(status, encode(*result));
}

ApiResponse RunSurveyJob(Services& services, const ApiRequest& request) {
  auto date = DecodeSurveyJobRequest(request.body);
  if (!date.ok()) return ErrorResponse(date.status());
  return Respond(200, app::Surveys(services.app).RunSurveyJob(request.context, *date),
                 [](const app::SurveyJobReport& report) {
                   return json{{"considered", report.considered}, {"invited", report.invited}};
                 });
}

ApiResponse MySurveys(Services& services, const ApiRequest& request) {
  if (auto refused = RefuseUnknownQuery(request.query, {}); !refused.ok()) {
    return ErrorResponse(refused);
  }
  return Respond(200, app::Surveys(services.app).MySurveys(request.context),
                 [](const std::vector<store::SurveyInvitationRecord>& invitations) {
                   json items = json::array();
                   for (const auto& invitation : invitations) {
                     items.push_back(InvitationJson(invitation));
                   }
                   return json{{"items", items}};
                 });
}

ApiResponse AnswerSurvey(Services& services, const ApiRequest& request) {
  auto id = DecodePathId(request.path_parameters.at(0), "id");
  if (!id.ok()) return ErrorResponse(id.status());
  auto answer = DecodeSurveyAnswerRequest(request.body);
  if (!answer.ok()) return ErrorResponse(answer.status());
  return Respond(200, app::Surveys(services.app).Answer(request.context, *id, *answer),
                 InvitationJson);
}

ApiResponse Satisfaction(Services& services, const ApiRequest& request) {
  auto query = DecodeSatisfactionQuery(request.query);
  if (!query.ok()) return ErrorResponse(query.status());
  return Respond(200, app::Surveys(services.app).Rates(request.context, query->from, query->to),
                 RatesJson);
}

constexpr RoleSet kPublic = RoleSet::Everyone();
constexpr RoleSet kRegulator{Role::kRegulator};
constexpr RoleSet kCitizen{Role::kCitizen};

// clang-format off
constexpr std::array kRoutes = {
  Route{"POST", "/api/v1/jobs/surveys", kRegulator, "runSurveyJob", "surveys",
        "Run the satisfaction survey job for a day: invite the random sample of every "
        "registration that reached a survey wave and was not considered before (PAY-6)",
        "SurveyJobRequest", "SurveyJobReport", "", 200, RunSurveyJob},
  Route{"GET", "/api/v1/me/surveys", kCitizen, "listMySurveys", "surveys",
        "The signed-in citizen's satisfaction survey invitations, answered or not (PAY-6)", "",
        "SurveyInvitationList", "", 200, MySurveys},
  Route{"POST", "/api/v1/surveys/{id}/answer", kCitizen, "answerSurvey", "surveys",
        "Answer \"would you recommend this service to a friend?\" for one of your invitations; "
        "an answer is final (PAY-6)", "SurveyAnswerRequest", "SurveyInvitation", "", 200,
        AnswerSurvey},
  Route{"GET", "/api/v1/satisfaction", kPublic, "getSatisfaction", "surveys",
        "Recommend rates over answers given from `from` to `to`: each provider's, whether "
        "payments would use the national rate instead (too few answers), and the national rate "
        "(PAY-6, CHO-2)", "", "SatisfactionRates", "from,to", 200, Satisfaction},
};
// clang-format on

}  // namespace

std::span<const Route> SurveyRoutes() { return kRoutes; }

}  // namespace psl::api
