package org.immunis.forecast.schedule;

import java.time.LocalDate;
import java.util.List;

/**
 * An interval from a reference dose: the immediately previous dose, the dose that satisfied target dose
 * {@code fromTargetDose}, or the most recent dose of one of {@code fromMostRecentCvx}.
 * Allowable intervals only carry an absolute minimum.
 */
public record IntervalRule(
        boolean fromPrevious,
        Integer fromTargetDose,
        List<String> fromMostRecentCvx,
        String fromRelevantObservation,
        TimeOffset absMinInt,
        TimeOffset minInt,
        TimeOffset earliestRecInt,
        TimeOffset latestRecInt,
        boolean priorityOverride,
        LocalDate effectiveDate,
        LocalDate cessationDate) implements DatedRule {
}
