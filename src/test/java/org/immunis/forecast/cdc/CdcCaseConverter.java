package org.immunis.forecast.cdc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.immunis.forecast.EvaluationStatus;
import org.immunis.forecast.Gender;
import org.immunis.forecast.SeriesStatus;

/**
 * Converts CDC's test case workbooks (CSV export) into the project's test data: one {@link CdcCase} a line (JSON),
 * keeping CDC's ids, dates, codes and expected values, not its case names or prose. Run
 * {@code main(cdsiDirectory, outputDirectory)} to regenerate {@code src/test/resources/forecast/cases} (docs/forecast.md).
 */
public final class CdcCaseConverter {

    /** CDC's workbook files in the CDSi directory and the project's file each becomes. */
    static final Map<String, String> SUITES = Map.of(
            "healthy.jsonl", "cdsi-healthy-testcases-v4.45-dev.csv",
            "underlying-conditions.jsonl", "cdsi-underlying-conditions-testcases-v4.6-dev.csv");

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_EMPTY)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** CDC's vaccine group labels (both workbooks) that differ from the engine's group names. */
    private static final Map<String, String> VACCINE_GROUPS = Map.ofEntries(
            Map.entry("DTAP", "DTaP/Tdap/Td"), Map.entry("POL", "Polio"), Map.entry("IPOL", "Polio"),
            Map.entry("HIB", "Hib"), Map.entry("HEPB", "HepB"), Map.entry("HEPA", "HepA"),
            Map.entry("PCV", "Pneumococcal"), Map.entry("VAR", "Varicella"), Map.entry("ROTA", "Rotavirus"),
            Map.entry("MCV", "Meningococcal"), Map.entry("FLU", "Influenza"), Map.entry("MENB", "Meningococcal B"),
            Map.entry("ZOSTER", "Zoster"));

    private static final int MAX_DOSES = 7;
    private static final int MAX_OBSERVATIONS = 3;

    private CdcCaseConverter() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: CdcCaseConverter <CDSi directory> <output directory>");
            System.exit(2);
        }
        for (String written : convert(Path.of(args[0]), Path.of(args[1]))) {
            System.out.println("wrote " + written);
        }
    }

    /** Converts every suite whose CDC file is present; returns the names of the files written. */
    static List<String> convert(Path cdsiDirectory, Path output) throws IOException {
        Files.createDirectories(output);
        List<String> written = new ArrayList<>();
        for (Map.Entry<String, String> suite : SUITES.entrySet()) {
            Path source = cdsiDirectory.resolve(suite.getValue());
            if (Files.exists(source)) {
                Files.writeString(output.resolve(suite.getKey()), toJsonLines(read(source)), StandardCharsets.UTF_8);
                written.add(suite.getKey());
            }
        }
        return written;
    }

    static String toJsonLines(List<CdcCase> cases) throws IOException {
        StringBuilder out = new StringBuilder();
        for (CdcCase c : cases) {
            out.append(MAPPER.writeValueAsString(c)).append('\n');
        }
        return out.toString();
    }

    static List<CdcCase> read(Path csv) throws IOException {
        List<List<String>> rows = CsvRows.parse(Files.readString(csv, StandardCharsets.UTF_8));
        Map<String, Integer> columns = new HashMap<>();
        List<String> header = rows.get(0);
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i).trim().toLowerCase(), i);
        }
        List<CdcCase> cases = new ArrayList<>();
        for (List<String> values : rows.subList(1, rows.size())) {
            if (values.size() > 1 && !values.get(0).isBlank()) {
                cases.add(toCase(new Row(values, columns)));
            }
        }
        return cases;
    }

    private static CdcCase toCase(Row r) {
        List<CdcCase.Observation> observations = new ArrayList<>();
        for (int n = 1; n <= MAX_OBSERVATIONS && r.has("Observation_Code_" + n); n++) {
            if (!r.get("Observation_Code_" + n).isEmpty()) {
                observations.add(new CdcCase.Observation(r.get("Observation_Code_" + n),
                        r.date("Observation_Date_" + n)));
            }
        }
        List<CdcCase.Dose> doses = new ArrayList<>();
        for (int n = 1; n <= MAX_DOSES; n++) {
            LocalDate date = r.date("Date_Administered_" + n);
            if (date != null) {
                String reason = r.get("Evaluation_Reason_" + n);
                doses.add(new CdcCase.Dose(date, r.get("CVX_" + n), blankToNull(r.get("MVX_" + n)),
                        evaluationStatus(r.get("Evaluation_Status_" + n)), blankToNull(reason)));
            }
        }
        String forecastDose = r.get("Forecast_#");
        return new CdcCase(r.get("CDC_Test_ID"), r.date("DOB"), gender(r.get("Gender")), observations, doses,
                r.date("Assessment_Date"), vaccineGroup(r.get("Vaccine_Group")), seriesStatus(r.get("Series_Status")),
                forecastDose.isEmpty() || forecastDose.equals("-") ? null : Integer.valueOf(forecastDose),
                r.date("Earliest_Date"), r.date("Recommended_Date"), r.date("Past_Due_Date"));
    }

    private static String vaccineGroup(String cdcLabel) {
        return VACCINE_GROUPS.getOrDefault(cdcLabel.toUpperCase(), cdcLabel);
    }

    private static Gender gender(String code) {
        return switch (code.toUpperCase()) {
            case "F" -> Gender.FEMALE;
            case "M" -> Gender.MALE;
            default -> Gender.UNKNOWN;
        };
    }

    private static EvaluationStatus evaluationStatus(String cdsiName) {
        return Arrays.stream(EvaluationStatus.values()).filter(s -> s.cdsiName().equalsIgnoreCase(cdsiName))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("evaluation status " + cdsiName));
    }

    private static SeriesStatus seriesStatus(String cdsiName) {
        return Arrays.stream(SeriesStatus.values()).filter(s -> s.cdsiName().equalsIgnoreCase(cdsiName))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("series status " + cdsiName));
    }

    private static String blankToNull(String value) {
        return value.isEmpty() ? null : value;
    }

    private record Row(List<String> values, Map<String, Integer> columns) {
        boolean has(String column) {
            return columns.containsKey(column.toLowerCase());
        }

        String get(String column) {
            Integer index = columns.get(column.toLowerCase());
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
}
