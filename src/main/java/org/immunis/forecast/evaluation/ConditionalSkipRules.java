package org.immunis.forecast.evaluation;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;
import org.immunis.forecast.schedule.ConditionalSkip;
import org.immunis.forecast.schedule.ConditionalSkip.SkipContext;
import org.immunis.forecast.schedule.SkipCondition;
import org.immunis.forecast.schedule.SkipSet;
import org.immunis.forecast.schedule.TargetDose;

/**
 * Decides whether a target dose is skipped. In evaluation the reference date is the date of the dose being
 * evaluated and only earlier doses count; in forecasting it is the assessment date and every dose counts.
 */
public final class ConditionalSkipRules {

    private ConditionalSkipRules() {
    }

    /**
     * @param prior the doses of this series evaluated before the reference date
     * @param completedSeriesGroups tells whether a series of the given series group is complete
     */
    public static boolean shouldSkip(TargetDose target, SkipContext wanted, LocalDate referenceDate,
            List<EvaluatedDose> prior, PatientContext context, Predicate<String> completedSeriesGroups) {
        for (ConditionalSkip skip : target.conditionalSkips()) {
            if (!skip.context().appliesTo(wanted)) {
                continue;
            }
            Predicate<SkipSet> setMet = set -> set.appliesOn(referenceDate)
                    && setMet(set, referenceDate, prior, context, completedSeriesGroups);
            boolean met = skip.anySet() ? skip.sets().stream().anyMatch(setMet) : skip.sets().stream().allMatch(setMet);
            if (met && !skip.sets().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static boolean setMet(SkipSet set, LocalDate referenceDate, List<EvaluatedDose> prior,
            PatientContext context, Predicate<String> completedSeriesGroups) {
        Predicate<SkipCondition> conditionMet =
                c -> conditionMet(c, referenceDate, prior, context, completedSeriesGroups);
        return set.anyCondition()
                ? set.conditions().stream().anyMatch(conditionMet)
                : !set.conditions().isEmpty() && set.conditions().stream().allMatch(conditionMet);
    }

    private static boolean conditionMet(SkipCondition condition, LocalDate referenceDate, List<EvaluatedDose> prior,
            PatientContext context, Predicate<String> completedSeriesGroups) {
        return switch (condition.type()) {
            case AGE -> context.isAgeWithin(referenceDate, condition.beginAge(), condition.endAge());
            case INTERVAL -> ReferenceDoses.previous(prior)
                    .map(previous -> !referenceDate.isBefore(condition.interval().addTo(previous.dose().date())))
                    .orElse(false);
            case COMPLETED_SERIES -> condition.seriesGroups().stream().anyMatch(completedSeriesGroups);
            case VACCINE_COUNT_BY_AGE, VACCINE_COUNT_BY_DATE, VACCINE_COUNT_BY_DATE_AND_AGE ->
                    compare(countDoses(condition, prior, context), condition);
        };
    }

    private static long countDoses(SkipCondition condition, List<EvaluatedDose> prior, PatientContext context) {
        boolean byAge = condition.type() != SkipCondition.Type.VACCINE_COUNT_BY_DATE;
        boolean byDate = condition.type() != SkipCondition.Type.VACCINE_COUNT_BY_AGE;
        return prior.stream()
                .filter(e -> !condition.countValidOnly() || e.isValid())
                .filter(e -> condition.vaccineTypes().isEmpty() || condition.vaccineTypes().contains(e.dose().cvx()))
                .filter(e -> !byAge || context.isAgeWithin(e.dose().date(), condition.beginAge(), condition.endAge()))
                .filter(e -> !byDate || withinDates(e.dose().date(), condition))
                .count();
    }

    private static boolean withinDates(LocalDate date, SkipCondition condition) {
        return (condition.startDate() == null || !date.isBefore(condition.startDate()))
                && (condition.endDate() == null || !date.isAfter(condition.endDate()));
    }

    private static boolean compare(long count, SkipCondition condition) {
        int expected = condition.doseCount() == null ? 0 : condition.doseCount();
        return switch (condition.countLogic() == null ? SkipCondition.CountLogic.EQUAL_TO : condition.countLogic()) {
            case GREATER_THAN -> count > expected;
            case LESS_THAN -> count < expected;
            case EQUAL_TO -> count == expected;
        };
    }
}
