package org.immunis.forecast.evaluation;

import java.time.LocalDate;
import org.immunis.forecast.AdministeredDose;
import org.immunis.forecast.schedule.Schedule;

/** A dose given, with its CVX normalised; index is its position in the list the caller gave the engine. */
public record GivenDose(int index, AdministeredDose source, LocalDate date, String cvx, String mvx) {

    public static GivenDose of(int index, AdministeredDose dose) {
        return new GivenDose(index, dose, dose.dateAdministered(), Schedule.normalizeCvx(dose.cvx()), dose.mvx());
    }
}
