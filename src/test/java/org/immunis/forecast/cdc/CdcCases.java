package org.immunis.forecast.cdc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads a suite of CDC cases in the project's form from the test classpath (one JSON case a line). */
final class CdcCases {

    static final String RESOURCES = "/forecast/cases/";

    private CdcCases() {
    }

    static List<CdcCase> read(String suite) throws IOException {
        String resource = RESOURCES + suite + ".jsonl";
        try (InputStream in = CdcCases.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            List<CdcCase> cases = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    cases.add(CdcCaseConverter.MAPPER.readValue(line, CdcCase.class));
                }
            }
            return cases;
        }
    }
}
