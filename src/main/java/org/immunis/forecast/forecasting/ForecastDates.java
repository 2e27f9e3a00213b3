package org.immunis.forecast.forecasting;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immunis.forecast.Forecast;
import org.immunis.forecast.evaluation.GivenDose;
import org.immunis.forecast.evaluation.PatientContext;
import org.immunis.forecast.evaluation.ReferenceDoses;
import org.immunis.forecast.evaluation.SeriesProgress;
import org.immunis.forecast.schedule.AgeRule;
import org.immunis.forecast.schedule.IntervalRule;
import org.immunis.forecast.schedule.LiveVirusConflict;
import org.immunis.forecast.schedule.SeasonalRecommendation;
import org.immunis.forecast.schedule.TargetDose;
import org.immunis.forecast.schedule.TimeOffset;
import org.immunis.forecast.schedule.VaccineRule;

/**
 * Forecast dates of a target dose. Earliest: the latest of minimum age, minimum intervals, the end of live virus
 * conflicts and the season start. Recommended: the earliest recommended age, or when the target dose has no such
 * age the latest earliest recommended interval; never before the earliest date. Past due: the day before the
 * latest recommended age (else interval), never before the recommended date. Latest: the day before maximum age.
 * Vaccine types: the forecast vaccine types of the target dose for the patient's age.
 */
final class ForecastDates {

    private ForecastDates() {
    }

    static Forecast forecast(TargetDose target, SeriesProgress progress, PatientContext context) {
        LocalDate assessment = context.assessmentDate();
        LocalDate birth = context.patient().birthDate();
        Optional<AgeRule> age = target.ages().stream().filter(a -> a.appliesOn(assessment)).findFirst();
        LocalDate earliest = age.map(a -> context.dateAtAge(a.minAge(), birth)).orElse(birth);
        LocalDate recommendedByAge = age.map(a -> context.dateAtAge(a.earliestRecAge(), null)).orElse(null);
        LocalDate latestByAge = age.map(a -> context.dateAtAge(a.latestRecAge(), null)).orElse(null);
        LocalDate recommendedByInterval = null;
        LocalDate latestByInterval = null;
        LocalDate maxAge = age.map(a -> context.dateAtAge(a.maxAge(), null)).orElse(null);
        for (IntervalRule rule : target.intervals()) {
            if (!rule.appliesOn(assessment)) {
                continue;
            }
            Optional<LocalDate> reference = ReferenceDoses.referenceDate(rule, progress.evaluated(),
                    progress.satisfiedTargets(), context, assessment.plusDays(1));
            if (reference.isEmpty()) {
                continue;
            }
            earliest = later(earliest, add(rule.minInt(), reference.get()));
            recommendedByInterval = later(recommendedByInterval, add(rule.earliestRecInt(), reference.get()));
            latestByInterval = later(latestByInterval, add(rule.latestRecInt(), reference.get()));
        }
        earliest = later(earliest, liveVirusConflictEnd(target, context));
        LocalDate recommended = recommendedByAge != null ? recommendedByAge : recommendedByInterval;
        LocalDate latestRecommended = latestByAge != null ? latestByAge : latestByInterval;
        SeasonalRecommendation season = target.seasonalRecommendation();
        if (season != null && season.startDate() != null) {
            earliest = later(earliest, season.startDate());
            recommended = later(recommended, season.startDate());
        }
        recommended = later(recommended, earliest);
        LocalDate pastDue = latestRecommended == null ? null : later(latestRecommended.minusDays(1), recommended);
        LocalDate givenFrom = earliest.isAfter(assessment) ? earliest : assessment;
        return new Forecast(doseNumber(target, progress), target.doseNumber(), earliest, recommended, pastDue,
                maxAge == null ? null : maxAge.minusDays(1), vaccineTypes(target, givenFrom, context));
    }

    /** The forecast vaccine types of the target dose that suit the patient's age when it can be given. */
    private static List<String> vaccineTypes(TargetDose target, LocalDate givenFrom, PatientContext context) {
        return forecastVaccineTypes(target).stream()
                .filter(v -> context.isAgeWithin(givenFrom, v.beginAge(), v.endAge()))
                .map(VaccineRule::cvx)
                .distinct()
                .toList();
    }

    /**
     * The patient's dose count: valid doses so far plus one (skipped target doses do not count); a target dose with a
     * seasonal recommendation (influenza, COVID-19) counts the valid doses of the current season only.
     */
    private static int doseNumber(TargetDose target, SeriesProgress progress) {
        SeasonalRecommendation season = target.seasonalRecommendation();
        LocalDate countFrom = season != null && season.startDate() != null ? season.startDate() : LocalDate.MIN;
        return 1 + (int) progress.evaluated().stream()
                .filter(d -> d.isValid() && !d.dose().date().isBefore(countFrom))
                .count();
    }

    /** The preferable vaccines flagged as forecast vaccine types, or all preferable vaccines when none is flagged. */
    private static List<VaccineRule> forecastVaccineTypes(TargetDose target) {
        List<VaccineRule> flagged =
                target.preferableVaccines().stream().filter(VaccineRule::forecastVaccineType).toList();
        return flagged.isEmpty() ? target.preferableVaccines() : flagged;
    }

    /** A live vaccine for this target dose must wait out its conflicts with live vaccines already given. */
    private static LocalDate liveVirusConflictEnd(TargetDose target, PatientContext context) {
        List<VaccineRule> types = forecastVaccineTypes(target);
        LocalDate end = null;
        for (VaccineRule type : types) {
            Map<String, LiveVirusConflict> conflicts = context.schedule().liveVirusConflictsOf(type.cvx());
            for (int i = 0; !conflicts.isEmpty() && i < context.history().size(); i++) {
                GivenDose given = context.history().get(i);
                LiveVirusConflict conflict = conflicts.get(given.cvx());
                if (conflict != null && !given.date().isAfter(context.assessmentDate())) {
                    end = later(end, conflict.conflictEndInterval().addTo(given.date()));
                }
            }
        }
        return end;
    }

    private static LocalDate add(TimeOffset offset, LocalDate reference) {
        return offset == null ? null : offset.addTo(reference);
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        if (a == null) {
            return b;
        }
        return b == null || !b.isAfter(a) ? a : b;
    }
}
