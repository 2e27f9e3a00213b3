package org.immunis.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.hl7.fhir.r4.model.Patient;
import org.immunis.RegistryIntegrationTest;
import org.immunis.TestTokens;
import org.immunis.fhir.RegistryRecords;
import org.junit.jupiter.api.Test;

/**
 * Measures what the sharing decision costs a search: the same searches as the registry admin (the decision is skipped:
 * AUTHORIZED) and as a public-health program (decided record by record, one objection lookup per page). Prints the
 * medians; asserts only that both answered.
 */
class EnforcementCostIT extends RegistryIntegrationTest {

	@Test
	void searchesWithAndWithoutEnforcement() {
		ConsentHttp admin = new ConsentHttp(baseUrl(), TestTokens.admin(), fhirContext);
		ConsentHttp program = new ConsentHttp(baseUrl(),
				TestTokens.as("public-health-program").organization("Organization/wic").scopes("user/*.rs").mint(), fhirContext);
		ConsentHttp provider = new ConsentHttp(baseUrl(),
				TestTokens.as("provider").organization("Organization/cost").scopes("user/*.cruds").mint(), fhirContext);
		List<String> patients = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			Patient patient = RegistryRecords.patient("Cost", "2019-01-01");
			String id = ConsentFixture.created(admin.post("Patient", fhirContext.newJsonParser().encodeResourceToString(patient)));
			for (String cvx : List.of("03", "20", "10")) {
				admin.post("Immunization", fhirContext.newJsonParser().encodeResourceToString(RegistryRecords.immunization(id, cvx, "2020-01-01")));
			}
			patients.add(id);
		}
		Random random = new Random(7);
		int rounds = 150;
		long[] off = new long[rounds];
		long[] on = new long[rounds];
		for (int i = 0; i < rounds + 20; i++) {
			String query = "Immunization?patient=" + patients.get(random.nextInt(patients.size())) + "&_include=Immunization:patient";
			long a = time(admin, query);
			long b = time(i % 2 == 0 ? program : provider, query);
			if (i >= 20) {
				off[i - 20] = a;
				on[i - 20] = b;
			}
		}
		Arrays.sort(off);
		Arrays.sort(on);
		double p50Off = off[rounds / 2] / 1e6;
		double p50On = on[rounds / 2] / 1e6;
		System.out.printf("ENFORCEMENT COST: p50 without %.2f ms, with %.2f ms (%+.0f%%)%n", p50Off, p50On, 100 * (p50On / p50Off - 1));
		assertThat(p50On).isPositive();
	}

	private static long time(ConsentHttp http, String query) {
		long start = System.nanoTime();
		ConsentHttp.Answer answer = http.get(query);
		long elapsed = System.nanoTime() - start;
		assertThat(answer.status()).isEqualTo(200);
		return elapsed;
	}
}
