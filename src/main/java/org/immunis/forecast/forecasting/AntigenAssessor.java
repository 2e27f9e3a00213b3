package org.immunis.forecast.forecasting;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.immunis.forecast.AntigenAssessment;
import org.immunis.forecast.AntigenDoseEvaluation;
import org.immunis.forecast.Forecast;
import org.immunis.forecast.evaluation.EvaluatedDose;
import org.immunis.forecast.evaluation.GivenDose;
import org.immunis.forecast.evaluation.PatientContext;
import org.immunis.forecast.evaluation.SeriesEvaluator;
import org.immunis.forecast.evaluation.SeriesProgress;
import org.immunis.forecast.schedule.AntigenDefinition;
import org.immunis.forecast.schedule.CvxAntigenAssociation;
import org.immunis.forecast.schedule.IntervalRule;
import org.immunis.forecast.schedule.SeriesDefinition;

/** Evaluates and forecasts every relevant series of one antigen and reports the best one. */
public final class AntigenAssessor {

    private AntigenAssessor() {
    }

    /** Empty when no series of the antigen is relevant to the patient (risk-only antigens for a healthy patient). */
    public static Optional<AntigenAssessment> assess(AntigenDefinition antigen, PatientContext context) {
        List<SeriesDefinition> relevant = relevantSeries(antigen, context, false);
        if (relevant.isEmpty()) {
            // No series applies yet, but the patient has a condition whose series starts at a later age (dengue
            // from 9 years): the antigen is reported, forecast from that birthday, rather than left out.
            relevant = relevantSeries(antigen, context, true);
        }
        if (relevant.isEmpty()) {
            return Optional.empty();
        }
        List<GivenDose> doses = dosesOf(antigen.antigen(), context);
        Set<String> completedGroups = new HashSet<>();
        List<PatientSeries> candidates = new ArrayList<>();
        for (SeriesDefinition series : relevant) {
            SeriesProgress progress = SeriesEvaluator.evaluate(series, doses, context, completedGroups::contains);
            PatientSeries forecast = notBeforeIndication(series, context,
                    SeriesForecaster.forecast(progress, antigen, context, completedGroups::contains));
            if (forecast.isComplete()) {
                completedGroups.add(String.valueOf(series.selection().seriesGroup()));
            }
            candidates.add(forecast);
        }
        List<PatientSeries> bestSeries = SeriesSelector.selectBest(candidates, context);
        PatientSeries best = bestSeries.get(0);
        List<EvaluatedDose> counted = best.progress().evaluated().stream()
                .map(e -> countedInAnyBestSeries(e, bestSeries))
                .toList();
        List<AntigenDoseEvaluation> evaluations = counted.stream().map(e -> toResult(antigen.antigen(), e)).toList();
        // the next dose's number counts the doses that count in another best series too, unless the series starts over
        // after an event (a transplant) they came before
        LocalDate startsOver = startsOverAfter(best.series(), context);
        long countedElsewhere = best.progress().evaluated().stream()
                .filter(e -> !e.isValid() && !e.dose().date().isBefore(startsOver))
                .filter(e -> countedInAnyBestSeries(e, bestSeries).isValid())
                .count();
        Forecast forecast = best.forecast() == null || countedElsewhere == 0 ? best.forecast()
                : best.forecast().withDoseNumber(best.forecast().doseNumber() + (int) countedElsewhere);
        return Optional.of(new AntigenAssessment(antigen.antigen(), best.series().name(), best.status(), forecast,
                evaluations));
    }

    /**
     * A dose counts for the antigen when it counts in any of its best series: each is needed to protect the patient (a
     * booster of a risk series after a complete standard series, a dose of the standard series before it).
     */
    private static EvaluatedDose countedInAnyBestSeries(EvaluatedDose evaluated, List<PatientSeries> bestSeries) {
        if (evaluated.isValid()) {
            return evaluated;
        }
        return bestSeries.stream().flatMap(s -> s.progress().evaluated().stream())
                .filter(other -> other.dose().index() == evaluated.dose().index() && other.isValid())
                .findFirst().orElse(evaluated);
    }

