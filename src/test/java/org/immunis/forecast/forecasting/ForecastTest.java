package org.immunis.forecast.forecasting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.immunis.forecast.AdministeredDose;
import org.immunis.forecast.Forecast;
import org.immunis.forecast.ForecastEngine;
import org.immunis.forecast.Gender;
import org.immunis.forecast.PatientFacts;
import org.immunis.forecast.SeriesStatus;
import org.immunis.forecast.VaccineGroupAssessment;
import org.junit.jupiter.api.Test;

/** Forecast dates, series status, immunity, contraindications and vaccine groups with the bundled CDC schedule. */
class ForecastTest {

    private static final ForecastEngine ENGINE = ForecastEngine.withBundledSchedule();
    private static final LocalDate BIRTH = LocalDate.of(2025, 9, 6);

    private static VaccineGroupAssessment assess(PatientFacts patient, String group, LocalDate on,
            AdministeredDose... doses) {
        return ENGINE.assess(patient, List.of(doses), on).vaccineGroup(group).orElseThrow();
    }

    private static PatientFacts newborn() {
        return new PatientFacts(BIRTH, Gender.MALE);
    }

    @Test
    void firstDtapDoseIsForecastFromAge() {
        Forecast dtap = assess(newborn(), "DTaP/Tdap/Td", BIRTH).forecast();
        assertEquals(1, dtap.doseNumber());
        assertEquals(LocalDate.of(2025, 10, 18), dtap.earliest());
        assertEquals(LocalDate.of(2025, 11, 6), dtap.recommended());
        assertEquals(LocalDate.of(2026, 1, 2), dtap.pastDue());
    }

    @Test
    void nextDoseWaitsForTheMinimumIntervalFromAnInvalidDose() {
        VaccineGroupAssessment dtap = assess(newborn(), "DTaP/Tdap/Td", LocalDate.of(2025, 11, 10),
                new AdministeredDose("a", LocalDate.of(2025, 10, 15), "107", null),
                new AdministeredDose("b", LocalDate.of(2025, 11, 10), "107", null));
        assertEquals(SeriesStatus.NOT_COMPLETE, dtap.status());
        assertEquals(new Forecast(2, "Dose 2", LocalDate.of(2025, 12, 8), LocalDate.of(2026, 1, 6),
                LocalDate.of(2026, 3, 5), null, dtap.forecast().vaccineCvx()), dtap.forecast());
        assertTrue(dtap.forecast().vaccineCvx().contains("20"));
    }

    @Test
    void mmrWaitsOutALiveVirusConflict() {
        LocalDate varicella = BIRTH.plusMonths(13);
        Forecast mmr = assess(newborn(), "MMR", varicella, new AdministeredDose("v", varicella, "21", null)).forecast();
        assertEquals(varicella.plusDays(28), mmr.earliest());
    }

    @Test
    void completeSeriesHasNoForecast() {
        LocalDate first = BIRTH.plusMonths(12);
        VaccineGroupAssessment mmr = assess(newborn(), "MMR", first.plusMonths(2),
                new AdministeredDose("1", first, "03", null),
                new AdministeredDose("2", first.plusMonths(1), "03", null));
        assertEquals(SeriesStatus.COMPLETE, mmr.status());
        assertNull(mmr.forecast());
    }

    @Test
    void bornBefore1957IsImmuneToMeasles() {
        PatientFacts adult = new PatientFacts(LocalDate.of(1950, 3, 1), Gender.FEMALE);
        assertEquals(SeriesStatus.IMMUNE, assess(adult, "MMR", LocalDate.of(2025, 1, 1)).status());
    }

    @Test
    void contraindicationObservationStopsTheForecast() {
        String contraindication =
                ENGINE.schedule().antigen("Measles").antigenContraindications().get(0).observationCode();
        PatientFacts patient = new PatientFacts(BIRTH, Gender.MALE, Set.of(contraindication));
        VaccineGroupAssessment mmr = assess(patient, "MMR", BIRTH.plusMonths(12));
        assertEquals(SeriesStatus.CONTRAINDICATED, mmr.status());
        assertNull(mmr.forecast());
    }

    @Test
    void mmrIsForecastAsAVaccineCoveringAllThreeAntigens() {
        Forecast mmr = assess(newborn(), "MMR", BIRTH.plusMonths(12)).forecast();
        assertTrue(mmr.vaccineCvx().contains("03"), mmr.vaccineCvx().toString());
    }

    @Test
    void contraindicatedVaccineTypesAreNotForecast() {
        String code = ENGINE.schedule().antigen("Diphtheria").vaccineContraindications().get(0).observationCode();
        PatientFacts patient = new PatientFacts(BIRTH, Gender.MALE, Set.of(code));
        VaccineGroupAssessment dtap = assess(patient, "DTaP/Tdap/Td", BIRTH.plusMonths(2));
        assertEquals(SeriesStatus.CONTRAINDICATED, dtap.status());
    }

    @Test
    void riskIndicationBringsInARiskSeries() {
        PatientFacts healthy = new PatientFacts(LocalDate.of(2000, 5, 1), Gender.FEMALE);
        PatientFacts chronicCondition = new PatientFacts(LocalDate.of(2000, 5, 1), Gender.FEMALE, Set.of("010"));
        LocalDate on = LocalDate.of(2025, 6, 1);
        assertEquals(SeriesStatus.AGED_OUT, assess(healthy, "Pneumococcal", on).status());
        VaccineGroupAssessment risk = assess(chronicCondition, "Pneumococcal", on);
        assertEquals(SeriesStatus.NOT_COMPLETE, risk.status());
        String series = risk.antigens().get(0).seriesName();
        assertTrue(series.startsWith("Pneumococcal risk 19+"), series);
    }

    @Test
    void rotavirusAgesOut() {
        assertEquals(SeriesStatus.AGED_OUT, assess(newborn(), "Rotavirus", BIRTH.plusYears(1)).status());
    }

    @Test
    void catchUpSkipsChildhoodDosesAfterSevenYears() {
        PatientFacts child = new PatientFacts(LocalDate.of(2018, 11, 10), Gender.FEMALE);
        Forecast td = assess(child, "DTaP/Tdap/Td", LocalDate.of(2025, 11, 10),
                new AdministeredDose("1", LocalDate.of(2019, 2, 6), "107", null),
                new AdministeredDose("2", LocalDate.of(2019, 5, 12), "107", null)).forecast();
        assertEquals(3, td.doseNumber());
        assertEquals(LocalDate.of(2025, 11, 10), td.earliest());
    }
}
