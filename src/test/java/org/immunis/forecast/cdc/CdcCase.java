package org.immunis.forecast.cdc;

import java.time.LocalDate;
import java.util.List;
import org.immunis.forecast.EvaluationStatus;
import org.immunis.forecast.Gender;
import org.immunis.forecast.SeriesStatus;

/**
 * One CDC test case in the project's own form (converted by {@link CdcCaseConverter}): the patient, the doses with the
 * evaluation CDC expects, and the forecast CDC expects for one vaccine group (named as the engine names it).
 */
record CdcCase(
        String id,
        LocalDate birthDate,
        Gender gender,
        List<Observation> observations,
        List<Dose> doses,
        LocalDate assessmentDate,
        String vaccineGroup,
        SeriesStatus seriesStatus,
        Integer forecastDose,
        LocalDate earliest,
        LocalDate recommended,
        LocalDate pastDue) {

    CdcCase {
        observations = observations == null ? List.of() : List.copyOf(observations);
        doses = doses == null ? List.of() : List.copyOf(doses);
    }

    /** A CDSi observation code and, when CDC gives one, the date it was observed. */
    record Observation(String code, LocalDate date) {
    }

    /** {@code reason} is null when CDC gives none (then any reason passes). */
    record Dose(LocalDate date, String cvx, String mvx, EvaluationStatus status, String reason) {
    }
}
