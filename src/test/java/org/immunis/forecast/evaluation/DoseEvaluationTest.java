package org.immunis.forecast.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.List;
import org.immunis.forecast.AdministeredDose;
import org.immunis.forecast.DoseEvaluation;
import org.immunis.forecast.EvaluationStatus;
import org.immunis.forecast.ForecastEngine;
import org.immunis.forecast.Gender;
import org.immunis.forecast.PatientFacts;
import org.junit.jupiter.api.Test;

/** Evaluation of single doses against the bundled CDC schedule: grace period, intervals, vaccine types, conflicts. */
class DoseEvaluationTest {

    private static final ForecastEngine ENGINE = ForecastEngine.withBundledSchedule();
    private static final LocalDate BIRTH = LocalDate.of(2024, 1, 15);

    private static List<DoseEvaluation> evaluate(String group, AdministeredDose... doses) {
        return ENGINE.assess(new PatientFacts(BIRTH, Gender.FEMALE), List.of(doses), LocalDate.of(2026, 1, 15))
                .vaccineGroup(group).orElseThrow().doses();
    }

    private static AdministeredDose dose(String cvx, LocalDate date) {
        return new AdministeredDose(null, date, cvx, null);
    }

    @Test
    void fourDayGracePeriodOnAge() {
        LocalDate sixWeeks = BIRTH.plusWeeks(6);
        DoseEvaluation withGrace = evaluate("DTaP/Tdap/Td", dose("107", sixWeeks.minusDays(4))).get(0);
        assertEquals(EvaluationStatus.VALID, withGrace.status());
        DoseEvaluation tooYoung = evaluate("DTaP/Tdap/Td", dose("107", sixWeeks.minusDays(5))).get(0);
        assertEquals(EvaluationStatus.NOT_VALID, tooYoung.status());
        assertEquals(EvaluatedDose.TOO_YOUNG, tooYoung.reason());
    }

    @Test
    void intervalBelowAbsoluteMinimumIsTooSoon() {
        LocalDate first = BIRTH.plusMonths(2);
        List<DoseEvaluation> doses = evaluate("DTaP/Tdap/Td", dose("107", first), dose("107", first.plusDays(23)));
        assertEquals(EvaluationStatus.NOT_VALID, doses.get(1).status());
        assertEquals(EvaluatedDose.TOO_SOON, doses.get(1).reason());
        List<DoseEvaluation> withGrace = evaluate("DTaP/Tdap/Td", dose("107", first), dose("107", first.plusDays(24)));
        assertEquals(EvaluationStatus.VALID, withGrace.get(1).status());
    }

    @Test
    void adultVaccineForAnInfantIsInadvertent() {
        DoseEvaluation tdap = evaluate("DTaP/Tdap/Td", dose("115", BIRTH.plusMonths(2))).get(0);
        assertEquals(EvaluatedDose.INADVERTENT, tdap.reason());
    }

    @Test
    void liveVaccineTooSoonAfterAnotherIsNotValid() {
        LocalDate mmr = BIRTH.plusMonths(12);
        List<DoseEvaluation> varicella = evaluate("Varicella", dose("03", mmr), dose("21", mmr.plusDays(10)));
        assertEquals(1, varicella.size());
        assertEquals(EvaluatedDose.LIVE_VIRUS_CONFLICT, varicella.get(0).reason());
        assertEquals(EvaluationStatus.VALID, evaluate("Varicella", dose("03", mmr), dose("21", mmr)).get(0).status());
    }

    @Test
    void dosesAfterTheSeriesIsCompleteAreExtraneous() {
        LocalDate first = BIRTH.plusMonths(12);
        List<DoseEvaluation> mmr = evaluate("MMR", dose("03", first), dose("03", first.plusMonths(3)),
                dose("03", first.plusMonths(6)));
        assertEquals(EvaluationStatus.VALID, mmr.get(1).status());
        assertEquals(EvaluationStatus.EXTRANEOUS, mmr.get(2).status());
        assertEquals(EvaluatedDose.SERIES_COMPLETE, mmr.get(2).reason());
    }

    @Test
    void subStandardDosesDoNotCountNorStartIntervals() {
        LocalDate first = BIRTH.plusMonths(2);
        AdministeredDose expired = new AdministeredDose("x", first, "107", null, first.minusDays(1), false);
        AdministeredDose subpotent = new AdministeredDose("s", first.plusDays(7), "107", null, null, true);
        List<DoseEvaluation> doses = evaluate("DTaP/Tdap/Td", expired, subpotent, dose("107", first.plusDays(8)));
        assertEquals(EvaluationStatus.SUB_STANDARD, doses.get(0).status());
        assertEquals(EvaluatedDose.EXPIRED, doses.get(0).reason());
        assertEquals(EvaluatedDose.SUBPOTENT, doses.get(1).reason());
        assertEquals(EvaluationStatus.VALID, doses.get(2).status());
    }

    @Test
    void groupEvaluationKeepsEachAntigen() {
        DoseEvaluation dtap = evaluate("DTaP/Tdap/Td", dose("20", BIRTH.plusMonths(2))).get(0);
        assertEquals(3, dtap.antigens().size());
        assertEquals(1, dtap.antigens().get(0).targetDoseNumber());
        assertNull(dtap.reason());
    }
}
