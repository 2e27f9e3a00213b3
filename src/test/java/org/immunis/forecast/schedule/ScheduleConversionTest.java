package org.immunis.forecast.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.immunis.forecast.CdsiTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduleConversionTest {

    private static final String SUPPORTING_DATA = "supporting-data-4.64";

    @Test
    void bundledScheduleLoadsWithItsSourceVersion() {
        Schedule schedule = ScheduleLoader.fromClasspath();
        assertEquals("4.64", schedule.sourceVersion());
        assertEquals(List.of("Diphtheria", "Pertussis", "Tetanus"), schedule.vaccineGroup("DTaP/Tdap/Td").antigens());
        assertTrue(schedule.vaccineGroup("MMR").administerFullVaccineGroup());
        assertFalse(schedule.vaccineGroup("DTaP/Tdap/Td").administerFullVaccineGroup());
        assertEquals(List.of("Measles", "Mumps", "Rubella"),
                schedule.antigensOf("3").stream().map(CvxAntigenAssociation::antigen).toList());
        assertFalse(schedule.liveVirusConflicts().isEmpty());
        ObservationDefinition immunocompromised = schedule.observations().stream()
                .filter(o -> o.code().equals("003")).findFirst().orElseThrow();
        assertTrue(immunocompromised.codedValues().stream().anyMatch(v -> v.codeSystem().equals("SNOMED")));
    }

    @Test
    void converterReadsTargetDosesSkipsAndImmunity() throws IOException {
        Schedule schedule = ScheduleLoader.fromClasspath();
        SeriesDefinition dtap = schedule.antigen("Diphtheria").series().get(0);
        TargetDose first = dtap.doses().get(0);
        assertEquals("Dose 1", first.doseNumber());
        assertEquals(TimeOffset.parse("6 weeks - 4 days"), first.ages().get(0).absMinAge());
        assertTrue(first.inadvertentCvx().contains("115"));
        assertEquals(ConditionalSkip.SkipContext.EVALUATION, first.conditionalSkips().get(0).context());
        assertEquals(SkipCondition.Type.AGE, first.conditionalSkips().get(0).sets().get(0).conditions().get(0).type());
        BirthDateImmunity measles = schedule.antigen("Measles").immunity().birthDates().get(0);
        assertEquals("1957-01-01", measles.immunityBirthDate().toString());
    }

    /** The committed JSON is exactly what the converter makes of CDC's release, so it cannot drift from it. */
    @Test
    void committedScheduleIsTheConverterOutput(@TempDir Path output) throws IOException {
        List<String> written = CdsiSupportingDataConverter.convert(CdsiTestData.fileOrSkip(SUPPORTING_DATA), output,
                "4.64");
        Path committed = Path.of("src/main/resources", ScheduleLoader.CLASSPATH_LOCATION);
        for (String file : written) {
            assertEquals(Files.readString(committed.resolve(file)), Files.readString(output.resolve(file)), file);
        }
        assertEquals("4.64", CdsiSupportingDataConverter.versionFromDirectoryName(Path.of("x/" + SUPPORTING_DATA)));
    }

    @Test
    void operatorDirectoryLoadsLikeTheClasspath(@TempDir Path directory) throws IOException {
        Path bundled = Path.of("src/main/resources", ScheduleLoader.CLASSPATH_LOCATION);
        try (var files = Files.list(bundled)) {
            for (Path file : files.toList()) {
                Files.writeString(directory.resolve(file.getFileName()), Files.readString(file)
                        .replace("\"sourceVersion\" : \"4.64\"", "\"sourceVersion\" : \"4.64-operator\""));
            }
        }
        Schedule schedule = ScheduleLoader.fromDirectory(directory);
        assertEquals("4.64-operator", schedule.sourceVersion());
        assertEquals(ScheduleLoader.fromClasspath().vaccineGroups().size(), schedule.vaccineGroups().size());
    }
}
