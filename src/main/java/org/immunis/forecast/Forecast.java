package org.immunis.forecast;

import java.time.LocalDate;
import java.util.List;

/**
 * The next dose: its number for the patient (valid doses so far plus one; for a seasonal dose, valid doses this
 * season plus one), the series' target dose it is ("Dose 8"), the earliest date it counts (no grace period), the
 * recommended date, the past-due date and the latest date it can still count (pastDue and latest may be null), and
 * the CVX codes of the vaccines to give (the schedule's forecast vaccine types, less those contraindicated).
 */
public record Forecast(int doseNumber, String targetDose, LocalDate earliest, LocalDate recommended, LocalDate pastDue,
        LocalDate latest, List<String> vaccineCvx) {

    public Forecast {
        vaccineCvx = List.copyOf(vaccineCvx);
    }

    public Forecast withDoseNumber(int newDoseNumber) {
        return new Forecast(newDoseNumber, targetDose, earliest, recommended, pastDue, latest, vaccineCvx);
    }

    public Forecast withDates(LocalDate newEarliest, LocalDate newRecommended, LocalDate newPastDue) {
        return new Forecast(doseNumber, targetDose, newEarliest, newRecommended, newPastDue, latest, vaccineCvx);
    }
}
