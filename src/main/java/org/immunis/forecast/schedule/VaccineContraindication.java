package org.immunis.forecast.schedule;

import java.util.List;

public record VaccineContraindication(String observationCode, String title, List<VaccineRule> vaccines) {
}
