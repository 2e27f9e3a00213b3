package org.immunis.forecast.evaluation;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.immunis.forecast.schedule.AgeRule;
import org.immunis.forecast.schedule.IntervalRule;
import org.immunis.forecast.schedule.TargetDose;

/**
 * Age and interval checks of a dose against a target dose. A dose counts from the absolute minimum age and the
 * absolute minimum interval: the four-day grace period before the minimum age and interval.
 */
final class AgeAndIntervalRules {

    private AgeAndIntervalRules() {
    }

    /** Returns the failure reason, or null when the age is acceptable. */
    static String checkAge(TargetDose target, GivenDose dose, PatientContext context) {
        Optional<AgeRule> rule = target.ages().stream().filter(a -> a.appliesOn(dose.date())).findFirst();
        if (rule.isEmpty()) {
            return null;
        }
        AgeRule age = rule.get();
        LocalDate date = dose.date();
        if (date.isBefore(context.dateAtAge(age.absMinAge(), LocalDate.MIN))) {
            return EvaluatedDose.TOO_YOUNG;
        }
        if (!date.isBefore(context.dateAtAge(age.maxAge(), LocalDate.MAX))) {
            return EvaluatedDose.TOO_OLD;
        }
        return null;
    }

    /** True when the preferable intervals, or failing them the allowable intervals, are met. */
    static boolean intervalsMet(TargetDose target, GivenDose dose, List<EvaluatedDose> prior,
            List<EvaluatedDose> satisfied, PatientContext context) {
        return check(target.intervals(), dose, prior, satisfied, context) != Outcome.NOT_MET
                || check(target.allowableIntervals(), dose, prior, satisfied, context) == Outcome.MET;
    }

    private enum Outcome { NONE_APPLIES, MET, NOT_MET }

    /** Intervals apply when in effect on the dose's date and their reference dose exists. */
    private static Outcome check(List<IntervalRule> rules, GivenDose dose, List<EvaluatedDose> prior,
            List<EvaluatedDose> satisfied, PatientContext context) {
        Outcome outcome = Outcome.NONE_APPLIES;
        for (IntervalRule rule : rules) {
            if (!rule.appliesOn(dose.date())) {
                continue;
            }
            Optional<LocalDate> reference =
                    ReferenceDoses.referenceDate(rule, prior, satisfied, context.history(), dose.date());
            if (reference.isEmpty()) {
                continue;
            }
            if (rule.absMinInt() != null && dose.date().isBefore(rule.absMinInt().addTo(reference.get()))) {
                return Outcome.NOT_MET;
            }
            outcome = Outcome.MET;
        }
        return outcome;
    }
}
