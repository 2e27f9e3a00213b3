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
import org.immunis.forecast.CdsiTestData;
import org.immunis.forecast.ForecastEngine;
import org.junit.jupiter.api.Test;

/**
 * Runs every CDC test case in ../shared/cdsi and compares evaluation and forecast separately. Fails on a case that
 * fails but is not listed in cdc-known-failures.csv, and on a listed case that now passes (so the list stays
 * honest). Writes target/forecast-cdc-report.md and target/forecast-cdc-failures.csv.
 */
class CdcTestCasesTest {

    private static final String TEST_CASES = "cdsi-healthy-testcases-v4.45-dev.csv";
    private static final String KNOWN_FAILURES = "/forecast/cdc-known-failures.csv";

    @Test
    void cdcTestCasesPassExceptKnownFailures() throws IOException {
        List<CdcTestCase> cases = CdcTestCaseReader.read(CdsiTestData.file(TEST_CASES));
        CdcCaseRunner runner = new CdcCaseRunner(ForecastEngine.withBundledSchedule());
        List<CdcCaseRunner.Result> results = cases.stream().map(runner::run).toList();

        Path target = Path.of("target");
        Files.createDirectories(target);
        String rates = CdcReport.passRates(results);
        Files.writeString(target.resolve("forecast-cdc-report.md"), "# CDC CDSi test cases\n\n" + cases.size()
                + " cases from " + TEST_CASES + "\n\n" + rates);
        Files.writeString(target.resolve("forecast-cdc-failures.csv"), CdcReport.failures(results));
        System.out.println(rates);

        Set<String> failing = new TreeSet<>();
        for (CdcCaseRunner.Result result : results) {
            if (!result.evaluationMismatches().isEmpty()) {
                failing.add(result.testCase().id() + ",evaluation");
            }
            if (!result.forecastMismatches().isEmpty()) {
                failing.add(result.testCase().id() + ",forecast");
            }
        }
        Set<String> known = knownFailures();
        Set<String> unexpected = new TreeSet<>(failing);
        unexpected.removeAll(known);
        Set<String> nowPassing = new TreeSet<>(known);
        nowPassing.removeAll(failing);
        assertTrue(unexpected.isEmpty(), () -> "CDC cases failing that are not known failures (details in "
                + "target/forecast-cdc-failures.csv): " + unexpected);
        assertTrue(nowPassing.isEmpty(), () -> "Known failures that now pass; remove them from " + KNOWN_FAILURES
                + ": " + nowPassing);
    }

    private static Set<String> knownFailures() throws IOException {
        Set<String> known = new LinkedHashSet<>();
        try (InputStream in = CdcTestCasesTest.class.getResourceAsStream(KNOWN_FAILURES)) {
            if (in == null) {
                return known;
            }
            List<List<String>> rows = CdcTestCaseReader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            for (List<String> row : rows.subList(1, rows.size())) {
                if (row.size() >= 2 && !row.get(0).isBlank()) {
                    known.add(row.get(0).trim() + "," + row.get(1).trim());
                }
            }
        }
        return known;
    }
}
