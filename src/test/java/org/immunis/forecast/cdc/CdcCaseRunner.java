package org.immunis.forecast.cdc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.immunis.forecast.AdministeredDose;
import org.immunis.forecast.Assessment;
import org.immunis.forecast.DoseEvaluation;
import org.immunis.forecast.ForecastEngine;
import org.immunis.forecast.Forecast;
import org.immunis.forecast.Gender;
import org.immunis.forecast.PatientFacts;
import org.immunis.forecast.VaccineGroupAssessment;

/** Runs one CDC case through the engine and lists where evaluation and forecast differ from CDC's answer. */
final class CdcCaseRunner {

    static final Map<String, String> VACCINE_GROUPS = Map.ofEntries(
            Map.entry("DTAP", "DTaP/Tdap/Td"), Map.entry("POL", "Polio"), Map.entry("HIB", "Hib"),
            Map.entry("HPV", "HPV"), Map.entry("COVID-19", "COVID-19"), Map.entry("HEPB", "HepB"),
            Map.entry("PCV", "Pneumococcal"), Map.entry("MMR", "MMR"), Map.entry("VAR", "Varicella"),
            Map.entry("ROTA", "Rotavirus"), Map.entry("MCV", "Meningococcal"), Map.entry("FLU", "Influenza"),
            Map.entry("ZOSTER", "Zoster"), Map.entry("MENB", "Meningococcal B"), Map.entry("HEPA", "HepA"),
            Map.entry("RSV", "RSV"));

    record Result(CdcTestCase testCase, List<String> evaluationMismatches, List<String> forecastMismatches) {
    }

    private final ForecastEngine engine;

    CdcCaseRunner(ForecastEngine engine) {
        this.engine = engine;
    }

    static String vaccineGroupName(CdcTestCase testCase) {
        return VACCINE_GROUPS.getOrDefault(testCase.vaccineGroup().toUpperCase(), testCase.vaccineGroup());
    }

    Result run(CdcTestCase testCase) {
        List<AdministeredDose> doses = new ArrayList<>();
        for (int i = 0; i < testCase.doses().size(); i++) {
            CdcTestCase.ExpectedDose dose = testCase.doses().get(i);
            doses.add(new AdministeredDose("dose-" + (i + 1), dose.date(), dose.cvx(), dose.mvx()));
        }
        Gender gender = switch (testCase.gender().toUpperCase()) {
            case "F" -> Gender.FEMALE;
            case "M" -> Gender.MALE;
            default -> Gender.UNKNOWN;
        };
        Assessment assessment = engine.assess(new PatientFacts(testCase.birthDate(), gender), doses,
                testCase.assessmentDate());
        Optional<VaccineGroupAssessment> group = assessment.vaccineGroup(vaccineGroupName(testCase));
        return new Result(testCase, evaluationMismatches(testCase, assessment, group),
                forecastMismatches(testCase, group));
    }

    /** CDC expects every dose evaluated; a dose of another group (MMR in a varicella case) is taken from there. */
    private static List<String> evaluationMismatches(CdcTestCase testCase, Assessment assessment,
            Optional<VaccineGroupAssessment> group) {
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < testCase.doses().size(); i++) {
            CdcTestCase.ExpectedDose expected = testCase.doses().get(i);
            int index = i;
            Optional<DoseEvaluation> actual = group.flatMap(g -> doseEvaluation(g, index))
                    .or(() -> assessment.vaccineGroups().stream()
                            .flatMap(g -> doseEvaluation(g, index).stream())
                            .findFirst());
            if (actual.isEmpty()) {
                mismatches.add("dose " + (i + 1) + ": expected " + expected.status() + ", not evaluated");
                continue;
            }
            String status = actual.get().status().cdsiName();
            String reason = Objects.toString(actual.get().reason(), "");
            boolean statusMatches = status.equalsIgnoreCase(expected.status());
            boolean reasonMatches = expected.reason().isEmpty() || expected.reason().equalsIgnoreCase(reason);
            if (!statusMatches || !reasonMatches) {
                mismatches.add("dose " + (i + 1) + ": expected " + expected.status() + "/" + expected.reason()
                        + ", got " + status + "/" + reason);
            }
        }
        return mismatches;
    }

    private static Optional<DoseEvaluation> doseEvaluation(VaccineGroupAssessment group, int index) {
        return group.doses().stream().filter(d -> d.doseIndex() == index).findFirst();
    }

    private static List<String> forecastMismatches(CdcTestCase testCase, Optional<VaccineGroupAssessment> group) {
        List<String> mismatches = new ArrayList<>();
        if (group.isEmpty()) {
            mismatches.add("no assessment for vaccine group " + vaccineGroupName(testCase));
            return mismatches;
        }
        String status = group.get().status().cdsiName();
        if (!status.equalsIgnoreCase(testCase.seriesStatus())) {
            mismatches.add("status: expected " + testCase.seriesStatus() + ", got " + status);
        }
        Forecast forecast = group.get().forecast();
        boolean expectForecast = !testCase.forecastNumber().isEmpty() && !testCase.forecastNumber().equals("-");
        if (!expectForecast) {
            if (forecast != null) {
                mismatches.add("forecast: expected none, got dose " + forecast.doseNumber());
            }
            return mismatches;
        }
        if (forecast == null) {
            mismatches.add("forecast: expected dose " + testCase.forecastNumber() + ", got none");
            return mismatches;
        }
        compare(mismatches, "dose number", testCase.forecastNumber(), String.valueOf(forecast.doseNumber()));
        compare(mismatches, "earliest", testCase.earliest(), forecast.earliest());
        compare(mismatches, "recommended", testCase.recommended(), forecast.recommended());
        compare(mismatches, "past due", testCase.pastDue(), forecast.pastDue());
        return mismatches;
    }

    private static void compare(List<String> mismatches, String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            mismatches.add(what + ": expected " + expected + ", got " + actual);
        }
    }
}
