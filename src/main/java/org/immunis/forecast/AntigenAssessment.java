package org.immunis.forecast;

import java.util.List;

/** One antigen: its best series, the series status, its forecast (null unless not complete) and dose evaluations. */
public record AntigenAssessment(String antigen, String seriesName, SeriesStatus status, Forecast forecast,
        List<AntigenDoseEvaluation> doses) {
}
