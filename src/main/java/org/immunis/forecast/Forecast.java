package org.immunis.forecast;

import java.time.LocalDate;

/**
 * The next dose: target dose number (1-based), the earliest date it counts (no grace period), the recommended
 * date, the past-due date and the latest date it can still count; pastDue and latest may be null.
 */
public record Forecast(int targetDoseNumber, LocalDate earliest, LocalDate recommended, LocalDate pastDue,
        LocalDate latest) {
}
