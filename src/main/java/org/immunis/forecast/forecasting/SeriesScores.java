package org.immunis.forecast.forecasting;

import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/** Points of CDSi's series scoring tables, accumulated per candidate series (same order as the candidates). */
final class SeriesScores {

    private final List<PatientSeries> candidates;
    private final int[] points;

    SeriesScores(List<PatientSeries> candidates) {
        this.candidates = candidates;
        this.points = new int[candidates.size()];
    }

    /** The candidates with the highest value: one alone gets {@code win}, ties {@code tie}, the rest {@code lose}. */
    SeriesScores best(ToLongFunction<PatientSeries> value, int win, int tie, int lose) {
        long max = candidates.stream().mapToLong(value).max().orElse(0);
        long holders = candidates.stream().filter(c -> value.applyAsLong(c) == max).count();
        for (int i = 0; i < points.length; i++) {
            boolean top = value.applyAsLong(candidates.get(i)) == max;
            points[i] += top ? (holders == 1 ? win : tie) : lose;
        }
        return this;
    }

    SeriesScores when(Predicate<PatientSeries> condition, int ifTrue, int ifFalse) {
        for (int i = 0; i < points.length; i++) {
            points[i] += condition.test(candidates.get(i)) ? ifTrue : ifFalse;
        }
        return this;
    }

    /** The highest score; ties go to the series the schedule prefers (lowest series preference). */
    PatientSeries winner() {
        int best = 0;
        for (int i = 1; i < points.length; i++) {
            if (points[i] > points[best] || points[i] == points[best] && preference(i) < preference(best)) {
                best = i;
            }
        }
        return candidates.get(best);
    }

    private int preference(int index) {
        return candidates.get(index).series().selection().seriesPreference();
    }
}
