package org.immunis.forecast.evaluation;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.immunis.forecast.schedule.IntervalRule;

/**
 * Finds the date an interval counts from: the previous dose, a target dose's dose, the most recent of some types, or
 * the date of a relevant observation of the patient (a transplant, the onset of pregnancy).
 */
public final class ReferenceDoses {

    private ReferenceDoses() {
    }

    /**
     * @param prior the doses of this series evaluated before the date in question, in order
     * @param satisfied the doses that satisfied each target dose so far (null where not satisfied)
     * @param before only doses of the patient's history given before this date count as "most recent"
     */
    public static Optional<LocalDate> referenceDate(IntervalRule rule, List<EvaluatedDose> prior,
            List<EvaluatedDose> satisfied, PatientContext context, LocalDate before) {
        if (rule.fromRelevantObservation() != null) {
            return context.patient().observationDate(rule.fromRelevantObservation());
        }
        if (rule.fromPrevious()) {
            return previous(prior).map(d -> d.dose().date());
        }
        if (rule.fromTargetDose() != null) {
            int index = rule.fromTargetDose() - 1;
            return index < satisfied.size() && satisfied.get(index) != null
                    ? Optional.of(satisfied.get(index).dose().date())
                    : Optional.empty();
        }
        if (!rule.fromMostRecentCvx().isEmpty()) {
            LocalDate latest = null;
            for (GivenDose dose : context.history()) {
                if (dose.date().isBefore(before) && rule.fromMostRecentCvx().contains(dose.cvx())) {
                    latest = dose.date();
                }
            }
            return Optional.ofNullable(latest);
        }
        return Optional.empty();
    }

    /** The immediately previous dose; an inadvertent vaccine or a sub-standard dose never counts as one. */
    public static Optional<EvaluatedDose> previous(List<EvaluatedDose> prior) {
        for (int i = prior.size() - 1; i >= 0; i--) {
            if (prior.get(i).countsAsPreviousDose()) {
                return Optional.of(prior.get(i));
            }
        }
        return Optional.empty();
    }
}
