package org.immunis.forecast.evaluation;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.immunis.forecast.EvaluationStatus;
import org.immunis.forecast.schedule.LiveVirusConflict;
import org.immunis.forecast.schedule.TargetDose;
import org.immunis.forecast.schedule.TimeOffset;
import org.immunis.forecast.schedule.VaccineRule;

/** Checks of the vaccine given: inadvertent, preferable or allowable, and live virus conflicts. */
final class VaccineRules {

    private VaccineRules() {
    }

    static boolean isInadvertent(TargetDose target, GivenDose dose) {
        return target.inadvertentCvx().contains(dose.cvx());
    }

    static boolean isPreferableOrAllowable(TargetDose target, GivenDose dose, PatientContext context) {
        for (VaccineRule rule : target.preferableVaccines()) {
            boolean tradeNameMatches =
                    rule.mvx() == null || dose.mvx() == null || rule.mvx().equalsIgnoreCase(dose.mvx());
            if (matches(rule, dose, context) && tradeNameMatches) {
                return true;
            }
        }
        return target.allowableVaccines().stream().anyMatch(rule -> matches(rule, dose, context));
    }

    private static boolean matches(VaccineRule rule, GivenDose dose, PatientContext context) {
        return rule.cvx().equals(dose.cvx()) && context.isAgeWithin(dose.date(), rule.beginAge(), rule.endAge());
    }

    /**
     * A live vaccine given too soon after another live vaccine. The end of the conflict gets the four-day grace
     * (minimum conflict end) unless the earlier live dose was itself not valid in this series.
     */
    static boolean hasLiveVirusConflict(GivenDose dose, List<EvaluatedDose> prior, PatientContext context) {
        Map<String, LiveVirusConflict> conflicts = context.schedule().liveVirusConflictsOf(dose.cvx());
        if (conflicts.isEmpty()) {
            return false;
        }
        for (GivenDose earlier : context.history()) {
            if (!earlier.date().isBefore(dose.date())) {
                break;
            }
            LiveVirusConflict conflict = conflicts.get(earlier.cvx());
            if (conflict == null) {
                continue;
            }
            LocalDate begin = conflict.conflictBeginInterval().addTo(earlier.date());
            TimeOffset endInterval = wasNotValid(earlier, prior)
                    ? conflict.conflictEndInterval()
                    : conflict.minConflictEndInterval();
            LocalDate end = endInterval.addTo(earlier.date());
            if (!dose.date().isBefore(begin) && dose.date().isBefore(end)) {
                return true;
            }
        }
        return false;
    }

    private static boolean wasNotValid(GivenDose earlier, List<EvaluatedDose> prior) {
        return prior.stream()
                .anyMatch(e -> e.dose().index() == earlier.index() && e.status() == EvaluationStatus.NOT_VALID);
    }
}
