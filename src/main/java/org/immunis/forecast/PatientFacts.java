package org.immunis.forecast;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * What the engine needs to know about the patient. {@code observationCodes} are CDSi observation codes
 * (ScheduleSupportingData observations, e.g. "055" for health care personnel) that hold on the assessment date.
 */
public record PatientFacts(LocalDate birthDate, Gender gender, Set<String> observationCodes) {

    public PatientFacts {
        Objects.requireNonNull(birthDate, "birthDate");
        gender = gender == null ? Gender.UNKNOWN : gender;
        observationCodes = observationCodes == null ? Set.of() : Set.copyOf(observationCodes);
    }

    public PatientFacts(LocalDate birthDate, Gender gender) {
        this(birthDate, gender, Set.of());
    }
}
