package org.immunis.forecast.forecasting;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.immunis.forecast.Forecast;
import org.immunis.forecast.SeriesStatus;
import org.immunis.forecast.evaluation.EvaluatedDose;
import org.immunis.forecast.evaluation.PatientContext;
import org.immunis.forecast.schedule.SeriesSelection;

/**
 * Chooses an antigen's best series as CDSi's "select best patient series" does: per series group the scorable series
 * (pre-filter), one prioritized series (a single candidate, else complete, in-process or no-valid-doses scoring),
 * then the best series among the groups' prioritized series (a complete series, a risk series, or a standard series
 * no equivalent risk or complete series covers).
 */
public final class SeriesSelector {

    private SeriesSelector() {
    }

    /**
     * CDSi's best patient series, one or more (each needed to protect the patient), the one reported first: its status
     * and forecast are the antigen's.
     */
    public static List<PatientSeries> selectBest(List<PatientSeries> candidates, PatientContext context) {
        Map<String, List<PatientSeries>> byGroup = new LinkedHashMap<>();
        for (PatientSeries candidate : candidates) {
            byGroup.computeIfAbsent(groupOf(candidate), g -> new ArrayList<>()).add(candidate);
        }
        Map<String, PatientSeries> prioritized = new LinkedHashMap<>();
        byGroup.forEach((group, series) -> prioritized(series, context).ifPresent(p -> prioritized.put(group, p)));
        if (prioritized.isEmpty()) {
            return List.of(noValidDoses(candidates));
        }
        List<PatientSeries> best = prioritized.values().stream().filter(p -> isBest(p, prioritized)).toList();
        if (best.isEmpty()) {
            best = List.copyOf(prioritized.values());
        }
        // CDSi may keep one best series per group; the engine reports the one that says what the patient needs now:
        // a group the patient has started or may start now, a series still needing a dose; of complete ones the one
        // with the most valid doses (as complete series score within a group); then a risk series (the patient's
        // condition calls for it), priority and group.
        List<PatientSeries> open = best.stream()
                .filter(s -> byGroup.get(groupOf(s)).stream().anyMatch(o -> isStarted(o) || canStartNow(o, context)))
                .toList();
        PatientSeries reported = (open.isEmpty() ? best : open).stream()
                .min(Comparator.comparing((PatientSeries s) -> s.status() != SeriesStatus.NOT_COMPLETE)
                        .thenComparing(s -> !s.isComplete())
                        .thenComparing(s -> s.isComplete() ? -s.progress().validDoseCount() : 0)
                        .thenComparing(s -> !s.series().isRiskSeries())
                        .thenComparing(s -> String.valueOf(s.series().selection().seriesPriority()))
                        .thenComparing(SeriesSelector::groupOf))
                .orElseThrow();
        List<PatientSeries> selected = new ArrayList<>(List.of(reported));
        best.stream().filter(s -> s != reported).forEach(selected::add);
        return selected;
    }

    /** Determine best patient series: is the group's prioritized series needed beside the other groups' ones? */
    private static boolean isBest(PatientSeries series, Map<String, PatientSeries> prioritized) {
        if (series.isComplete()) {
            return true;
        }
        List<PatientSeries> equivalents = series.series().equivalentSeriesGroups().stream().map(prioritized::get)
                .filter(Objects::nonNull).toList();
        if (equivalents.stream().anyMatch(PatientSeries::isComplete)) {
            return false;
        }
        return series.series().isRiskSeries() || equivalents.stream().noneMatch(e -> e.series().isRiskSeries());
    }

    /** The group's one prioritized series; empty when no series of the group can be scored. */
    static Optional<PatientSeries> prioritized(List<PatientSeries> group, PatientContext context) {
        List<PatientSeries> scorable = scorable(group, context);
        List<PatientSeries> defaults = group.stream().filter(s -> s.series().selection().defaultSeries()).toList();
        if (scorable.isEmpty()) {
            return defaults.size() == 1 ? Optional.of(defaults.get(0)) : Optional.empty();
        }
        if (scorable.size() == 1) {
            return Optional.of(scorable.get(0));
        }
        List<PatientSeries> complete = scorable.stream().filter(PatientSeries::isComplete).toList();
        List<PatientSeries> inProcess = scorable.stream().filter(SeriesSelector::isInProcess).toList();
        if (complete.size() == 1) {
            return Optional.of(complete.get(0));
        }
        if (complete.size() > 1) {
            return Optional.of(new SeriesScores(complete).best(s -> s.progress().validDoseCount(), 1, 0, -1).winner());
        }
        if (inProcess.size() == 1) {
            return Optional.of(inProcess.get(0));
        }
        if (inProcess.isEmpty() && defaults.size() == 1) {
            return Optional.of(defaults.get(0));
        }
        if (inProcess.size() > 1) {
            return Optional.of(inProcessScores(inProcess));
        }
        List<PatientSeries> noValidDoses = scorable.stream().filter(s -> s.progress().validDoseCount() == 0).toList();
        return Optional.of(noValidDoses.isEmpty() ? inProcessScores(scorable) : noValidDoses(noValidDoses));
    }

    /**
     * Pre-filter: a contraindicated series counts only when every series of the group is; a risk series of the
     * group's highest priority always scores, a standard series when the patient started it (first valid dose)
     * before its maximum age to start, or when no series of the group has a valid dose and none is the default.
     */
    private static List<PatientSeries> scorable(List<PatientSeries> group, PatientContext context) {
        boolean allContraindicated = group.stream().allMatch(s -> s.status() == SeriesStatus.CONTRAINDICATED);
        String topPriority = group.stream().map(s -> String.valueOf(s.series().selection().seriesPriority()))
                .min(Comparator.naturalOrder()).orElse("");
        boolean noneValid = group.stream().allMatch(s -> s.progress().validDoseCount() == 0);
        boolean hasDefault = group.stream().anyMatch(s -> s.series().selection().defaultSeries());
        return group.stream()
                .filter(s -> allContraindicated || s.status() != SeriesStatus.CONTRAINDICATED)
                .filter(s -> s.series().isRiskSeries()
                        ? String.valueOf(s.series().selection().seriesPriority()).equals(topPriority)
                        : isStarted(s) && startedBeforeMaxAge(s, context) || noneValid && !hasDefault)
                .toList();
    }

    private static PatientSeries inProcessScores(List<PatientSeries> inProcess) {
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

    private static boolean isInProcess(PatientSeries series) {
        return series.progress().validDoseCount() > 0 && !series.isComplete();
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
