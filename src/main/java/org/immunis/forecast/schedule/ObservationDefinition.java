package org.immunis.forecast.schedule;

public record ObservationDefinition(String code, String title) {
}
