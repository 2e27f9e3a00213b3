package org.immunis.forecast.schedule;

import java.util.List;

public record TargetDose(
        String doseNumber,
        List<AgeRule> ages,
        List<IntervalRule> intervals,
        List<IntervalRule> allowableIntervals,
        List<VaccineRule> preferableVaccines,
        List<VaccineRule> allowableVaccines,
        List<String> inadvertentCvx,
        List<ConditionalSkip> conditionalSkips,
        boolean recurring,
        SeasonalRecommendation seasonalRecommendation) {
}
