package org.immunis.forecast.forecasting;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.immunis.forecast.AntigenAssessment;
import org.immunis.forecast.AntigenDoseEvaluation;
import org.immunis.forecast.DoseEvaluation;
import org.immunis.forecast.EvaluationStatus;
import org.immunis.forecast.Forecast;
import org.immunis.forecast.SeriesStatus;
import org.immunis.forecast.VaccineGroupAssessment;
import org.immunis.forecast.schedule.VaccineGroupDefinition;

/**
 * Combines the antigens of a vaccine group (Diphtheria, Tetanus and Pertussis for DTaP/Tdap/Td). The group needs a
 * dose while any antigen does. Its earliest date is the latest of the antigens' earliest dates when the whole group
 * must be given together (MMR), else the soonest; recommended, past-due and latest dates are the soonest of the
 * antigens', the recommended date never before the earliest. A group given whole is at the dose number of its
 * least advanced antigen; otherwise (Td for a child whose pertussis series has ended) at its most advanced.
 * The forecast never starts before the group's latest dose given.
 */
public final class VaccineGroupCombiner {

    private VaccineGroupCombiner() {
    }

    public static VaccineGroupAssessment combine(VaccineGroupDefinition group, List<AntigenAssessment> antigens) {
        boolean whole = group.administerFullVaccineGroup();
        List<AntigenAssessment> due = antigens.stream().filter(a -> a.status() == SeriesStatus.NOT_COMPLETE).toList();
        List<DoseEvaluation> doses = doses(antigens);
        SeriesStatus status = status(antigens, whole);
        Forecast forecast = status != SeriesStatus.NOT_COMPLETE ? null : notBeforeLastDose(forecast(due, whole), doses);
        return new VaccineGroupAssessment(group.name(), status, forecast, doses, antigens);
    }

    /** A group given whole is contraindicated with any of its antigens; otherwise the antigens still due decide. */
    private static SeriesStatus status(List<AntigenAssessment> antigens, boolean administerFullGroup) {
        List<SeriesStatus> statuses = antigens.stream().map(AntigenAssessment::status).toList();
        if (administerFullGroup && statuses.contains(SeriesStatus.CONTRAINDICATED)) {
            return SeriesStatus.CONTRAINDICATED;
        }
        if (statuses.contains(SeriesStatus.NOT_COMPLETE)) {
            return SeriesStatus.NOT_COMPLETE;
        }
        if (statuses.contains(SeriesStatus.CONTRAINDICATED)) {
            return SeriesStatus.CONTRAINDICATED;
        }
        if (statuses.contains(SeriesStatus.AGED_OUT)) {
            return SeriesStatus.AGED_OUT;
        }
        if (statuses.stream().allMatch(s -> s == SeriesStatus.IMMUNE)) {
            return SeriesStatus.IMMUNE;
        }
        return statuses.contains(SeriesStatus.NOT_RECOMMENDED) ? SeriesStatus.NOT_RECOMMENDED : SeriesStatus.COMPLETE;
    }

    private static Forecast forecast(List<AntigenAssessment> due, boolean administerFullGroup) {
        List<Forecast> forecasts = due.stream().map(AntigenAssessment::forecast).toList();
        Forecast lead = administerFullGroup
                ? forecasts.stream().min(Comparator.comparing(Forecast::doseNumber)).orElseThrow()
                : forecasts.stream().max(Comparator.comparing(Forecast::doseNumber)).orElseThrow();
        LocalDate earliest = administerFullGroup
                ? forecasts.stream().map(Forecast::earliest).max(Comparator.naturalOrder()).orElseThrow()
                : soonest(forecasts.stream().map(Forecast::earliest).toList());
        LocalDate recommended = soonest(forecasts.stream().map(Forecast::recommended).toList());
        return new Forecast(lead.doseNumber(), lead.targetDose(),
                earliest,
                recommended.isBefore(earliest) ? earliest : recommended,
                soonest(forecasts.stream().map(Forecast::pastDue).toList()),
                soonest(forecasts.stream().map(Forecast::latest).toList()),
                vaccines(forecasts, administerFullGroup));
    }

    /** A group given whole needs a vaccine that every due antigen accepts (MMR, MMRV); otherwise any will do. */
    private static List<String> vaccines(List<Forecast> forecasts, boolean administerFullGroup) {
        Set<String> cvx = new LinkedHashSet<>(forecasts.get(0).vaccineCvx());
        for (Forecast forecast : forecasts.subList(1, forecasts.size())) {
            if (administerFullGroup) {
                cvx.retainAll(forecast.vaccineCvx());
            } else {
                cvx.addAll(forecast.vaccineCvx());
            }
        }
        return List.copyOf(cvx);
    }

    /**
     * The next dose is never forecast before a dose of the group already given, even one that did not count
     * for the antigen that is due (a DT dose when pertussis is due, an inadvertent vaccine).
     */
    private static Forecast notBeforeLastDose(Forecast forecast, List<DoseEvaluation> doses) {
        if (doses.isEmpty()) {
            return forecast;
        }
        LocalDate lastDose = doses.get(doses.size() - 1).dose().dateAdministered();
        if (!forecast.earliest().isBefore(lastDose)) {
            return forecast;
        }
        LocalDate recommended = forecast.recommended().isBefore(lastDose) ? lastDose : forecast.recommended();
        LocalDate pastDue = forecast.pastDue() == null || !forecast.pastDue().isBefore(recommended)
                ? forecast.pastDue() : recommended;
        return forecast.withDates(lastDose, recommended, pastDue);
    }

    private static LocalDate soonest(List<LocalDate> dates) {
        return dates.stream().filter(d -> d != null).min(Comparator.naturalOrder()).orElse(null);
    }

    /** A dose is valid for the group when valid for its antigens; a failure of any antigen makes it not valid. */
    private static List<DoseEvaluation> doses(List<AntigenAssessment> antigens) {
        Map<Integer, List<AntigenDoseEvaluation>> byDose = new LinkedHashMap<>();
        for (AntigenAssessment antigen : antigens) {
            for (AntigenDoseEvaluation evaluation : antigen.doses()) {
                byDose.computeIfAbsent(evaluation.doseIndex(), d -> new ArrayList<>()).add(evaluation);
            }
        }
        List<DoseEvaluation> result = new ArrayList<>();
        byDose.forEach((index, evaluations) -> {
            AntigenDoseEvaluation decisive = evaluations.stream()
                    .filter(e -> e.status() == EvaluationStatus.NOT_VALID).findFirst()
                    .or(() -> evaluations.stream().filter(e -> e.status() == EvaluationStatus.VALID).findFirst())
                    .orElse(evaluations.get(0));
            result.add(new DoseEvaluation(index, decisive.dose(), decisive.status(), decisive.reason(),
                    List.copyOf(evaluations)));
        });
        result.sort(Comparator.comparing(d -> d.dose().dateAdministered()));
        return result;
    }
}