    /** The latest date of a relevant observation the series counts from (a transplant), else the earliest date. */
    private static LocalDate startsOverAfter(SeriesDefinition series, PatientContext context) {
        return series.doses().stream().flatMap(d -> d.intervals().stream())
                .map(IntervalRule::fromRelevantObservation).filter(Objects::nonNull)
                .flatMap(code -> context.patient().observationDate(code).stream())
                .max(Comparator.naturalOrder()).orElse(LocalDate.MIN);
    }

    private static AntigenDoseEvaluation toResult(String antigen, EvaluatedDose evaluated) {
        return new AntigenDoseEvaluation(evaluated.dose().index(), evaluated.dose().source(), antigen,
                evaluated.status(), evaluated.reason(),
                evaluated.satisfiedTarget() < 0 ? null : evaluated.satisfiedTarget() + 1);
    }

    /** Series group order, so that a "completed series" skip condition of a later group sees the earlier ones. */
    private static List<SeriesDefinition> relevantSeries(AntigenDefinition antigen, PatientContext context,
            boolean fromLaterAge) {
        return antigen.series().stream().filter(s -> isRelevant(s, context, fromLaterAge))
                .sorted(Comparator.comparing(s -> String.valueOf(s.selection().seriesGroup())))
                .toList();
    }

    private static boolean isRelevant(SeriesDefinition series, PatientContext context, boolean fromLaterAge) {
        if (series.isEvaluationOnly()) {
            return false;
        }
        List<String> genders = series.requiredGenders();
        String gender = context.patient().gender().cdsiName();
        if (!genders.isEmpty() && genders.stream().noneMatch(gender::equalsIgnoreCase)) {
            return false;
        }
        if (!series.isRiskSeries()) {
            return true;
        }
        return indicationStart(series, context)
                .filter(start -> fromLaterAge || !start.isAfter(context.assessmentDate())).isPresent();
    }

    /**
     * The date from which a risk series applies: the earliest begin age of the indications the patient has whose end
     * age is still ahead.
     */
    private static Optional<LocalDate> indicationStart(SeriesDefinition series, PatientContext context) {
        return series.indications().stream()
                .filter(i -> context.hasObservation(i.observationCode()))
                .filter(i -> context.assessmentDate().isBefore(context.dateAtAge(i.endAge(), LocalDate.MAX)))
                .map(i -> context.dateAtAge(i.beginAge(), context.patient().birthDate()))
                .min(Comparator.naturalOrder());
    }

    private static PatientSeries notBeforeIndication(SeriesDefinition series, PatientContext context,
            PatientSeries patientSeries) {
        Forecast forecast = patientSeries.forecast();
        if (!series.isRiskSeries() || forecast == null) {
            return patientSeries;
        }
        LocalDate start = indicationStart(series, context).orElseThrow();
        if (!start.isAfter(context.assessmentDate()) || !forecast.earliest().isBefore(start)) {
            return patientSeries;
        }
        LocalDate recommended = forecast.recommended().isBefore(start) ? start : forecast.recommended();
        LocalDate pastDue = forecast.pastDue() != null && forecast.pastDue().isBefore(recommended)
                ? recommended : forecast.pastDue();
        return new PatientSeries(patientSeries.progress(), patientSeries.status(),
                forecast.withDates(start, recommended, pastDue), patientSeries.forecastTarget());
    }

    /** The patient's doses that carry this antigen (at the age given), up to the assessment date. */
    private static List<GivenDose> dosesOf(String antigen, PatientContext context) {
        List<GivenDose> doses = new ArrayList<>();
        for (GivenDose dose : context.history()) {
            if (dose.date().isAfter(context.assessmentDate())) {
                continue;
            }
            for (CvxAntigenAssociation association : context.schedule().antigensOf(dose.cvx())) {
                if (association.antigen().equals(antigen)
                        && context.isAgeWithin(dose.date(), association.beginAge(), association.endAge())) {
                    doses.add(dose);
                    break;
                }
            }
        }
        return doses;
    }
}
