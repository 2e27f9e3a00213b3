package org.immunis.forecast.evaluation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.immunis.forecast.AdministeredDose;
import org.immunis.forecast.EvaluationStatus;
import org.immunis.forecast.Gender;
import org.immunis.forecast.PatientFacts;
import org.immunis.forecast.schedule.ConditionalSkip;
import org.immunis.forecast.schedule.ConditionalSkip.SkipContext;
import org.immunis.forecast.schedule.SkipCondition;
import org.immunis.forecast.schedule.SkipCondition.CountLogic;
import org.immunis.forecast.schedule.SkipSet;
import org.immunis.forecast.schedule.TargetDose;
import org.immunis.forecast.schedule.TimeOffset;
import org.junit.jupiter.api.Test;

class ConditionalSkipRulesTest {

    private static final LocalDate BIRTH = LocalDate.of(2015, 1, 1);
    private static final PatientContext CONTEXT = new PatientContext(new PatientFacts(BIRTH, Gender.FEMALE), List.of(),
            LocalDate.of(2025, 1, 1), null);

    private static SkipCondition age(String beginAge) {
        return new SkipCondition(SkipCondition.Type.AGE, null, null, TimeOffset.parse(beginAge), null, null, null,
                false, null, List.of(), List.of());
    }

    private static SkipCondition validDosesMoreThan(int count, String beginAge) {
        return new SkipCondition(SkipCondition.Type.VACCINE_COUNT_BY_AGE, null, null, TimeOffset.parse(beginAge), null,
                null, count, true, CountLogic.GREATER_THAN, List.of(), List.of());
    }

    private static TargetDose target(SkipContext context, boolean anyCondition, SkipCondition... conditions) {
        SkipSet set = new SkipSet("1", "test", null, null, anyCondition, List.of(conditions));
        return new TargetDose("Dose 1", List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(new ConditionalSkip(context, false, List.of(set))), false, null);
    }

    private static boolean skip(TargetDose target, SkipContext context, LocalDate on, List<EvaluatedDose> prior) {
        return ConditionalSkipRules.shouldSkip(target, context, on, prior, CONTEXT, group -> false);
    }

    private static EvaluatedDose valid(LocalDate date) {
        GivenDose dose = GivenDose.of(0, new AdministeredDose(null, date, "20", null));
        return new EvaluatedDose(dose, EvaluationStatus.VALID, null, 0);
    }

    @Test
    void ageConditionUsesTheReferenceDate() {
        TargetDose target = target(SkipContext.BOTH, false, age("7 years"));
        assertTrue(skip(target, SkipContext.EVALUATION, BIRTH.plusYears(7), List.of()));
        assertFalse(skip(target, SkipContext.EVALUATION, BIRTH.plusYears(7).minusDays(1), List.of()));
    }

    @Test
    void contextMustMatch() {
        TargetDose forecastOnly = target(SkipContext.FORECAST, false, age("0 days"));
        assertFalse(skip(forecastOnly, SkipContext.EVALUATION, BIRTH.plusYears(1), List.of()));
        assertTrue(skip(forecastOnly, SkipContext.FORECAST, BIRTH.plusYears(1), List.of()));
    }

    @Test
    void vaccineCountConditionsCountValidDosesInTheAgeRange() {
        TargetDose target = target(SkipContext.BOTH, false, validDosesMoreThan(0, "4 years"));
        List<EvaluatedDose> beforeFour = List.of(valid(BIRTH.plusYears(3)));
        List<EvaluatedDose> afterFour = List.of(valid(BIRTH.plusYears(5)));
        LocalDate on = BIRTH.plusYears(8);
        assertFalse(skip(target, SkipContext.FORECAST, on, beforeFour));
        assertTrue(skip(target, SkipContext.FORECAST, on, afterFour));
    }

    @Test
    void conditionLogicAndOr() {
        List<EvaluatedDose> none = List.of();
        LocalDate on = BIRTH.plusYears(8);
        assertFalse(skip(target(SkipContext.BOTH, false, age("7 years"), validDosesMoreThan(0, null)),
                SkipContext.FORECAST, on, none));
        assertTrue(skip(target(SkipContext.BOTH, true, age("7 years"), validDosesMoreThan(0, null)),
                SkipContext.FORECAST, on, none));
    }
}
