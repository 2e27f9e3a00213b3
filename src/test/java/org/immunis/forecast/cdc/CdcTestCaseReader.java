package org.immunis.forecast.cdc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads CDC's test cases CSV (one case a row, quoted fields, dates YYYY-MM-DD). */
final class CdcTestCaseReader {

    private static final int MAX_DOSES = 7;

    private CdcTestCaseReader() {
    }

    static List<CdcTestCase> read(Path csv) throws IOException {
        List<List<String>> rows = parse(Files.readString(csv, StandardCharsets.UTF_8));
        Map<String, Integer> columns = new HashMap<>();
        List<String> header = rows.get(0);
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i).trim(), i);
        }
        List<CdcTestCase> cases = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            if (row.size() < 2 || row.get(0).isBlank()) {
                continue;
            }
            Row r = new Row(row, columns);
            List<CdcTestCase.ExpectedDose> doses = new ArrayList<>();
            for (int n = 1; n <= MAX_DOSES; n++) {
                LocalDate date = r.date("Date_Administered_" + n);
                if (date != null) {
                    doses.add(new CdcTestCase.ExpectedDose(date, r.get("CVX_" + n), r.get("MVX_" + n),
                            r.get("Evaluation_Status_" + n), r.get("Evaluation_Reason_" + n)));
                }
            }
            cases.add(new CdcTestCase(r.get("CDC_Test_ID"), r.get("Test_Case_Name"), r.date("DOB"), r.get("gender"),
                    doses, r.get("Series_Status"), r.get("Forecast_#"), r.date("Earliest_Date"),
                    r.date("Recommended_Date"), r.date("Past_Due_Date"), r.get("Vaccine_Group"),
                    r.date("Assessment_Date"), r.get("Evaluation_Test_Type"), r.get("Forecast_Test_Type")));
        }
        return cases;
    }

    private record Row(List<String> values, Map<String, Integer> columns) {
        String get(String column) {
            Integer index = columns.get(column);
            if (index == null) {
                throw new IllegalStateException("CDC test case CSV has no column " + column);
            }
            return index < values.size() ? values.get(index).trim() : "";
        }

        LocalDate date(String column) {
            String value = get(column);
            return value.isEmpty() ? null : LocalDate.parse(value);
        }
    }

    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
