package org.immunis.forecast.cdc;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.immunis.forecast.AdministeredDose;
import org.immunis.forecast.Assessment;
import org.immunis.forecast.DoseEvaluation;
import org.immunis.forecast.ForecastEngine;
import org.immunis.forecast.Forecast;
import org.immunis.forecast.EvaluationStatus;
import org.immunis.forecast.PatientFacts;
import org.immunis.forecast.SeriesStatus;
import org.immunis.forecast.VaccineGroupAssessment;

/** Runs one CDC case through the engine and lists where evaluation and forecast differ from CDC's answer. */
final class CdcCaseRunner {

    record Result(CdcCase testCase, List<String> evaluationMismatches, List<String> forecastMismatches) {
    }

    private final ForecastEngine engine;

    CdcCaseRunner(ForecastEngine engine) {
        this.engine = engine;
    }

    Result run(CdcCase testCase) {
        List<AdministeredDose> doses = new ArrayList<>();
        for (int i = 0; i < testCase.doses().size(); i++) {
            CdcCase.Dose dose = testCase.doses().get(i);
            doses.add(new AdministeredDose("dose-" + (i + 1), dose.date(), dose.cvx(), dose.mvx()));
        }
        Set<String> observations = new HashSet<>();
        Map<String, LocalDate> observationDates = new HashMap<>();
        for (CdcCase.Observation observation : testCase.observations()) {
            observations.add(observation.code());
            if (observation.date() != null) {
                observationDates.put(observation.code(), observation.date());
            }
        }
        Assessment assessment = engine.assess(
                new PatientFacts(testCase.birthDate(), testCase.gender(), observations, observationDates), doses,
                testCase.assessmentDate());
        Optional<VaccineGroupAssessment> group = assessment.vaccineGroup(testCase.vaccineGroup());
        return new Result(testCase, evaluationMismatches(testCase, assessment, group),
                forecastMismatches(testCase, group));
    }

    /** CDC expects every dose evaluated; a dose of another group (MMR in a varicella case) is taken from there. */
    private static List<String> evaluationMismatches(CdcCase testCase, Assessment assessment,
            Optional<VaccineGroupAssessment> group) {
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < testCase.doses().size(); i++) {
            CdcCase.Dose expected = testCase.doses().get(i);
            int index = i;
            Optional<DoseEvaluation> actual = group.flatMap(g -> doseEvaluation(g, index))
                    .or(() -> assessment.vaccineGroups().stream()
                            .flatMap(g -> doseEvaluation(g, index).stream())
                            .findFirst());
            if (actual.isEmpty()) {
                mismatches.add("dose " + (i + 1) + ": expected " + expected.status() + ", not evaluated");
                continue;
            }
            EvaluationStatus status = actual.get().status();
            String reason = Objects.toString(actual.get().reason(), "");
            boolean statusMatches = status == expected.status();
            boolean reasonMatches = expected.reason() == null || expected.reason().equalsIgnoreCase(reason);
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

    private static List<String> forecastMismatches(CdcCase testCase, Optional<VaccineGroupAssessment> group) {
        List<String> mismatches = new ArrayList<>();
        if (group.isEmpty()) {
            mismatches.add("no assessment for vaccine group " + testCase.vaccineGroup());
            return mismatches;
        }
        SeriesStatus status = group.get().status();
        if (status != testCase.seriesStatus()) {
            mismatches.add("status: expected " + testCase.seriesStatus() + ", got " + status);
        }
        Forecast forecast = group.get().forecast();
        if (testCase.forecastDose() == null) {
            if (forecast != null) {
                mismatches.add("forecast: expected none, got dose " + forecast.doseNumber());
            }
            return mismatches;
        }
        if (forecast == null) {
            mismatches.add("forecast: expected dose " + testCase.forecastDose() + ", got none");
            return mismatches;
        }
        compare(mismatches, "dose number", testCase.forecastDose(), forecast.doseNumber());
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
