package org.immunis.forecast.schedule;

import java.time.LocalDate;
import java.util.List;

public record SkipCondition(
        Type type,
        LocalDate startDate,
        LocalDate endDate,
        TimeOffset beginAge,
        TimeOffset endAge,
        TimeOffset interval,
        Integer doseCount,
        boolean countValidOnly,
        CountLogic countLogic,
        List<String> vaccineTypes,
        List<String> seriesGroups) {

    public enum Type {
        AGE, INTERVAL, VACCINE_COUNT_BY_AGE, VACCINE_COUNT_BY_DATE, VACCINE_COUNT_BY_DATE_AND_AGE, COMPLETED_SERIES
    }

    public enum CountLogic { GREATER_THAN, EQUAL_TO, LESS_THAN }
}
