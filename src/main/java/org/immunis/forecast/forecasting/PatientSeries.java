package org.immunis.forecast.forecasting;

import org.immunis.forecast.Forecast;
import org.immunis.forecast.SeriesStatus;
import org.immunis.forecast.evaluation.SeriesProgress;
import org.immunis.forecast.schedule.SeriesDefinition;

/** A series evaluated and forecast: forecastTarget is the 0-based next target dose after forecast skips. */
public record PatientSeries(SeriesProgress progress, SeriesStatus status, Forecast forecast, int forecastTarget) {

    public SeriesDefinition series() {
        return progress.series();
    }

    public boolean isComplete() {
        return status == SeriesStatus.COMPLETE || status == SeriesStatus.IMMUNE;
    }

    public int remainingTargetDoses() {
        return Math.max(0, series().doses().size() - forecastTarget);
    }
}
