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

    static Optional<AgeRule> ageRule(TargetDose target, LocalDate date) {
        return target.ages().stream().filter(a -> a.appliesOn(date)).findFirst();
    }

    /** Returns the failure reason, or null when the age is acceptable. */
    static String checkAge(TargetDose target, GivenDose dose, PatientContext context) {
        Optional<AgeRule> rule = ageRule(target, dose.date());
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
        boolean preferableMet = true;
        for (IntervalRule rule : target.intervals()) {
            if (!rule.appliesOn(dose.date())) {
                continue;
            }
            Optional<LocalDate> reference = ReferenceDoses.referenceDate(rule, prior, satisfied, context.history(), dose.date());
            if (reference.isPresent() && rule.absMinInt() != null
                    && dose.date().isBefore(rule.absMinInt().addTo(reference.get()))) {
                preferableMet = false;
            }
        }
        return preferableMet || allowableIntervalsMet(target, dose, prior, satisfied, context);
    }

    private static boolean allowableIntervalsMet(TargetDose target, GivenDose dose, List<EvaluatedDose> prior,
            List<EvaluatedDose> satisfied, PatientContext context) {
        boolean anyApplied = false;
        for (IntervalRule rule : target.allowableIntervals()) {
            if (!rule.appliesOn(dose.date())) {
                continue;
            }
            Optional<LocalDate> reference = ReferenceDoses.referenceDate(rule, prior, satisfied, context.history(), dose.date());
            if (reference.isPresent()) {
                anyApplied = true;
                if (rule.absMinInt() != null && dose.date().isBefore(rule.absMinInt().addTo(reference.get()))) {
                    return false;
                }
            }
        }
        return anyApplied;
    }
}
