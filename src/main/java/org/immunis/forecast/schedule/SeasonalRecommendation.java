package org.immunis.forecast.schedule;

import java.time.LocalDate;

public record SeasonalRecommendation(LocalDate startDate, LocalDate endDate) {
}
