package org.immunis.forecast.schedule;

public record AntigenContraindication(String observationCode, String title, TimeOffset beginAge, TimeOffset endAge) {
}
