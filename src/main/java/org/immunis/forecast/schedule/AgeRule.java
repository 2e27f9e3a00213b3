package org.immunis.forecast.schedule;

import java.time.LocalDate;

public record AgeRule(
        TimeOffset absMinAge,
        TimeOffset minAge,
        TimeOffset earliestRecAge,
        TimeOffset latestRecAge,
        TimeOffset maxAge,
        LocalDate effectiveDate,
        LocalDate cessationDate) implements DatedRule {
}
