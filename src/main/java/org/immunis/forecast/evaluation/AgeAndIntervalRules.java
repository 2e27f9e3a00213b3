package org.immunis.forecast.evaluation;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.immunis.forecast.schedule.AgeRule;
import org.immunis.forecast.schedule.IntervalRule;
import org.immunis.forecast.schedule.TargetDose;

/**
 * Age and interval checks of a dose against a target dose. A dose counts from the absolute minimum age and the
 * absolute minimum interval: the four-day grace period before the minimum age and interval. Each check tells the
 * date from which the dose would have passed, so that the most limiting failure can be reported.
 */
final class AgeAndIntervalRules {

    private AgeAndIntervalRules() {
    }

    private static Optional<AgeRule> ageRule(TargetDose target, LocalDate date) {
        return target.ages().stream().filter(a -> a.appliesOn(date)).findFirst();
    }

    /** The absolute minimum age date when the dose was given before it, else null. */
    static LocalDate tooYoungUntil(TargetDose target, GivenDose dose, PatientContext context) {
        LocalDate absoluteMinimum = ageRule(target, dose.date())
                .map(age -> context.dateAtAge(age.absMinAge(), LocalDate.MIN))
                .orElse(LocalDate.MIN);
        return dose.date().isBefore(absoluteMinimum) ? absoluteMinimum : null;
    }

    static boolean isTooOld(TargetDose target, GivenDose dose, PatientContext context) {
        return ageRule(target, dose.date())
                .map(age -> !dose.date().isBefore(context.dateAtAge(age.maxAge(), LocalDate.MAX)))
                .orElse(false);
    }

    /**
     * When the preferable intervals are not met and the allowable intervals do not make up for it: the date from
     * which the preferable intervals would have been met. Null when the intervals are met.
     */
    static LocalDate tooSoonUntil(TargetDose target, GivenDose dose, List<EvaluatedDose> prior,
            List<EvaluatedDose> satisfied, PatientContext context) {
        Check preferable = check(target.intervals(), dose, prior, satisfied, context);
        if (preferable.metFrom() == null || !dose.date().isBefore(preferable.metFrom())) {
            return null;
        }
        Check allowable = check(target.allowableIntervals(), dose, prior, satisfied, context);
        boolean allowableMet = allowable.metFrom() != null && !dose.date().isBefore(allowable.metFrom());
        return allowableMet ? null : preferable.metFrom();
    }

    /** metFrom: the latest absolute minimum interval date of the intervals that apply; null when none applies. */
    private record Check(LocalDate metFrom) {
    }

    /** Intervals apply when in effect on the dose's date and their reference dose exists. */
    private static Check check(List<IntervalRule> rules, GivenDose dose, List<EvaluatedDose> prior,
            List<EvaluatedDose> satisfied, PatientContext context) {
        LocalDate metFrom = null;
        for (IntervalRule rule : rules) {
            if (!rule.appliesOn(dose.date())) {
                continue;
            }
            Optional<LocalDate> reference =
                    ReferenceDoses.referenceDate(rule, prior, satisfied, context, dose.date());
            if (reference.isEmpty()) {
                continue;
            }
            LocalDate from = rule.absMinInt() == null ? reference.get() : rule.absMinInt().addTo(reference.get());
            metFrom = metFrom == null || from.isAfter(metFrom) ? from : metFrom;
        }
        return new Check(metFrom);
    }
}
