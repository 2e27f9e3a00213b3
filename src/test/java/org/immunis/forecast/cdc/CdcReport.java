package org.immunis.forecast.cdc;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Pass rates per vaccine group, evaluation and forecast counted separately, as a Markdown table. */
final class CdcReport {

    private CdcReport() {
    }

    static String passRates(List<CdcCaseRunner.Result> results) {
        Map<String, int[]> byGroup = new TreeMap<>();
        int[] total = new int[3];
        for (CdcCaseRunner.Result result : results) {
            int[] counts = byGroup.computeIfAbsent(result.testCase().vaccineGroup(), g -> new int[3]);
            for (int[] c : new int[][] {counts, total}) {
                c[0]++;
                c[1] += result.evaluationMismatches().isEmpty() ? 1 : 0;
                c[2] += result.forecastMismatches().isEmpty() ? 1 : 0;
            }
        }
        StringBuilder out = new StringBuilder("| Vaccine group | Cases | Evaluation passed | Forecast passed |\n")
                .append("|---|---:|---:|---:|\n");
        byGroup.forEach((group, c) -> out.append(row(group, c)));
        out.append(row("**All**", total));
        return out.toString();
    }

    private static String row(String group, int[] c) {
        return "| " + group + " | " + c[0] + " | " + c[1] + " (" + percent(c[1], c[0]) + ") | " + c[2] + " ("
                + percent(c[2], c[0]) + ") |\n";
    }

    private static String percent(int part, int whole) {
        return String.format("%.1f%%", whole == 0 ? 0.0 : 100.0 * part / whole);
    }

    static String failures(List<CdcCaseRunner.Result> results) {
        StringBuilder out = new StringBuilder("case_id,part,vaccine_group,detail\n");
        for (CdcCaseRunner.Result result : results) {
            if (!result.evaluationMismatches().isEmpty()) {
                out.append(line(result, "evaluation", result.evaluationMismatches()));
            }
            if (!result.forecastMismatches().isEmpty()) {
                out.append(line(result, "forecast", result.forecastMismatches()));
            }
        }
        return out.toString();
    }

    private static String line(CdcCaseRunner.Result result, String part, List<String> mismatches) {
        return result.testCase().id() + "," + part + "," + result.testCase().vaccineGroup() + ",\""
                + String.join("; ", mismatches).replace("\"", "'") + "\"\n";
    }
}
