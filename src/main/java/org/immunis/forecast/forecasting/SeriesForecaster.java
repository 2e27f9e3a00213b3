package org.immunis.forecast.forecasting;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.immunis.forecast.Forecast;
import org.immunis.forecast.SeriesStatus;
import org.immunis.forecast.evaluation.ConditionalSkipRules;
import org.immunis.forecast.evaluation.PatientContext;
import org.immunis.forecast.evaluation.SeriesProgress;
import org.immunis.forecast.schedule.AntigenDefinition;
import org.immunis.forecast.schedule.ConditionalSkip.SkipContext;
import org.immunis.forecast.schedule.TargetDose;

/** Turns an evaluated series into a status and, when a dose is still needed, a forecast. */
public final class SeriesForecaster {

    private SeriesForecaster() {
    }

    public static PatientSeries forecast(SeriesProgress progress, AntigenDefinition antigen, PatientContext context,
            Predicate<String> completedSeriesGroups) {
        List<TargetDose> targets = progress.series().doses();
        int next = progress.nextTarget();
        while (next < targets.size() && isSkipped(targets.get(next), progress, context, completedSeriesGroups)) {
            next++;
        }
        if (ImmunityRules.isImmune(antigen, context)) {
            return new PatientSeries(progress, SeriesStatus.IMMUNE, null, next);
        }
        // CDSi determines contraindications before forecast need: a contraindicated antigen is reported as such
        // also when its series is complete.
        if (ImmunityRules.isContraindicated(antigen, context)) {
            return new PatientSeries(progress, SeriesStatus.CONTRAINDICATED, null, next);
        }
        if (next >= targets.size()) {
            return new PatientSeries(progress, SeriesStatus.COMPLETE, null, next);
        }
        Forecast forecast = withoutContraindicatedVaccines(
                ForecastDates.forecast(targets.get(next), progress, context), antigen, context);
        if (forecast == null) {
            return new PatientSeries(progress, SeriesStatus.CONTRAINDICATED, null, next);
        }
        LocalDate latest = forecast.latest();
        if (latest != null && (context.assessmentDate().isAfter(latest) || forecast.earliest().isAfter(latest))) {
            return new PatientSeries(progress, SeriesStatus.AGED_OUT, null, next);
        }
        return new PatientSeries(progress, SeriesStatus.NOT_COMPLETE, forecast, next);
    }

    /** Drops contraindicated vaccine types; null when every vaccine type of the dose is contraindicated. */
    private static Forecast withoutContraindicatedVaccines(Forecast forecast, AntigenDefinition antigen,
            PatientContext context) {
        Set<String> contraindicated = ImmunityRules.contraindicatedVaccines(antigen, context);
        if (contraindicated.isEmpty()) {
            return forecast;
        }
        List<String> allowed = forecast.vaccineCvx().stream().filter(cvx -> !contraindicated.contains(cvx)).toList();
        return allowed.isEmpty() && !forecast.vaccineCvx().isEmpty() ? null : new Forecast(forecast.doseNumber(),
                forecast.targetDose(), forecast.earliest(), forecast.recommended(), forecast.pastDue(),
                forecast.latest(), allowed);
    }

    /**
     * A target dose is skipped in forecasting when its skip conditions hold on the assessment date or on the
     * earliest date it could be given ("not required for those 7 years or older at the earliest forecasted date").
     */
    private static boolean isSkipped(TargetDose target, SeriesProgress progress, PatientContext context,
            Predicate<String> completedSeriesGroups) {
        if (target.conditionalSkips().isEmpty()) {
            return false;
        }
        if (ConditionalSkipRules.shouldSkip(target, SkipContext.FORECAST, context.assessmentDate(),
                progress.evaluated(), context, completedSeriesGroups)) {
            return true;
        }
        LocalDate earliest = ForecastDates.forecast(target, progress, context).earliest();
        return earliest.isAfter(context.assessmentDate()) && ConditionalSkipRules.shouldSkip(target,
                SkipContext.FORECAST, earliest, progress.evaluated(), context, completedSeriesGroups);
    }
}
