package org.immunis.forecast.schedule;

public record SeriesSelection(
        boolean defaultSeries,
        boolean productPath,
        String seriesGroupName,
        String seriesGroup,
        String seriesPriority,
        int seriesPreference,
        TimeOffset minAgeToStart,
        TimeOffset maxAgeToStart) {
}
