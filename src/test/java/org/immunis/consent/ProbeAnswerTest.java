package org.immunis.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The leak probe's oracle against planted leaks: answers crafted to carry a hidden record, or to answer about a hidden
 * record otherwise than about an unknown one, must be caught; answers that leak nothing must pass.
 */
class ProbeAnswerTest {

	private static final String HIDDEN = "Patient/123";
	private static final Set<String> HIDDEN_RECORDS = Set.of(HIDDEN, "Condition/77");

	@Test
	void aHiddenRecordShownAsASearchMatchIsCaught() {
		assertThat(json("{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"123\"}}]}")
				.carrying(HIDDEN_RECORDS, Set.of(), "GET Patient")).singleElement().asString().contains("carries hidden Patient/123");
		assertThat(new ProbeAnswer(200, "", "<Bundle><entry><resource><Condition><id value=\"77\"/></Condition></resource></entry></Bundle>")
				.carrying(HIDDEN_RECORDS, Set.of(), "GET Condition")).singleElement().asString().contains("Condition/77");
	}

	@Test
	void aReferenceToAHiddenPatientInsideAVisibleRecordIsCaught() {
		ProbeAnswer roster = json("{\"resourceType\":\"Group\",\"id\":\"9\",\"member\":[{\"entity\":{\"reference\":\"Patient/123\"}}]}");

		assertThat(roster.carrying(HIDDEN_RECORDS, Set.of(), "GET Group/9")).hasSize(1);
		// naming the patient in the request does not make a reference to it in the answer acceptable
		assertThat(roster.carrying(HIDDEN_RECORDS, Set.of(HIDDEN), "GET Group?member=Patient/123")).hasSize(1);
	}

	@Test
	void aHiddenRecordInAHeaderIsCaught() {
		ProbeAnswer created = new ProbeAnswer(201, "location: http://localhost/fhir/Patient/123/_history/1", "{}");

		assertThat(created.carrying(HIDDEN_RECORDS, Set.of(HIDDEN), "POST Patient")).hasSize(1);
	}

	@Test
	void aRecordTheRequestNamedMayBeRepeatedInAMessageOnly() {
		ProbeAnswer notKnown = new ProbeAnswer(404, "", "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"diagnostics\":"
				+ "\"Resource Patient/123 is not known\"}]}");

		assertThat(notKnown.carrying(HIDDEN_RECORDS, Set.of(HIDDEN), "GET Patient/123")).isEmpty();
		assertThat(notKnown.carrying(HIDDEN_RECORDS, Set.of(), "GET Immunization?patient=Patient/5")).hasSize(1);
	}

	@Test
	void anotherRecordWhoseIdStartsLikeAHiddenOneIsNoLeak() {
		ProbeAnswer answer = json("{\"resourceType\":\"Patient\",\"id\":\"1234\",\"link\":[{\"other\":{\"reference\":\"Patient/1234\"}}]}");

		assertThat(answer.carrying(HIDDEN_RECORDS, Set.of(), "GET Patient/1234")).isEmpty();
	}

	@Test
	void aHiddenRecordThatAnswersOtherwiseThanAnUnknownOneIsCaught() {
		ProbeAnswer unknown = new ProbeAnswer(404, "", outcome("Resource Patient/abc-unknown is not known"));

		assertThat(new ProbeAnswer(403, "", outcome("Access denied")).differenceFrom(HIDDEN, unknown, "Patient/abc-unknown"))
				.isPresent();
		assertThat(new ProbeAnswer(404, "", outcome("Resource Patient/123 is hidden")).differenceFrom(HIDDEN, unknown,
				"Patient/abc-unknown")).isPresent();
		assertThat(json("{\"resourceType\":\"Bundle\",\"total\":1}").differenceFrom(HIDDEN,
				json("{\"resourceType\":\"Bundle\",\"total\":0}"), "Patient/abc-unknown")).isPresent();
	}

	@Test
	void answersAlikeButForTheirIdsAndTimesAreAlike() {
		ProbeAnswer hidden = new ProbeAnswer(404, "", outcome("Resource Patient/123 is not known (2026-12-07T00:10:00.123Z)"));
		ProbeAnswer unknown = new ProbeAnswer(404, "", outcome("Resource Patient/abc-unknown is not known (2026-12-07T00:10:01Z)"));

		assertThat(hidden.differenceFrom(HIDDEN, unknown, "Patient/abc-unknown")).isEmpty();
	}

	private static ProbeAnswer json(String body) {
		return new ProbeAnswer(200, "content-type: application/fhir+json", body);
	}

	private static String outcome(String diagnostics) {
		return "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"diagnostics\":\"" + diagnostics + "\"}]}";
	}
}
