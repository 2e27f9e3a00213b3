package org.immunis.forecast.schedule;

import java.util.List;

/** Skip the target dose when the sets are met: any set (OR) or the only set. */
public record ConditionalSkip(SkipContext context, boolean anySet, List<SkipSet> sets) {

    public enum SkipContext {
        EVALUATION, FORECAST, BOTH;

        public boolean appliesTo(SkipContext wanted) {
            return this == BOTH || this == wanted;
        }
    }
}
