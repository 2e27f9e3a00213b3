package org.immunis.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.immunis.RegistryIntegrationTest;
import org.immunis.TestTokens;
import org.immunis.fhir.RegistryRecords;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Role x scope x operation over real HTTP: every cell is the status code one requester gets for one operation on an
 * Immunization of patient "self", recorded by the organization "clinic".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PermissionMatrixIT extends RegistryIntegrationTest {

	private static final List<String> OPERATIONS = List.of("read", "search", "create", "update", "delete");

	// A school sees only the children on its rosters, a board of health only its town's residents (docs/consent.md): the
	// matrix's patients are neither, so to them the record does not exist (404) and a search finds nothing (200).
	private static final String TABLE = """
			requester            read  search  create  update  delete
			no-token              401   401     401     401     401
			expired               401   401     401     401     401
			no-role               403   403     403     403     403
			admin                 200   200     201     200     200
			admin-read-only       200   200     403     403     403
			provider              200   200     201     200     200
			provider-elsewhere    200   200     201     403     403
			provider-read-only    200   200     403     403     403
			provider-no-org       403   403     403     403     403
			provider-patients     403   403     403     403     403
			school                404   200     403     403     403
			board-of-health       404   200     403     403     403
			program               200   200     403     403     403
			researcher            200   200     403     403     403
			researcher-no-study   403   403     403     403     403
			patient               200   200     403     403     403
			patient-of-other      403   403     403     403     403
			guardian              200   200     403     403     403
			patient-openid-only   403   403     403     403     403
			""";

	private final String suffix = UUID.randomUUID().toString().substring(0, 8);
	private final String self = "self-" + suffix;
	private final String other = "other-" + suffix;
	private final HttpClient http = HttpClient.newHttpClient();
	private final Map<String, Supplier<String>> tokens = Map.ofEntries(
			Map.entry("no-token", () -> null),
			Map.entry("expired", () -> TestTokens.as("registry-admin").scopes("user/*.cruds").lifetime(Duration.ofMinutes(-5)).mint()),
			Map.entry("no-role", () -> TestTokens.as(null).scopes("user/*.cruds").mint()),
			Map.entry("admin", TestTokens::admin),
			Map.entry("admin-read-only", () -> TestTokens.as("registry-admin").scopes("user/*.rs").mint()),
			Map.entry("provider", () -> provider("clinic", "system/*.cruds")),
			Map.entry("provider-elsewhere", () -> provider("elsewhere", "system/*.cruds")),
			Map.entry("provider-read-only", () -> provider("clinic", "system/*.read")),
			Map.entry("provider-no-org", () -> TestTokens.as("provider").scopes("system/*.cruds").mint()),
			Map.entry("provider-patients", () -> provider("clinic", "patient/*.cruds")),
			Map.entry("school", () -> TestTokens.as("school").organization("Organization/school").scopes("user/*.cruds").mint()),
			Map.entry("board-of-health", () -> TestTokens.as("board-of-health").organization("board").scopes("system/*.rs").mint()),
			Map.entry("program", () -> TestTokens.as("public-health-program").organization("wic").scopes("user/*.rs").mint()),
			Map.entry("researcher", () -> TestTokens.as("researcher").study("study-1").scopes("user/*.rs").mint()),
			Map.entry("researcher-no-study", () -> TestTokens.as("researcher").scopes("user/*.rs").mint()),
			Map.entry("patient", () -> TestTokens.as("patient").patients(self).scopes("patient/Immunization.rs").mint()),
			Map.entry("patient-of-other", () -> TestTokens.as("patient").patients(other).scopes("patient/Immunization.rs").mint()),
			Map.entry("guardian", () -> TestTokens.as("patient").patients(other, self).scopes("user/*.cruds").mint()),
			Map.entry("patient-openid-only", () -> TestTokens.as("patient").patients(self).scopes("openid", "fhirUser").mint()));

	private String immunization;
	private String othersImmunization;

	@BeforeAll
	void recordsOfTheClinic() throws Exception {
		String clinic = provider("clinic", "system/*.cruds");
		// only the registry admin chooses ids, here migrating the clinic's records with their stamp
		for (String patient : List.of(self, other)) {
			String body = "{\"resourceType\":\"Patient\",\"id\":\"" + patient
					+ "\",\"meta\":{\"tag\":[{\"system\":\"" + RecordOwnership.SYSTEM + "\",\"code\":\"clinic\"}]}"
					+ ",\"identifier\":[{\"system\":\"" + RegistryRecords.MRN_SYSTEM + "\",\"value\":\"" + patient + "\"}]"
					+ ",\"name\":[{\"family\":\"Matrix\"}],\"birthDate\":\"2019-05-01\",\"gender\":\"male\"}";
			assertThat(send("PUT", "/Patient/" + patient, body, TestTokens.admin()).statusCode()).isEqualTo(201);
		}
		immunization = createImmunization(clinic);
		othersImmunization = createImmunization(clinic, other);
	}

	@Test
	void aBatchDoesNotReadPastThePatientsActedFor() throws Exception {
		String batch = "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":["
				+ "{\"request\":{\"method\":\"GET\",\"url\":\"Immunization/" + othersImmunization + "\"}},"
				+ "{\"request\":{\"method\":\"GET\",\"url\":\"Immunization?patient=" + other + "\"}},"
				+ "{\"request\":{\"method\":\"GET\",\"url\":\"Immunization/" + immunization + "\"}}]}";

		HttpResponse<String> response = send("POST", "", batch, tokens.get("patient").get());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).doesNotContain("\"Patient/" + other + "\"").contains("\"Patient/" + self + "\"");
	}

	static Stream<Arguments> cells() {
		List<String> rows = TABLE.lines().skip(1).toList();
		return rows.stream().flatMap(row -> {
			List<String> cells = Arrays.asList(row.trim().split("\\s+"));
			return IntStream.range(0, OPERATIONS.size())
					.mapToObj(i -> Arguments.of(cells.get(0), OPERATIONS.get(i), Integer.parseInt(cells.get(i + 1))));
		});
	}

	@ParameterizedTest(name = "{0} {1} -> {2}")
	@MethodSource("cells")
	void answers(String requester, String operation, int status) throws Exception {
		HttpResponse<String> response = perform(operation, tokens.get(requester).get());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		if (status == 404) {
			// exactly what an unknown id answers, which names the id asked for
			assertThat(response.body()).contains("OperationOutcome").contains("is not known");
		} else if (status >= 400) {
			assertThat(response.body()).contains("OperationOutcome").doesNotContain(immunization);
		}
	}

	private HttpResponse<String> perform(String operation, String token) throws Exception {
		switch (operation) {
			case "read":
				return send("GET", "/Immunization/" + immunization, null, token);
			case "search":
				return send("GET", "/Immunization?patient=Patient/" + self, null, token);
			case "create":
				return send("POST", "/Immunization", immunizationBody(null), token);
			case "update":
				return send("PUT", "/Immunization/" + immunization, immunizationBody(immunization), token);
			default:
				return send("DELETE", "/Immunization/" + createImmunization(provider("clinic", "system/*.cruds")), null, token);
		}
	}

	private String createImmunization(String token) throws Exception {
		return createImmunization(token, self);
	}

	private String createImmunization(String token, String patient) throws Exception {
		HttpResponse<String> created = send("POST", "/Immunization", immunizationBody(null, patient), token);
		assertThat(created.statusCode()).isEqualTo(201);
		String location = created.headers().firstValue("Location").orElseThrow();
		return location.replaceAll(".*/Immunization/([^/]+)/_history/.*", "$1");
	}

	private String immunizationBody(String id) {
		return immunizationBody(id, self);
	}

	private String immunizationBody(String id, String patient) {
		return "{\"resourceType\":\"Immunization\"," + (id == null ? "" : "\"id\":\"" + id + "\",")
				+ "\"status\":\"completed\",\"vaccineCode\":{\"coding\":[{\"system\":\"http://hl7.org/fhir/sid/cvx\",\"code\":\"03\"}]},"
				+ "\"patient\":{\"reference\":\"Patient/" + patient + "\"},\"occurrenceDateTime\":\"2020-06-01\","
				+ "\"primarySource\":true,\"lotNumber\":\"MM0601\"}";
	}

	private static String provider(String organization, String scope) {
		return TestTokens.as("provider").organization("Organization/" + organization).scopes(scope).mint();
	}

	private HttpResponse<String> send(String method, String path, String body, String token)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
				.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
				.header("Content-Type", "application/fhir+json");
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}
}
