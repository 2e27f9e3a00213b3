package org.immunis.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Patient;
import org.immunis.RegistryIntegrationTest;
import org.immunis.TestTokens;
import org.immunis.fhir.RegistryRecords;
import org.junit.jupiter.api.Test;

/** Every request of a requester leaves one AuditEvent, also when many arrive at once and are stored in batches. */
class AuditTrailIT extends RegistryIntegrationTest {

	private String subject;

	private IGenericClient provider() {
		String clinic = client().create().resource(RegistryRecords.organization("Audit clinic", "provider")).execute()
				.getId().getIdPart();
		subject = "audit-" + UUID.randomUUID();
		return client(TestTokens.as("provider").organization("Organization/" + clinic).scopes("user/*.cruds")
				.claim("sub", subject).mint());
	}

	private List<AuditEvent> eventsOf(String subject) {
		List<AuditEvent> events = new ArrayList<>();
		Bundle page = client().search().byUrl("AuditEvent?_count=200&_sort=-date").returnBundle(Bundle.class).execute();
		page.getEntry().stream().map(entry -> (AuditEvent) entry.getResource())
				.filter(event -> event.getAgent().stream().anyMatch(agent -> subject.equals(agent.getWho().getIdentifier().getValue())))
				.forEach(events::add);
		return events;
	}

