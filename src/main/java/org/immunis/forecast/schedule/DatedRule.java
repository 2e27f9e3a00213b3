package org.immunis.forecast.schedule;

import java.time.LocalDate;

/** A rule that applies only to doses given on or after its effective date and before its cessation date. */
public interface DatedRule {

    LocalDate effectiveDate();

    LocalDate cessationDate();

    default boolean appliesOn(LocalDate date) {
        return (effectiveDate() == null || !date.isBefore(effectiveDate()))
                && (cessationDate() == null || date.isBefore(cessationDate()));
    }
}
