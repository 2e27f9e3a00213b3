package org.immunis.forecast.cdc;

import java.time.LocalDate;
import java.util.List;

/** One row of CDC's test case workbook. */
record CdcTestCase(
        String id,
        String name,
        LocalDate birthDate,
        String gender,
        List<ExpectedDose> doses,
        String seriesStatus,
        String forecastNumber,
        LocalDate earliest,
        LocalDate recommended,
        LocalDate pastDue,
        String vaccineGroup,
        LocalDate assessmentDate,
        String evaluationTestType,
        String forecastTestType) {

    record ExpectedDose(LocalDate date, String cvx, String mvx, String status, String reason) {
    }
}
