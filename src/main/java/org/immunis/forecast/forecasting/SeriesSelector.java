package org.immunis.forecast.forecasting;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.immunis.forecast.Forecast;
import org.immunis.forecast.SeriesStatus;
import org.immunis.forecast.evaluation.EvaluatedDose;
import org.immunis.forecast.evaluation.PatientContext;
import org.immunis.forecast.schedule.SeriesSelection;

/**
 * Chooses an antigen's best series: one prioritized series per series group, then the best of the groups.
 * Within a group a complete series wins; otherwise in-process series the patient started within the series' ages
 * to start are scored as CDSi does; with no valid dose at all the default series is taken.
 */
public final class SeriesSelector {

    private SeriesSelector() {
    }

    public static PatientSeries selectBest(List<PatientSeries> candidates, PatientContext context) {
        Map<String, List<PatientSeries>> byGroup = new LinkedHashMap<>();
        for (PatientSeries candidate : candidates) {
            byGroup.computeIfAbsent(String.valueOf(candidate.series().selection().seriesGroup()),
                    g -> new java.util.ArrayList<>()).add(candidate);
        }
        return byGroup.values().stream()
                .map(group -> prioritized(group, context))
                .min(Comparator.comparing((PatientSeries s) -> !s.isComplete())
                        .thenComparing(s -> String.valueOf(s.series().selection().seriesPriority())))
                .orElseThrow();
    }

    static PatientSeries prioritized(List<PatientSeries> group, PatientContext context) {
        if (group.size() == 1) {
            return group.get(0);
        }
        List<PatientSeries> complete = group.stream().filter(PatientSeries::isComplete).toList();
        if (!complete.isEmpty()) {
            return complete.size() == 1 ? complete.get(0)
                    : new SeriesScores(complete).best(s -> s.progress().validDoseCount(), 1, 0, -1).winner();
        }
        List<PatientSeries> inProcess = group.stream().filter(s -> s.progress().validDoseCount() > 0).toList();
        if (inProcess.isEmpty()) {
            return noValidDoses(group);
        }
        List<PatientSeries> startedInAge = inProcess.stream().filter(s -> canStart(s, context)).toList();
        List<PatientSeries> candidates = startedInAge.isEmpty() ? inProcess : startedInAge;
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        return new SeriesScores(candidates)
                .when(s -> s.series().selection().productPath() && allValid(s), 2, -2)
                .when(SeriesSelector::completable, 3, -3)
                .best(s -> s.progress().validDoseCount(), 2, 0, -2)
                .best(s -> -s.remainingTargetDoses(), 2, 0, -2)
                .best(s -> -epochDay(s.forecast()), 1, 0, -1)
                .winner();
    }

    /** No series has a valid dose: the schedule's default series, else the best scored. */
    private static PatientSeries noValidDoses(List<PatientSeries> group) {
        return group.stream().filter(s -> s.series().selection().defaultSeries()).findFirst()
                .orElseGet(() -> new SeriesScores(group)
                        .best(s -> -epochDay(s.forecast()), 1, 0, -1)
                        .when(SeriesSelector::completable, 1, -1)
                        .when(s -> !s.series().requiredGenders().isEmpty(), 1, 0)
                        .when(s -> s.series().selection().productPath(), -1, 1)
                        .when(s -> s.status() == SeriesStatus.AGED_OUT, -1, 1)
                        .winner());
    }

    /** The patient's age at the series' first valid dose is within its ages to start. */
    private static boolean canStart(PatientSeries series, PatientContext context) {
        SeriesSelection selection = series.series().selection();
        LocalDate start = series.progress().firstValidDose().orElseThrow().dose().date();
        return context.isAgeWithin(start, selection.minAgeToStart(), selection.maxAgeToStart());
    }

    private static boolean completable(PatientSeries series) {
        return series.status() != SeriesStatus.AGED_OUT;
    }

    private static boolean allValid(PatientSeries series) {
        return series.progress().evaluated().stream().allMatch(EvaluatedDose::isValid);
    }

    private static long epochDay(Forecast forecast) {
        return forecast == null ? Long.MAX_VALUE / 2 : forecast.earliest().toEpochDay();
    }
}
