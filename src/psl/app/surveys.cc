#include "psl/app/surveys.h"

#include <limits>
#include <nlohmann/json.hpp>

#include "psl/access/user.h"
#include "psl/app/audit_writer.h"
#include "psl/app/payment_accrual.h"
#include "psl/payment/satisfaction.h"

namespace psl::app {
namespace {

using access::Role;

// A national run holds the write lock for one batch at a time, not for the whole country.
constexpr int kBatch = 500;
constexpr int kMaxInvitationsShown = 500;

Status RequireRole(const RequestContext& context, Role role, std::string_view what) {
  if (context.principal.role == role) return Status::Ok();
  return Status(
      ErrorCode::kPermissionDenied,
      std::string(access::RoleName(context.principal.role)) + " may not " + std::string(what));
}

// The last registration date that has reached the wave on `today`: the largest d with
// d.AddMonths(wave) <= today (the month rule of WholeMonthsBetween, end-of-month clamping
// included). AddMonths never decreases as d grows, so stepping forward from today - wave finds it.
Date LastDateReaching(Date today, int wave_months) {
  Date last = today.AddMonths(-wave_months);
  while (last.AddDays(1).AddMonths(wave_months) <= today) last = last.AddDays(1);
  while (last.AddMonths(wave_months) > today) last = last.AddDays(-1);
  return last;
}

std::optional<Weight> RateOf(const store::SurveyCounts& counts) {
  if (counts.valid <= 0) return std::nullopt;
  auto rate = Weight::FromRatio(counts.recommending, counts.valid);
  if (!rate.ok()) return std::nullopt;
  return *rate;
}

payment::AnswerCounts AsAnswerCounts(const store::SurveyCounts& counts) {
  return {counts.recommending, counts.valid};
}

}  // namespace

Result<SurveyJobReport> Surveys::RunSurveyJob(const RequestContext& context, Date today) {
  PSL_RETURN_IF_ERROR(RequireRole(context, Role::kRegulator, "run the satisfaction survey job"));
  const Timestamp now = app_.clock().Now();
  if (today > now.UtcDate()) {
    return Status(ErrorCode::kInvalidArgument,
                  "the survey job runs for today or an earlier day, not " + today.ToString(),
                  "date");
  }
  payment::PaymentSettings settings;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(settings, payments::LoadPaymentSettings(transaction));
    return Status::Ok();
  }));

  SurveyJobReport report;
  for (const int wave : settings.survey_months) {
    const Date cutoff = LastDateReaching(today, wave);
    std::optional<std::pair<Date, std::int64_t>> cursor;
    for (bool finished = false; !finished;) {
      PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
        store::SurveyTable surveys(transaction.connection());
        PSL_ASSIGN_OR_RETURN(const std::optional<Date> watermark, surveys.DoneThrough(wave));
        if (watermark && *watermark >= cutoff) {
          finished = true;
          return Status::Ok();
        }
        if (!cursor) {
          // Year 1 is before any registration: with no watermark every date is after it.
          const Date start = watermark ? *watermark : *Date::FromCivil(1, 1, 1);
          cursor = {start, std::numeric_limits<std::int64_t>::max()};
        }
        PSL_ASSIGN_OR_RETURN(const auto candidates,
                             surveys.Candidates(cutoff, cursor->first, cursor->second, kBatch));
        std::int64_t invited = 0;
        for (const store::SurveyCandidate& candidate : candidates) {
          if (!payment::InSurveySample(candidate.registration_id, wave,
                                       settings.survey_sample_percent)) {
            continue;
          }
          store::SurveyInvitationRecord invitation;
          invitation.registration_id = candidate.registration_id;
          invitation.citizen = candidate.citizen;
          invitation.provider = candidate.provider;
          invitation.wave_months = wave;
          invitation.invited_on = today;
          PSL_ASSIGN_OR_RETURN(const auto id, surveys.Invite(invitation));
          // None when a run that crashed before moving the watermark already invited them.
          if (id) ++invited;
        }
        finished = static_cast<int>(candidates.size()) < kBatch;
        // Every date before the batch's last is complete (the batch is in date order); the last
        // date may continue in the next batch, so the watermark stops the day before it.
        Date through = cutoff;
        if (!finished) {
          cursor = {candidates.back().registered_on, candidates.back().registration_id};
          through = candidates.back().registered_on.AddDays(-1);
        }
        const bool advanced = !watermark || through > *watermark;
        if (advanced) {
          PSL_RETURN_IF_ERROR(surveys.SetDoneThrough(wave, through));
        }
        if (candidates.empty() && !advanced) return Status::Ok();
        report.considered += static_cast<std::int64_t>(candidates.size());
        report.invited += invited;
        return WriteAudit(transaction, context, now, "survey.invite",
                          "survey_wave:" + std::to_string(wave),
                          nlohmann::json{{"date", today.ToString()},
                                         {"wave_months", wave},
                                         {"sample_percent", settings.survey_sample_percent},
                                         {"considered", candidates.size()},
                                         {"invited", invited},
                                         {"done_through", through.ToString()}}
                              .dump());
      }));
    }
  }
  return report;
}

