package org.immunis.forecast.evaluation;

import java.util.List;
import java.util.Optional;
import org.immunis.forecast.schedule.SeriesDefinition;

/**
 * A patient series after evaluation: every dose's outcome, the next target dose (0-based; equal to the number
 * of target doses when all are satisfied or skipped) and the dose that satisfied each target dose.
 */
public record SeriesProgress(SeriesDefinition series, List<EvaluatedDose> evaluated, int nextTarget,
        List<EvaluatedDose> satisfiedTargets) {

    public long validDoseCount() {
        return evaluated.stream().filter(EvaluatedDose::isValid).count();
    }

    public Optional<EvaluatedDose> firstValidDose() {
        return evaluated.stream().filter(EvaluatedDose::isValid).findFirst();
    }
}
