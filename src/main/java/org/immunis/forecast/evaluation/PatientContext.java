package org.immunis.forecast.evaluation;

import java.time.LocalDate;
import java.util.List;
import org.immunis.forecast.PatientFacts;
import org.immunis.forecast.schedule.Schedule;
import org.immunis.forecast.schedule.TimeOffset;

/** The patient, their whole history in date order and the assessment date, shared by every series. */
public record PatientContext(PatientFacts patient, List<GivenDose> history, LocalDate assessmentDate,
        Schedule schedule) {

    /** The date the patient reaches an age; a missing age gives the fallback. */
    public LocalDate dateAtAge(TimeOffset age, LocalDate fallback) {
        return age == null ? fallback : age.addTo(patient.birthDate());
    }

    public boolean isAgeWithin(LocalDate date, TimeOffset beginAge, TimeOffset endAge) {
        return !date.isBefore(dateAtAge(beginAge, LocalDate.MIN)) && date.isBefore(dateAtAge(endAge, LocalDate.MAX));
    }

    public boolean hasObservation(String code) {
        return code != null && patient.observationCodes().contains(code);
    }
}
