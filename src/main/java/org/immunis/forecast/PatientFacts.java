package org.immunis.forecast;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the engine needs to know about the patient. {@code observationCodes} are CDSi observation codes
 * (ScheduleSupportingData observations, e.g. "055" for health care personnel) that hold on the assessment date;
 * {@code observationDates} gives, for those that have one, the date of the observation (e.g. "171", the date of a
 * hematopoietic stem cell transplant, or "170", the onset of pregnancy), from which some intervals count.
 */
public record PatientFacts(LocalDate birthDate, Gender gender, Set<String> observationCodes,
        Map<String, LocalDate> observationDates) {

    public PatientFacts {
        Objects.requireNonNull(birthDate, "birthDate");
        gender = gender == null ? Gender.UNKNOWN : gender;
        observationCodes = observationCodes == null ? Set.of() : Set.copyOf(observationCodes);
        observationDates = observationDates == null ? Map.of() : Map.copyOf(observationDates);
    }

    public PatientFacts(LocalDate birthDate, Gender gender, Set<String> observationCodes) {
        this(birthDate, gender, observationCodes, Map.of());
    }

    public PatientFacts(LocalDate birthDate, Gender gender) {
        this(birthDate, gender, Set.of(), Map.of());
    }

    /** The date of an observation the patient has, when one was given. */
    public Optional<LocalDate> observationDate(String code) {
        return observationCodes.contains(code) ? Optional.ofNullable(observationDates.get(code)) : Optional.empty();
    }
}
