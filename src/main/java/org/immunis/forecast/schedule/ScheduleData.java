package org.immunis.forecast.schedule;

import java.util.List;
import java.util.Map;

/** Schedule-level data: live virus conflicts, vaccine groups, the CVX-to-antigen map and observations. */
public record ScheduleData(
        String sourceVersion,
        List<LiveVirusConflict> liveVirusConflicts,
        List<VaccineGroupDefinition> vaccineGroups,
        Map<String, List<CvxAntigenAssociation>> cvxToAntigens,
        List<ObservationDefinition> observations,
        List<String> antigenFiles) {
}
