package org.immunis.forecast.schedule;

import java.time.LocalDate;
import java.util.List;

/** Conditions of one set: all must be met (AND, or a single condition) or any (OR). */
public record SkipSet(
        String id,
        String description,
        LocalDate effectiveDate,
        LocalDate cessationDate,
        boolean anyCondition,
        List<SkipCondition> conditions) implements DatedRule {
}
