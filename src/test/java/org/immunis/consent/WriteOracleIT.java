package org.immunis.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.immunis.RegistryIntegrationTest;
import org.immunis.TestTokens;
import org.immunis.consent.ConsentFixture.Kind;
import org.immunis.consent.ConsentFixture.State;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A write cannot tell a requester whether a record hidden from it exists: updating, patching or deleting a hidden record
 * answers exactly as the same request for an id nobody has (same status, same message but for the id), and ids are not
 * sequential.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WriteOracleIT extends RegistryIntegrationTest {

	private ConsentFixture fixture;

	@BeforeAll
	void registry() {
		fixture = new ConsentFixture(baseUrl(), fhirContext);
	}

	@ParameterizedTest
	@EnumSource(value = Kind.class, names = {"PROVIDER_A", "PROVIDER_B", "PROVIDER_C", "SCHOOL", "BOARD", "PROGRAM", "RESEARCHER"})
	void writesToHiddenRecordsAnswerAsForUnknownIds(Kind kind) {
		ConsentHttp requester = fixture.http(kind);
		ConsentHttp admin = fixture.http(TestTokens.admin());
		assertThat(fixture.hidden(kind, State.OBJECTING)).isNotEmpty();
		for (String hidden : fixture.hidden(kind, State.OBJECTING)) {
			String type = hidden.substring(0, hidden.indexOf('/'));
			String unknown = type + "/" + UUID.randomUUID();
			String body = admin.get(hidden).body().replaceAll("\"meta\":\\{[^}]*\\},", "");

			assertSameAnswer(requester.put(hidden, body), requester.put(unknown, withId(body, hidden, unknown)), hidden, unknown);
			String patch = "[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"entered-in-error\"}]";
			assertSameAnswer(requester.patch(hidden, patch), requester.patch(unknown, patch), hidden, unknown);
			assertSameAnswer(requester.delete(hidden), requester.delete(unknown), hidden, unknown);
			ConsentHttp.Answer inTransaction = requester.post("", deleteInTransaction(hidden));
			assertThat(inTransaction.status()).as(inTransaction.body()).isEqualTo(403);
			assertSameAnswer(inTransaction, requester.post("", deleteInTransaction(unknown)), hidden, unknown);
			assertThat(admin.get(hidden).status()).as("the hidden record is untouched").isEqualTo(200);
		}
	}

	@ParameterizedTest
	@EnumSource(value = Kind.class, names = {"PROVIDER_A", "PROVIDER_B", "PROVIDER_C"})
	void aProviderCannotCreateARecordUnderAnIdOfItsChoosing(Kind kind) {
		ConsentHttp provider = fixture.http(kind);
		String id = "Immunization/" + UUID.randomUUID();
		String immunization = "{\"resourceType\":\"Immunization\",\"id\":\"" + id.substring(id.indexOf('/') + 1) + "\","
				+ "\"status\":\"completed\",\"vaccineCode\":{\"coding\":[{\"system\":\"http://hl7.org/fhir/sid/cvx\",\"code\":\"03\"}]},"
				+ "\"patient\":{\"reference\":\"" + fixture.records.get(State.NEVER_OBJECTED).patient() + "\"},"
				+ "\"occurrenceDateTime\":\"2016-04-01\",\"primarySource\":true}";
		ConsentHttp.Answer answer = provider.put(id, immunization);
		assertThat(answer.status()).as(answer.body()).isEqualTo(403);
		assertThat(fixture.http(TestTokens.admin()).get(id).status()).isEqualTo(404);
	}

	@Test
	void idsTheRegistryAssignsCannotBeGuessed() {
		String patient = fixture.records.get(State.NEVER_OBJECTED).patient();
		String id = patient.substring(patient.indexOf('/') + 1);
		assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
	}

	private static String deleteInTransaction(String reference) {
		return "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"request\":{\"method\":\"DELETE\",\"url\":\""
				+ reference + "\"}}]}";
	}

	private static String withId(String body, String from, String to) {
		return body.replace(idPart(from), idPart(to));
	}

	private static String idPart(String reference) {
		return reference.substring(reference.indexOf('/') + 1);
	}

	private static void assertSameAnswer(ConsentHttp.Answer hidden, ConsentHttp.Answer unknown, String hiddenId, String unknownId) {
		assertThat(hidden.status()).as(hidden.body() + "\nvs\n" + unknown.body()).isEqualTo(unknown.status());
		assertThat(normalized(hidden.body(), hiddenId)).isEqualTo(normalized(unknown.body(), unknownId));
	}

	private static String normalized(String body, String id) {
		return body.replace(idPart(id), "ID").replaceAll("\"id\":\"[^\"]*\"", "\"id\":\"X\"")
				.replaceAll("\"lastUpdated\":\"[^\"]*\"", "");
	}
}
