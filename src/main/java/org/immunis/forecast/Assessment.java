package org.immunis.forecast;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

public record Assessment(LocalDate assessmentDate, String scheduleVersion, List<VaccineGroupAssessment> vaccineGroups) {

    public Optional<VaccineGroupAssessment> vaccineGroup(String name) {
        return vaccineGroups.stream().filter(g -> g.vaccineGroup().equalsIgnoreCase(name)).findFirst();
    }
}
