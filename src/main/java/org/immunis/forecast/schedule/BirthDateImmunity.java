package org.immunis.forecast.schedule;

import java.time.LocalDate;
import java.util.List;

/** Patients born before immunityBirthDate are presumed immune, unless they have one of the exclusion observations. */
public record BirthDateImmunity(LocalDate immunityBirthDate, String birthCountry, List<String> exclusionCodes) {
}
