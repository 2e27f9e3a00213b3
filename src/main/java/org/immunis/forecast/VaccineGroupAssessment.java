package org.immunis.forecast;

import java.util.List;

/** One vaccine group: status, forecast (null when no dose is due), per-dose evaluations and its antigens. */
public record VaccineGroupAssessment(String vaccineGroup, SeriesStatus status, Forecast forecast,
        List<DoseEvaluation> doses, List<AntigenAssessment> antigens) {
}
