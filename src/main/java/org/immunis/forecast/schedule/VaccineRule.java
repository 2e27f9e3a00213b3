package org.immunis.forecast.schedule;

/** A vaccine type (CVX, optionally a trade name by MVX) and the ages at which it counts. */
public record VaccineRule(
        String vaccineType,
        String cvx,
        TimeOffset beginAge,
        TimeOffset endAge,
        String tradeName,
        String mvx,
        boolean forecastVaccineType) {
}
