// The default catalogue, version 1: SPEC OUT-1, from the report's Annex A (End Results and the
// King Outcomes that measure them) and Annex B (the outcomes set for example customers).
// Windows count from registration; "sustained" periods start when the outcome is first reached.
// Version 1 has no skunkworks outcomes (OUT-4 arrives as a later version, as a file).
#include <optional>
#include <string>

#include "psl/catalogue/catalogue.h"

namespace psl::catalogue {
namespace {

KingOutcome Outcome(std::string id, std::string end_result, std::string name, OutcomeKind kind,
                    int window_months, int sustain_months, std::string evidence,
                    std::optional<std::string> top_up_licence = std::nullopt) {
  KingOutcome outcome;
  outcome.id = std::move(id);
  outcome.end_result = std::move(end_result);
  outcome.name = std::move(name);
  outcome.kind = kind;
  outcome.window_months = window_months;
  outcome.sustain_months = sustain_months;
  outcome.evidence = std::move(evidence);
  outcome.top_up_licence = std::move(top_up_licence);
  return outcome;
}

Catalogue BuildDefaultCatalogue() {
  constexpr OutcomeKind kBinary = OutcomeKind::kBinary;
  constexpr OutcomeKind kGraded = OutcomeKind::kGraded;
  Catalogue catalogue;
  catalogue.version = 1;
  catalogue.end_results = {
      {"lower_crime", "Lower crime"},
      {"better_physical_health", "Better physical health"},
      {"individual_prosperity", "Individual prosperity"},
      {"good_mental_health", "Good mental health and happiness"},
      {"fair_start", "A fair start in life"},
  };
  catalogue.outcomes = {
      // Lower crime (Annex A: reoffending rates; Annex B: "no return to prison in the next
      // three years").
      Outcome("no_custody_3y", "lower_crime", "No return to custody within 3 years", kBinary, 12,
              36,
              "Police National Computer and prison service records show the citizen living in "
              "the community within 12 months of registration (released, or never sentenced to "
              "custody) and no new custodial sentence in the 36 months that follow."),
      Outcome("no_custody_4y", "lower_crime", "No return to custody within 4 years", kBinary, 12,
              48,
              "Police National Computer and prison service records show the citizen living in "
              "the community within 12 months of registration and no new custodial sentence in "
              "the 48 months that follow."),
      Outcome("reduced_police_contact", "lower_crime", "Reduction in contact with the police",
              kGraded, 12, 24,
              "Recorded police contacts (arrests, cautions, charges, call-outs naming the "
              "citizen) in the 24 months after the first year, against the 24 months before "
              "registration. Fraction achieved = reduction / 90% of the baseline (the report's "
              "'90 per cent reduction in contact with the police'), capped at 1."),
      // Better physical health (Annex A: length of time clean from alcohol, smoke or drugs;
      // improvements in BMI).
      Outcome("drug_free_2y", "better_physical_health", "Free from illegal drugs for 2 years",
              kBinary, 12, 24,
              "Negative drug tests at random intervals (at least quarterly) taken by a "
              "clinician, from a first negative test within 12 months of registration and for "
              "24 months, with no prescribed opiate substitute at the end.",
              "clinical_governance"),
      Outcome("drug_free_3y", "better_physical_health", "Free from illegal drugs for 3 years",
              kBinary, 12, 36,
              "Negative drug tests at random intervals (at least quarterly) taken by a "
              "clinician, from a first negative test within 12 months of registration and for "
              "36 months, with no prescribed opiate substitute at the end.",
              "clinical_governance"),
      Outcome("sober_2y", "better_physical_health", "Sober for 2 years", kBinary, 12, 24,
              "Alcohol biomarker tests (PEth or CDT) at random intervals, at least quarterly, "
              "within normal limits from a first test within 12 months of registration and for "
              "24 months, confirmed by the citizen's GP."),
      Outcome("healthy_bmi_2y", "better_physical_health",
              "Healthy BMI reached and sustained for 2 years", kBinary, 24, 24,
              "Body mass index between 18.5 and 24.9 measured by a GP or practice nurse within "
              "24 months of registration, and again at 12 and 24 months after."),
      Outcome("quit_smoking_sustained", "better_physical_health", "Quit smoking, sustained",
              kBinary, 12, 12,
              "A quit date within 12 months of registration, confirmed by exhaled carbon "
              "monoxide below 10 ppm at 4 weeks, and not smoking 12 months later, confirmed by a "
              "second carbon monoxide test."),
      // Individual prosperity (Annex A: in work and stay in work for two years; how close to
      // median income; debt reduction / savings built over two years).
      Outcome("employment_sustained_2y", "individual_prosperity",
              "In work and sustained for 2 years", kBinary, 12, 24,
              "HMRC Real Time Information payroll records (or self-assessment returns for the "
              "self-employed) show paid work of at least 16 hours a week starting within 12 "
              "months of registration and continuing for 24 months, with no gap longer than 4 "
              "weeks."),
      Outcome("median_wage_fraction_3y", "individual_prosperity",
              "Fraction of the median wage reached within 3 years", kGraded, 36, 0,
              "Annualised earnings from HMRC Real Time Information in the 36th month after "
              "registration, divided by the median full-time gross annual earnings of that year "
              "(ONS Annual Survey of Hours and Earnings). Fraction of median wage reached within "
              "3 years, capped at 1."),
      Outcome("debt_reduced_2y", "individual_prosperity",
              "Debt reduced or savings built over 2 years", kGraded, 24, 0,
              "Unsecured debts and savings at registration and 24 months later, from a credit "
              "reference agency report and bank statements. Fraction achieved = improvement in "
              "net position / unsecured debt at registration (or / £1,000 of savings for a "
              "citizen without debt), capped at 1."),
      // Good mental health and happiness (Annex A: distance travelled and sustained on clinical
      // assessment scales; loneliness and quality of life).
      Outcome("clinical_scale_improvement", "good_mental_health",
              "Distance travelled and sustained on a clinical scale", kGraded, 12, 12,
              "PHQ-9 (depression) and GAD-7 (anxiety) scores taken by a registered clinician at "
              "registration and at review. Fraction achieved = points of improvement / points "
              "from the baseline to below the clinical threshold (PHQ-9 under 10, GAD-7 under "
              "8), reached within 12 months and sustained for 12 months, capped at 1.",
              "clinical_governance"),
      Outcome("loneliness_quality_of_life", "good_mental_health",
              "Less lonely, better quality of life", kGraded, 12, 12,
              "Self-reported UCLA three-item loneliness scale and ONS personal wellbeing (ONS4) "
              "questions, surveyed independently of the provider at registration, 12 and 24 "
              "months. Fraction achieved = improvement / distance to the national average, "
              "capped at 1."),
      // A fair start in life (Annex A: educational attainment at 16 relative to comparable
      // deprivation; child cognitive development scores; NEET rate at 18).
      Outcome("child_development_3_5", "fair_start", "Child development on track at ages 3 and 5",
              kBinary, 60, 0,
              "The child's Ages and Stages Questionnaire (ASQ-3) at the health visitor's "
              "two-and-a-half-year review shows no area below the threshold, and the Early Years "
              "Foundation Stage Profile records a good level of development at 5.",
              "child_safeguarding"),
      Outcome("attainment_16_relative", "fair_start", "Attainment at 16 above comparable peers",
              kBinary, 72, 0,
              "The young person's Attainment 8 score at 16 (Department for Education national "
              "pupil database) is at or above the average of pupils from areas of comparable "
              "deprivation (the same IMD decile) in the same year."),
      Outcome("not_neet_18", "fair_start", "Not NEET at 18", kBinary, 60, 6,
              "In education, employment or training on the 18th birthday and for the 6 months "
              "after, from the local authority's NEET tracking (CCIS) and HMRC or learner "
              "records."),
  };
  return catalogue;
}

}  // namespace

const Catalogue& DefaultCatalogue() {
  static const Catalogue* const catalogue = new Catalogue(BuildDefaultCatalogue());
  return *catalogue;
}

}  // namespace psl::catalogue
