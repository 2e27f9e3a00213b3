package org.immunis.forecast.forecasting;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.immunis.forecast.Forecast;
import org.immunis.forecast.SeriesStatus;
import org.immunis.forecast.evaluation.EvaluatedDose;
import org.immunis.forecast.evaluation.PatientContext;
import org.immunis.forecast.schedule.SeriesSelection;

/**
 * Chooses an antigen's best series: one prioritized series per series group, then the best of the groups.
 * Within a group only series started before their maximum age to start count; a complete series wins, in-process
 * series are scored as CDSi does, and with no valid dose at all the default series is taken.
 */
public final class SeriesSelector {

    private SeriesSelector() {
    }

    public static PatientSeries selectBest(List<PatientSeries> candidates, PatientContext context) {
        Map<String, List<PatientSeries>> byGroup = new LinkedHashMap<>();
        for (PatientSeries candidate : candidates) {
            byGroup.computeIfAbsent(groupOf(candidate), g -> new ArrayList<>()).add(candidate);
        }
        List<PatientSeries> prioritized = new ArrayList<>();
        List<PatientSeries> open = new ArrayList<>();
        for (List<PatientSeries> group : byGroup.values()) {
            PatientSeries chosen = prioritized(group, context);
            prioritized.add(chosen);
            if (group.stream().anyMatch(s -> isStarted(s) || canStartNow(s, context))) {
                open.add(chosen);
            }
        }
        return bestOfGroups(open.isEmpty() ? prioritized : open);
    }

    /**
     * Across series groups (e.g. childhood and 50+ pneumococcal): groups a complete equivalent group covers drop
     * out; a series that still needs a dose beats a complete one; then the higher series priority, then group order.
     */
    private static PatientSeries bestOfGroups(List<PatientSeries> groups) {
        Set<String> covered = new HashSet<>();
        for (PatientSeries series : groups) {
            if (series.isComplete()) {
                covered.addAll(series.series().equivalentSeriesGroups());
            }
        }
        for (PatientSeries series : groups) {
            List<String> equivalents = series.series().equivalentSeriesGroups();
            if (groups.stream().anyMatch(o -> o.isComplete() && equivalents.contains(groupOf(o)))) {
                covered.add(groupOf(series));
            }
        }
        List<PatientSeries> remaining =
                groups.stream().filter(s -> s.isComplete() || !covered.contains(groupOf(s))).toList();
        return remaining.stream()
                .min(Comparator.comparing((PatientSeries s) -> s.status() != SeriesStatus.NOT_COMPLETE)
                        .thenComparing(s -> !s.isComplete())
                        .thenComparing(s -> String.valueOf(s.series().selection().seriesPriority()))
                        .thenComparing(SeriesSelector::groupOf))
                .orElseThrow();
    }

    static PatientSeries prioritized(List<PatientSeries> group, PatientContext context) {
        if (group.size() == 1) {
            return group.get(0);
        }
        List<PatientSeries> startedInTime =
                group.stream().filter(s -> isStarted(s) && startedBeforeMaxAge(s, context)).toList();
        List<PatientSeries> complete = startedInTime.stream().filter(PatientSeries::isComplete).toList();
        if (!complete.isEmpty()) {
            return complete.size() == 1 ? complete.get(0)
                    : new SeriesScores(complete).best(s -> s.progress().validDoseCount(), 1, 0, -1).winner();
        }
        List<PatientSeries> inProcess = startedInTime.stream().filter(s -> s.progress().validDoseCount() > 0).toList();
        if (inProcess.isEmpty()) {
            return noValidDoses(group);
        }
        if (inProcess.size() == 1) {
            return inProcess.get(0);
        }
        return new SeriesScores(inProcess)
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

    private static boolean isStarted(PatientSeries series) {
        return series.progress().validDoseCount() > 0 || series.isComplete();
    }

    /** A series the patient began (first valid dose) at or after its maximum age to start does not count. */
    private static boolean startedBeforeMaxAge(PatientSeries series, PatientContext context) {
        SeriesSelection selection = series.series().selection();
        return series.progress().firstValidDose()
                .map(d -> d.dose().date().isBefore(context.dateAtAge(selection.maxAgeToStart(), LocalDate.MAX)))
                .orElse(true);
    }

    private static boolean canStartNow(PatientSeries series, PatientContext context) {
        SeriesSelection selection = series.series().selection();
        return context.isAgeWithin(context.assessmentDate(), selection.minAgeToStart(), selection.maxAgeToStart());
    }

    private static String groupOf(PatientSeries series) {
        return String.valueOf(series.series().selection().seriesGroup());
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
