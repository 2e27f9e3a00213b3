package org.immunis.forecast.schedule;

import java.util.List;

public record SeriesDefinition(
        String name,
        String targetDisease,
        String vaccineGroup,
        String seriesType,
        List<String> equivalentSeriesGroups,
        List<String> requiredGenders,
        SeriesSelection selection,
        List<Indication> indications,
        List<TargetDose> doses) {

    public boolean isRiskSeries() {
        return "Risk".equalsIgnoreCase(seriesType);
    }

    public boolean isEvaluationOnly() {
        return "Evaluation Only".equalsIgnoreCase(seriesType);
    }
}
