package org.immunis.forecast.schedule;

import java.util.List;

/** A CDSi observation (condition, history, indication) and the codes (SNOMED, CDCPHINVS, ...) that express it. */
public record ObservationDefinition(String code, String title, List<CodedValue> codedValues) {

    public record CodedValue(String code, String codeSystem, String text) {
    }
}
