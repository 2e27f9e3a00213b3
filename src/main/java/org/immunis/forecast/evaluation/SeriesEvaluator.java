package org.immunis.forecast.evaluation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import org.immunis.forecast.EvaluationStatus;
import org.immunis.forecast.schedule.ConditionalSkip.SkipContext;
import org.immunis.forecast.schedule.SeriesDefinition;
import org.immunis.forecast.schedule.TargetDose;

/** Evaluates an antigen's doses, in date order, against the target doses of one series. */
public final class SeriesEvaluator {

    private SeriesEvaluator() {
    }

    public static SeriesProgress evaluate(SeriesDefinition series, List<GivenDose> antigenDoses, PatientContext context,
            Predicate<String> completedSeriesGroups) {
        List<TargetDose> targets = series.doses();
        List<EvaluatedDose> evaluated = new ArrayList<>(antigenDoses.size());
        List<EvaluatedDose> satisfied = Arrays.asList(new EvaluatedDose[targets.size()]);
        int next = 0;
        for (GivenDose dose : antigenDoses) {
            String condition = subStandardReason(dose);
            if (condition != null) {
                evaluated.add(new EvaluatedDose(dose, EvaluationStatus.SUB_STANDARD, condition, -1));
                continue;
            }
            while (next < targets.size() && ConditionalSkipRules.shouldSkip(targets.get(next), SkipContext.EVALUATION,
                    dose.date(), evaluated, context, completedSeriesGroups)) {
                next++;
            }
            if (next >= targets.size()) {
                evaluated.add(new EvaluatedDose(dose, EvaluationStatus.EXTRANEOUS, EvaluatedDose.SERIES_COMPLETE, -1));
                continue;
            }
            EvaluatedDose result = evaluateAgainst(targets.get(next), next, dose, evaluated, satisfied, context);
            evaluated.add(result);
            if (result.isValid()) {
                satisfied.set(next, result);
                if (!targets.get(next).recurring()) {
                    next++;
                }
            }
        }
        return new SeriesProgress(series, List.copyOf(evaluated), next, Collections.unmodifiableList(satisfied));
    }

    private static EvaluatedDose evaluateAgainst(TargetDose target, int targetIndex, GivenDose dose,
            List<EvaluatedDose> prior, List<EvaluatedDose> satisfied, PatientContext context) {
        if (VaccineRules.isInadvertent(target, dose)) {
            return notValid(dose, EvaluatedDose.INADVERTENT);
        }
        if (AgeAndIntervalRules.isTooOld(target, dose, context)) {
            return new EvaluatedDose(dose, EvaluationStatus.EXTRANEOUS, EvaluatedDose.TOO_OLD, -1);
        }
        LocalDate tooYoungUntil = AgeAndIntervalRules.tooYoungUntil(target, dose, context);
        LocalDate tooSoonUntil = AgeAndIntervalRules.tooSoonUntil(target, dose, prior, satisfied, context);
        // When both fail, the reason is the more limiting one: the later date the dose would have counted from.
        if (tooSoonUntil != null && (tooYoungUntil == null || !tooYoungUntil.isAfter(tooSoonUntil))) {
            return notValid(dose, EvaluatedDose.TOO_SOON);
        }
        if (tooYoungUntil != null) {
            return notValid(dose, EvaluatedDose.TOO_YOUNG);
        }
        if (VaccineRules.hasLiveVirusConflict(dose, prior, context)) {
            return notValid(dose, EvaluatedDose.LIVE_VIRUS_CONFLICT);
        }
        if (!VaccineRules.isPreferableOrAllowable(target, dose, context)) {
            return notValid(dose, EvaluatedDose.NOT_PREFERABLE_OR_ALLOWABLE);
        }
        return new EvaluatedDose(dose, EvaluationStatus.VALID, null, targetIndex);
    }

    private static String subStandardReason(GivenDose dose) {
        if (dose.source().isExpired()) {
            return EvaluatedDose.EXPIRED;
        }
        return dose.source().subpotent() ? EvaluatedDose.SUBPOTENT : null;
    }

    private static EvaluatedDose notValid(GivenDose dose, String reason) {
        return new EvaluatedDose(dose, EvaluationStatus.NOT_VALID, reason, -1);
    }
}
