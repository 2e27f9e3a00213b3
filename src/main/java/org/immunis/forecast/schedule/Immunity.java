package org.immunis.forecast.schedule;

import java.util.List;

public record Immunity(List<String> clinicalHistoryCodes, List<BirthDateImmunity> birthDates) {
}
