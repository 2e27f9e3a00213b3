package org.immunis.forecast.schedule;

public record Indication(String observationCode, String description, TimeOffset beginAge, TimeOffset endAge) {
}
