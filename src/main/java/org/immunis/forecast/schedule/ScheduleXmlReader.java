package org.immunis.forecast.schedule;

import static org.immunis.forecast.schedule.CdsiXml.child;
import static org.immunis.forecast.schedule.CdsiXml.children;
import static org.immunis.forecast.schedule.CdsiXml.offset;
import static org.immunis.forecast.schedule.CdsiXml.text;
import static org.immunis.forecast.schedule.CdsiXml.texts;
import static org.immunis.forecast.schedule.CdsiXml.yes;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/** Reads CDC's ScheduleSupportingData.xml. */
final class ScheduleXmlReader {

    private ScheduleXmlReader() {
    }

    static ScheduleData read(Path file, String sourceVersion, List<String> antigenFiles) {
        Element root = CdsiXml.parse(file);
        List<LiveVirusConflict> conflicts = children(child(root, "liveVirusConflicts"), "liveVirusConflict").stream()
                .map(c -> new LiveVirusConflict(
                        text(child(c, "previous"), "cvx"),
                        text(child(c, "current"), "cvx"),
                        offset(c, "conflictBeginInterval"),
                        offset(c, "minConflictEndInterval"),
                        offset(c, "conflictEndInterval")))
                .toList();
        Map<String, List<String>> antigensByGroup = new LinkedHashMap<>();
        for (Element map : children(child(root, "vaccineGroupToAntigenMap"), "vaccineGroupMap")) {
            antigensByGroup.put(text(map, "name"), texts(map, "antigen"));
        }
        List<VaccineGroupDefinition> groups = children(child(root, "vaccineGroups"), "vaccineGroup").stream()
                .map(g -> new VaccineGroupDefinition(text(g, "name"),
                        antigensByGroup.getOrDefault(text(g, "name"), List.of()),
                        yes(g, "administerFullVaccineGroup")))
                .toList();
        Map<String, List<CvxAntigenAssociation>> cvxMap = new LinkedHashMap<>();
        for (Element map : children(child(root, "cvxToAntigenMap"), "cvxMap")) {
            cvxMap.put(text(map, "cvx"), children(map, "association").stream()
                    .map(a -> new CvxAntigenAssociation(text(a, "antigen"),
                            offset(a, "associationBeginAge"), offset(a, "associationEndAge")))
                    .toList());
        }
        List<ObservationDefinition> observations = children(child(root, "observations"), "observation").stream()
                .map(o -> new ObservationDefinition(text(o, "observationCode"), text(o, "observationTitle"),
                        children(child(o, "codedValues"), "codedValue").stream()
                                .map(v -> new ObservationDefinition.CodedValue(text(v, "code"), text(v, "codeSystem"),
                                        text(v, "text")))
                                .toList()))
                .toList();
        return new ScheduleData(sourceVersion, conflicts, groups, cvxMap, observations, antigenFiles);
    }
}
