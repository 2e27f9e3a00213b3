package org.immunis.forecast;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.immunis.forecast.evaluation.GivenDose;
import org.immunis.forecast.evaluation.PatientContext;
import org.immunis.forecast.forecasting.AntigenAssessor;
import org.immunis.forecast.forecasting.VaccineGroupCombiner;
import org.immunis.forecast.schedule.AntigenDefinition;
import org.immunis.forecast.schedule.Schedule;
import org.immunis.forecast.schedule.ScheduleLoader;
import org.immunis.forecast.schedule.VaccineGroupDefinition;

/**
 * CDSi evaluation and forecast: evaluates every dose given and forecasts the next dose of each vaccine group.
 * Thread-safe; build once and share.
 */
public final class ForecastEngine {

    private final Schedule schedule;

    public ForecastEngine(Schedule schedule) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    /** The engine with the schedule bundled on the classpath (converted from CDC supporting data). */
    public static ForecastEngine withBundledSchedule() {
        return new ForecastEngine(ScheduleLoader.fromClasspath());
    }

    /** The engine with a schedule an operator converted into a directory. */
    public static ForecastEngine withScheduleFrom(Path directory) {
        return new ForecastEngine(ScheduleLoader.fromDirectory(directory));
    }

    public Schedule schedule() {
        return schedule;
    }

    public Assessment assess(PatientFacts patient, List<AdministeredDose> doses, LocalDate assessmentDate) {
        return assess(patient, doses, assessmentDate, group -> true);
    }

    /**
     * The assessment of the vaccine groups named only (a coverage report needs one or a few of them): each group is
     * assessed exactly as in a full assessment, on every dose given.
     */
    public Assessment assess(PatientFacts patient, List<AdministeredDose> doses, LocalDate assessmentDate,
            Set<String> vaccineGroups) {
        return assess(patient, doses, assessmentDate, group -> vaccineGroups.contains(group.name()));
    }

    private Assessment assess(PatientFacts patient, List<AdministeredDose> doses, LocalDate assessmentDate,
            Predicate<VaccineGroupDefinition> assessed) {
        Objects.requireNonNull(assessmentDate, "assessmentDate");
        List<GivenDose> history = new ArrayList<>(doses.size());
        for (int i = 0; i < doses.size(); i++) {
            history.add(GivenDose.of(i, doses.get(i)));
        }
        history.sort(Comparator.comparing(GivenDose::date));
        PatientContext context = new PatientContext(patient, List.copyOf(history), assessmentDate, schedule);
        List<VaccineGroupAssessment> groups = new ArrayList<>();
        for (VaccineGroupDefinition group : schedule.vaccineGroups()) {
            if (assessed.test(group)) {
                assessGroup(group, context).ifPresent(groups::add);
            }
        }
        return new Assessment(assessmentDate, schedule.sourceVersion(), List.copyOf(groups));
    }

    private Optional<VaccineGroupAssessment> assessGroup(VaccineGroupDefinition group, PatientContext context) {
        List<AntigenAssessment> antigens = new ArrayList<>();
        for (String antigenName : group.antigens()) {
            AntigenDefinition antigen = schedule.antigen(antigenName);
            if (antigen != null) {
                AntigenAssessor.assess(antigen, context).ifPresent(antigens::add);
            }
        }
        return antigens.isEmpty() ? Optional.empty() : Optional.of(VaccineGroupCombiner.combine(group, antigens));
    }
}
