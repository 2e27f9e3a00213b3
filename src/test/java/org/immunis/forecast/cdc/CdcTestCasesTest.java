package org.immunis.forecast.cdc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.immunis.forecast.ForecastEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs CDC's test cases, kept in the project's form under src/test/resources/forecast/cases, and compares evaluation
 * and forecast separately. Fails on a case that fails but is not listed in the suite's known failures, and on a listed
 * case that now passes (so the list stays honest). Writes target/forecast-cdc-[suite]-report.md and
 * target/forecast-cdc-[suite]-failures.csv.
 */
class CdcTestCasesTest {

    private static final ForecastEngine ENGINE = ForecastEngine.withBundledSchedule();

    @ParameterizedTest
    @ValueSource(strings = {"healthy", "underlying-conditions"})
    void cdcTestCasesPassExceptKnownFailures(String suite) throws IOException {
        List<CdcCase> cases = CdcCases.read(suite);
        CdcCaseRunner runner = new CdcCaseRunner(ENGINE);
        List<CdcCaseRunner.Result> results = cases.stream().map(runner::run).toList();

        Path target = Path.of("target");
        Files.createDirectories(target);
        String rates = CdcReport.passRates(results);
        Files.writeString(target.resolve("forecast-cdc-" + suite + "-report.md"), "# CDC CDSi test cases: " + suite
                + "\n\n" + cases.size() + " cases\n\n" + rates);
        Files.writeString(target.resolve("forecast-cdc-" + suite + "-failures.csv"), CdcReport.failures(results));
        System.out.println(suite + "\n" + rates);

        Set<String> failing = new TreeSet<>();
        for (CdcCaseRunner.Result result : results) {
            if (!result.evaluationMismatches().isEmpty()) {
                failing.add(result.testCase().id() + ",evaluation");
            }
            if (!result.forecastMismatches().isEmpty()) {
                failing.add(result.testCase().id() + ",forecast");
            }
        }
        String knownFailures = CdcCases.RESOURCES + suite + "-known-failures.csv";
        Set<String> known = knownFailures(knownFailures);
        Set<String> unexpected = new TreeSet<>(failing);
        unexpected.removeAll(known);
        Set<String> nowPassing = new TreeSet<>(known);
        nowPassing.removeAll(failing);
        assertTrue(unexpected.isEmpty(), () -> "CDC cases failing that are not known failures (details in "
                + "target/forecast-cdc-" + suite + "-failures.csv): " + unexpected);
        assertTrue(nowPassing.isEmpty(), () -> "Known failures that now pass; remove them from " + knownFailures
                + ": " + nowPassing);
    }

    private static Set<String> knownFailures(String resource) throws IOException {
        Set<String> known = new LinkedHashSet<>();
        try (InputStream in = CdcTestCasesTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            List<List<String>> rows = CsvRows.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            for (List<String> row : rows.subList(1, rows.size())) {
                if (row.size() >= 2 && !row.get(0).isBlank()) {
                    known.add(row.get(0).trim() + "," + row.get(1).trim());
                }
            }
        }
        return known;
    }
}
