package org.immunis.forecast.schedule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The whole schedule as the engine uses it, with the look-ups it needs. */
public final class Schedule {

    private final ScheduleData data;
    private final Map<String, AntigenDefinition> antigens;
    private final Map<String, VaccineGroupDefinition> vaccineGroups;
    private final Map<String, Map<String, LiveVirusConflict>> conflictsByCurrentThenPreviousCvx;

    public Schedule(ScheduleData data, List<AntigenDefinition> antigens) {
        this.data = data;
        this.antigens = antigens.stream().collect(Collectors.toMap(AntigenDefinition::antigen, Function.identity(),
                (a, b) -> a, LinkedHashMap::new));
        this.vaccineGroups = data.vaccineGroups().stream().collect(Collectors.toMap(VaccineGroupDefinition::name,
                Function.identity(), (a, b) -> a, LinkedHashMap::new));
        this.conflictsByCurrentThenPreviousCvx = data.liveVirusConflicts().stream()
                .collect(Collectors.groupingBy(LiveVirusConflict::currentCvx,
                        Collectors.toMap(LiveVirusConflict::previousCvx, Function.identity(), (a, b) -> a)));
    }

    public String sourceVersion() {
        return data.sourceVersion();
    }

    /** CDSi observations with their codes, to translate a patient's conditions into observation codes. */
    public List<ObservationDefinition> observations() {
        return data.observations();
    }

    public AntigenDefinition antigen(String name) {
        return antigens.get(name);
    }

    public List<VaccineGroupDefinition> vaccineGroups() {
        return List.copyOf(vaccineGroups.values());
    }

    public VaccineGroupDefinition vaccineGroup(String name) {
        return vaccineGroups.get(name);
    }

    public List<CvxAntigenAssociation> antigensOf(String cvx) {
        return data.cvxToAntigens().getOrDefault(normalizeCvx(cvx), List.of());
    }

    public List<LiveVirusConflict> liveVirusConflicts() {
        return data.liveVirusConflicts();
    }

    /** The live virus conflicts of a vaccine given later, by the CVX of the vaccine given earlier. */
    public Map<String, LiveVirusConflict> liveVirusConflictsOf(String currentCvx) {
        return conflictsByCurrentThenPreviousCvx.getOrDefault(currentCvx, Map.of());
    }

    /** CDC writes one- and two-digit CVX codes with a leading zero ("03"); registries often send "3". */
    public static String normalizeCvx(String cvx) {
        String trimmed = cvx == null ? "" : cvx.trim();
        return trimmed.length() == 1 ? "0" + trimmed : trimmed;
    }
}