	@Test
	void requestsArrivingTogetherAreEachRecordedOnce() throws Exception {
		IGenericClient provider = provider();
		String patient = provider.create().resource(RegistryRecords.patient("Audited", "2019-02-03")).execute().getId().getIdPart();
		ExecutorService clients = Executors.newFixedThreadPool(4);
		List<Future<?>> reads = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			reads.add(clients.submit(() -> provider.read().resource(Patient.class).withId(patient).execute()));
		}
		for (Future<?> read : reads) {
			read.get();
		}
		clients.shutdown();

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			List<AuditEvent> events = eventsOf(subject);
			assertThat(events).hasSize(41);
			assertThat(events).filteredOn(event -> event.getAction() == AuditEvent.AuditEventAction.R).hasSize(40)
					.allSatisfy(event -> {
						assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
						assertThat(event.getEntityFirstRep().getWhat().getReference()).isEqualTo("Patient/" + patient);
					});
		});
	}

	@Test
	void aRequestWithoutAValidTokenIsRecordedForThePatientItAskedFor() throws Exception {
		String patient = client().create().resource(RegistryRecords.patient("Knocked", "2018-04-05")).execute().getId().getIdPart();
		HttpClient http = HttpClient.newHttpClient();
		for (String authorization : new String[] {null, "Bearer not-a-token"}) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/Patient/" + patient));
			if (authorization != null) {
				request.header("Authorization", authorization);
			}
			assertThat(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
		}

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			Bundle trail = client().search().byUrl("AuditEvent?patient=Patient/" + patient + "&outcome=4").returnBundle(Bundle.class).execute();
			assertThat(trail.getEntry()).hasSize(2).allSatisfy(entry -> {
				AuditEvent event = (AuditEvent) entry.getResource();
				assertThat(event.getOutcomeDesc()).startsWith("401");
				assertThat(event.getAgentFirstRep().hasWho()).isFalse();
				assertThat(event.getEntityFirstRep().getWhat().getReference()).isEqualTo("Patient/" + patient);
			});
		});
	}

	@Test
	void anUnknownPatientIsNamedByIdentifierAndARefusalIsRecorded() {
		IGenericClient provider = provider();
		provider.search().byUrl("Immunization?patient=Patient/no-such-patient").returnBundle(Bundle.class).execute();
		Immunization unknownVaccine = RegistryRecords.immunization("Patient/no-such-patient", "08", "2020-01-01");
		assertThatThrownBy(() -> provider.create().resource(unknownVaccine).execute()).isInstanceOf(BaseServerResponseException.class);

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			List<AuditEvent> events = eventsOf(subject);
			assertThat(events).extracting(AuditEvent::getOutcome)
					.containsExactlyInAnyOrder(AuditEvent.AuditEventOutcome._0, AuditEvent.AuditEventOutcome._4);
			AuditEvent search = events.stream().filter(event -> event.getOutcome() == AuditEvent.AuditEventOutcome._0).findFirst().orElseThrow();
			assertThat(search.getEntityFirstRep().getWhat().hasReference()).isFalse();
			assertThat(search.getEntityFirstRep().getWhat().getIdentifier().getValue()).isEqualTo("no-such-patient");
		});
	}

	@Test
	void aRefusedWriteIsRecordedForTheStoredPatientItsBodyNames() {
		IGenericClient provider = provider();
		String patient = provider.create().resource(RegistryRecords.patient("Refused", "2021-06-07")).execute().getId().getIdPart();
		Immunization unknownVaccine = RegistryRecords.immunization("Patient/" + patient, "99999", "2022-01-01");
		assertThatThrownBy(() -> provider.create().resource(unknownVaccine).execute()).isInstanceOf(BaseServerResponseException.class);
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		transaction.addEntry().setResource(unknownVaccine).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Immunization");
		assertThatThrownBy(() -> provider.transaction().withBundle(transaction).execute()).isInstanceOf(BaseServerResponseException.class);

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			List<AuditEvent> refused = eventsOf(subject).stream()
					.filter(event -> event.getOutcome() != AuditEvent.AuditEventOutcome._0).toList();
			assertThat(refused).hasSize(2).allSatisfy(event ->
					assertThat(event.getEntityFirstRep().getWhat().getReference()).isEqualTo("Patient/" + patient));
		});
	}

	@Test
	void aRequestAboutSeveralPatientsIsInEachPatientsAccountingAndNamesNoOther() {
		IGenericClient provider = provider();
		String first = provider.create().resource(RegistryRecords.patient("Sibling", "2020-03-04")).execute().getId().getIdPart();
		String second = provider.create().resource(RegistryRecords.patient("Sibling", "2022-05-06")).execute().getId().getIdPart();
		provider.search().byUrl("Patient?_id=" + first + "," + second).returnBundle(Bundle.class).execute();

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			for (String patient : List.of(first, second)) {
				List<AuditEvent> searches = eventsOf(subject).stream()
						.filter(event -> event.getAction() == AuditEvent.AuditEventAction.E)
						.filter(event -> event.getEntity().stream().anyMatch(entity -> entity.getWhat().getReference() != null
								&& entity.getWhat().getReference().equals("Patient/" + patient)))
						.toList();
				assertThat(searches).singleElement().satisfies(event -> assertThat(event.getEntity())
						.extracting(entity -> entity.getWhat().getReference()).containsOnly("Patient/" + patient, null));
			}
		});
	}

	@Test
	void aPatientPagesThroughTheirAccountingAndReadsEachEventWhileAnotherPatientsAnswersLikeAnUnknownId() {
		IGenericClient provider = provider();
		String patient = provider.create().resource(RegistryRecords.patient("Paged", "2017-08-09")).execute().getId().getIdPart();
		String other = provider.create().resource(RegistryRecords.patient("Other", "2017-08-10")).execute().getId().getIdPart();
		for (int i = 0; i < 5; i++) {
			provider.read().resource(Patient.class).withId(patient).execute();
		}
		provider.read().resource(Patient.class).withId(other).execute();
		IGenericClient self = client(TestTokens.as("patient").patients(patient).scopes("patient/*.rs").mint());

		// oldest first: the patient's own searches add events at the end while it pages
		List<AuditEvent> events = new ArrayList<>();
		Bundle page = self.search().byUrl("AuditEvent?patient=Patient/" + patient + "&_sort=date&_count=2").returnBundle(Bundle.class).execute();
		while (true) {
			assertThat(page.getEntry()).hasSizeLessThanOrEqualTo(2);
			page.getEntry().forEach(entry -> events.add((AuditEvent) entry.getResource()));
			if (page.getLink(Bundle.LINK_NEXT) == null) {
				break;
			}
			page = self.loadPage().next(page).execute();
		}
		// the five reads (and its creation) each once, and the patient's own searches
		assertThat(events).extracting(event -> event.getIdElement().getIdPart()).doesNotHaveDuplicates();
		assertThat(events).filteredOn(event -> event.getAction() == AuditEvent.AuditEventAction.R).hasSize(5);
		assertThat(events).extracting(AuditEvent::getAction).containsOnly(AuditEvent.AuditEventAction.C,
				AuditEvent.AuditEventAction.R, AuditEvent.AuditEventAction.E);
		AuditEvent firstRead = events.stream().filter(event -> event.getAction() == AuditEvent.AuditEventAction.R).findFirst().orElseThrow();
		AuditEvent read = self.read().resource(AuditEvent.class).withId(firstRead.getIdElement().getIdPart()).execute();
		assertThat(read.getAction()).isEqualTo(AuditEvent.AuditEventAction.R);
		assertThat(read.getEntityFirstRep().getWhat().getReference()).isEqualTo("Patient/" + patient);

		String othersEvent = client().search().byUrl("AuditEvent?patient=Patient/" + other + "&action=R").returnBundle(Bundle.class)
				.execute().getEntryFirstRep().getResource().getIdElement().getIdPart();
		String unknownId = UUID.randomUUID().toString();
		BaseServerResponseException hidden = catchThrowableOfType(
				() -> self.read().resource(AuditEvent.class).withId(othersEvent).execute(), BaseServerResponseException.class);
		BaseServerResponseException unknown = catchThrowableOfType(
				() -> self.read().resource(AuditEvent.class).withId(unknownId).execute(), BaseServerResponseException.class);
		// refused alike (403: not about a patient it acts for), naming nothing of the other patient
		assertThat(hidden.getStatusCode()).isEqualTo(403).isEqualTo(unknown.getStatusCode());
		assertThat(hidden.getMessage().replace(othersEvent, "{id}")).doesNotContain(other)
				.isEqualTo(unknown.getMessage().replace(unknownId, "{id}"));
	}
}