Result<std::vector<store::SurveyInvitationRecord>> Surveys::MySurveys(
    const RequestContext& context) {
  PSL_RETURN_IF_ERROR(RequireRole(context, Role::kCitizen, "list a citizen's surveys"));
  std::vector<store::SurveyInvitationRecord> invitations;
  if (!context.principal.citizen_id) return invitations;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(invitations,
                         store::SurveyTable(transaction.connection())
                             .ForCitizen(*context.principal.citizen_id, kMaxInvitationsShown));
    return Status::Ok();
  }));
  return invitations;
}

Result<store::SurveyInvitationRecord> Surveys::Answer(const RequestContext& context,
                                                      std::int64_t invitation_id,
                                                      std::string_view answer) {
  PSL_RETURN_IF_ERROR(RequireRole(context, Role::kCitizen, "answer a satisfaction survey"));
  PSL_ASSIGN_OR_RETURN(const payment::Answer parsed, payment::ParseAnswer(answer));
  const Status not_found(ErrorCode::kNotFound,
                         "you have no survey invitation " + std::to_string(invitation_id), "id");
  if (!context.principal.citizen_id) return not_found;
  const CitizenId citizen = *context.principal.citizen_id;
  const Timestamp now = app_.clock().Now();
  store::SurveyInvitationRecord answered;
  PSL_RETURN_IF_ERROR(app_.store().Write([&](store::Transaction& transaction) -> Status {
    store::SurveyTable surveys(transaction.connection());
    PSL_ASSIGN_OR_RETURN(auto invitation, surveys.Get(invitation_id));
    if (!invitation || invitation->citizen != citizen) return not_found;
    const Status already(ErrorCode::kConflict,
                         "this survey was already answered; an answer is final", "id");
    if (invitation->answer) return already;
    const std::string name(payment::AnswerName(parsed));
    PSL_ASSIGN_OR_RETURN(const bool recorded,
                         surveys.RecordAnswer(invitation_id, name, now.UtcDate(), now));
    if (!recorded) return already;
    PSL_RETURN_IF_ERROR(WriteAudit(transaction, context, now, "survey.answer",
                                   "survey_invitation:" + std::to_string(invitation_id),
                                   nlohmann::json{{"registration_id", invitation->registration_id},
                                                  {"wave_months", invitation->wave_months},
                                                  {"answer", name}}
                                       .dump()));
    PSL_ASSIGN_OR_RETURN(auto reread, surveys.Get(invitation_id));
    if (!reread) return Status(ErrorCode::kInternal, "the answered invitation vanished");
    answered = std::move(*reread);
    return Status::Ok();
  }));
  return answered;
}

Result<SatisfactionRates> Surveys::Rates(const RequestContext& context, Date from, Date to) {
  (void)context;  // public: the rates are published for everyone (CHO-2, PAY-6)
  if (to < from) {
    return Status(ErrorCode::kInvalidArgument, "`to` must be on or after `from`", "to");
  }
  SatisfactionRates rates;
  rates.from = from;
  rates.to = to;
  PSL_RETURN_IF_ERROR(app_.store().Read([&](store::Transaction& transaction) -> Status {
    PSL_ASSIGN_OR_RETURN(const payment::PaymentSettings settings,
                         payments::LoadPaymentSettings(transaction));
    rates.minimum_answers = settings.minimum_answers;
    store::SurveyTable surveys(transaction.connection());
    PSL_ASSIGN_OR_RETURN(rates.national, surveys.NationalCounts(from, to));
    rates.national_rate = RateOf(rates.national);
    PSL_ASSIGN_OR_RETURN(const auto by_provider, surveys.CountsByProvider(from, to));
    for (const store::ProviderSurveyCounts& counts : by_provider) {
      ProviderSatisfaction provider;
      provider.provider = counts.provider;
      provider.provider_name = counts.provider_name;
      provider.counts = counts.counts;
      provider.rate = RateOf(counts.counts);
      // The same choice a payment run makes, so the page shows what would be paid on.
      const auto chosen = payment::ChooseRate(
          AsAnswerCounts(counts.counts), AsAnswerCounts(rates.national), settings.minimum_answers);
      provider.uses_national =
          chosen ? chosen->national : counts.counts.valid < settings.minimum_answers;
      rates.providers.push_back(std::move(provider));
    }
    return Status::Ok();
  }));
  return rates;
}

}  // namespace psl::app
