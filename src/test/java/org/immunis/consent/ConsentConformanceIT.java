package org.immunis.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ImmunizationEvaluation;
import org.hl7.fhir.r4.model.Parameters;
import org.immunis.RegistryIntegrationTest;
import org.immunis.consent.ConsentFixture.Kind;
import org.immunis.consent.ConsentFixture.State;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The consent conformance suite: requester kind x read path x patient state. For each cell, exactly the records the
 * requester may see come back and nothing else; a hidden record answers exactly as an unknown id does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsentConformanceIT extends RegistryIntegrationTest {

	private ConsentFixture fixture;

	@BeforeAll
	void registry() {
		fixture = new ConsentFixture(baseUrl(), fhirContext);
	}

	Stream<Arguments> cells() {
		List<Arguments> cells = new ArrayList<>();
		for (Kind kind : Kind.values()) {
			for (State state : State.values()) {
				cells.add(Arguments.of(kind, state));
			}
		}
		return cells.stream();
	}

	Stream<Arguments> cellsButTheAdmin() {
		return cells().filter(cell -> cell.get()[0] != Kind.ADMIN);
	}

	@ParameterizedTest(name = "{0} reads the records of a patient {1}")
	@MethodSource("cells")
	void read(Kind kind, State state) {
		ConsentHttp http = fixture.http(kind, state);
		for (String id : fixture.records.get(state).all()) {
			ConsentHttp.Answer answer = http.get(id);
			if (fixture.visible(kind, state).contains(id)) {
				assertThat(answer.status()).as(id + " " + answer.body()).isEqualTo(200);
				assertThat(answer.resource().getIdElement().toUnqualifiedVersionless().getValue()).isEqualTo(id);
			} else {
				assertLikeUnknown(http, id, answer, "");
			}
		}
	}

	@ParameterizedTest(name = "{0} reads versions and history of a patient {1}")
	@MethodSource("cells")
	void vreadAndInstanceHistory(Kind kind, State state) {
		ConsentHttp http = fixture.http(kind, state);
		for (String id : fixture.records.get(state).all()) {
			ConsentHttp.Answer version = http.get(id + "/_history/1");
			ConsentHttp.Answer history = http.get(id + "/_history");
			if (fixture.visible(kind, state).contains(id)) {
				assertThat(version.status()).as(version.body()).isEqualTo(200);
				assertThat(history.status()).as(history.body()).isEqualTo(200);
				assertThat(history.ids()).containsOnly(id);
			} else {
				assertLikeUnknown(http, id, version, "/_history/1");
				assertLikeUnknown(http, id, history, "/_history");
			}
		}
	}

	@ParameterizedTest(name = "{0} forecasts a patient {1}")
	@MethodSource("cells")
	void forecastCountsOnlyTheVisibleShots(Kind kind, State state) {
		ConsentFixture.Cell cell = fixture.cell(kind, state);

		ConsentHttp.Answer answer = cell.http().get(cell.records().patient() + "/$immds-forecast");
		if (cell.visible().contains(cell.records().patient())) {
			assertThat(answer.status()).as(answer.body()).isEqualTo(200);
			Set<String> counted = new HashSet<>();
			((Parameters) answer.resource()).getParameter().stream()
					.filter(parameter -> parameter.getName().equals("evaluation"))
					.forEach(parameter -> counted.add(
							((ImmunizationEvaluation) parameter.getResource()).getImmunizationEvent().getReference()));
			assertThat(counted).isEqualTo(only(cell.visible(), "Immunization/"));
		} else {
			assertLikeUnknown(cell.http(), cell.records().patient(), answer, "/$immds-forecast");
		}
	}

	@ParameterizedTest(name = "{0} searches the records of a patient {1}")
	@MethodSource("cells")
	void search(Kind kind, State state) {
		ConsentFixture.Cell cell = fixture.cell(kind, state);

		assertThat(ids(cell.http(), "Immunization?patient=" + cell.records().patient()))
				.isEqualTo(only(cell.visible(), "Immunization/"));
		assertThat(ids(cell.http(), "Patient?_id=" + id(cell.records().patient())))
				.isEqualTo(only(cell.visible(), "Patient/"));
		assertThat(ids(cell.http(), "Immunization?patient=" + cell.records().patient() + "&_elements=vaccineCode&_count=1"))
				.isSubsetOf(only(cell.visible(), "Immunization/"));
		if (kind != Kind.ADMIN) {
			// a total would count records the requester may not see
			assertThat(cell.http().get("Immunization?patient=" + cell.records().patient()).bundle().hasTotal()).isFalse();
		}
	}

	@ParameterizedTest(name = "{0} includes the records of a patient {1}")
	@MethodSource("cells")
	void includesAndRevincludes(Kind kind, State state) {
		ConsentFixture.Cell cell = fixture.cell(kind, state);

		assertThat(ids(cell.http(), "Immunization?patient=" + cell.records().patient() + "&_include=Immunization:patient"))
				.isEqualTo(cell.visible());
		assertThat(ids(cell.http(), "Patient?_id=" + id(cell.records().patient()) + "&_revinclude=Immunization:patient"))
				.isEqualTo(cell.visible().contains(cell.records().patient()) ? cell.visible() : Set.of());
		assertThat(ids(cell.http(), "Immunization?patient=" + cell.records().patient()
				+ "&_include=Immunization:patient&_revinclude:iterate=Immunization:patient")).isEqualTo(cell.visible());
	}

	@ParameterizedTest(name = "{0} searches a patient {1} in a batch")
	@MethodSource("cells")
	void batchSearchEntry(Kind kind, State state) {
		ConsentFixture.Cell cell = fixture.cell(kind, state);

		ConsentHttp.Answer search = cell.http().post("", batch("Immunization?patient=" + cell.records().patient()));
		assertThat(search.status()).as(search.body()).isEqualTo(200);
		Bundle.BundleEntryComponent entry = search.bundle().getEntryFirstRep();
		Set<String> found = new HashSet<>();
		((Bundle) entry.getResource()).getEntry().forEach(e -> found.add(e.getResource().getIdElement().toUnqualifiedVersionless().getValue()));
		assertThat(found).isEqualTo(only(cell.visible(), "Immunization/"));
	}

	@ParameterizedTest(name = "{0} reads, vreads and reads the history of a patient {1} in a batch, entry by entry")
	@MethodSource("cells")
	void batchReadEntries(Kind kind, State state) {
		ConsentFixture.Cell cell = fixture.cell(kind, state);
		String unknownId = "Immunization/unknown-" + UUID.randomUUID();
		List<String> ids = new ArrayList<>(cell.records().all());
		// each record's read, then its first version, then its history
		List<String> urls = new ArrayList<>(ids);
		ids.forEach(id -> urls.add(id + "/_history/1"));
		ids.forEach(id -> urls.add(id + "/_history"));
		urls.add(unknownId);
		ConsentHttp.Answer reads = cell.http().post("", batch(urls.toArray(String[]::new)));
		assertThat(reads.status()).as(reads.body()).isEqualTo(200);
		List<Bundle.BundleEntryComponent> entries = reads.bundle().getEntry();
		Bundle.BundleEntryComponent unknown = entries.get(entries.size() - 1);
		// 404, or 403 for a patient: an id outside their own records is refused before anything is looked up
		assertThat(unknown.getResponse().getStatus()).startsWith(kind == Kind.PATIENT ? "403" : "404");
		for (int i = 0; i < urls.size() - 1; i++) {
			String id = ids.get(i % ids.size());
			Bundle.BundleEntryComponent read = entries.get(i);
			if (cell.visible().contains(id)) {
				assertThat(read.getResponse().getStatus()).as(urls.get(i)).startsWith("200");
				IBaseResource answer = read.getResource() instanceof Bundle history
						? history.getEntryFirstRep().getResource() : read.getResource();
				assertThat(answer.getIdElement().toUnqualifiedVersionless().getValue()).isEqualTo(id);
			} else {
				assertThat(read.getResponse().getStatus()).as(urls.get(i)).isEqualTo(unknown.getResponse().getStatus());
				assertThat(outcomeOf(read).replace(id, "X")).isEqualTo(outcomeOf(unknown).replace(unknownId, "X"));
			}
		}
	}

	private String outcomeOf(Bundle.BundleEntryComponent entry) {
		return fhirContext.newJsonParser().encodeResourceToString(entry.getResponse().getOutcome());
	}

	@ParameterizedTest(name = "{0} fetches pages of a search the admin made, patient {1}")
	@MethodSource("cells")
	void pagesOfSomeoneElsesSearch(Kind kind, State state) {
		ConsentFixture.Records records = fixture.records.get(state);
		Set<String> seen = fetchPagesOfTheAdmins(
				"Immunization?patient=" + records.patient() + "&_count=1&_sort=_id&_include=Immunization:patient", kind, state);
		assertThat(seen).isSubsetOf(fixture.visible(kind, state));
	}

	@ParameterizedTest(name = "{0} fetches pages of a history the admin asked for")
	@EnumSource(value = Kind.class, names = {"ADMIN"}, mode = EnumSource.Mode.EXCLUDE)
	void pagesOfSomeoneElsesHistory(Kind kind) {
		Set<String> seen = fetchPagesOfTheAdmins("Immunization/_history?_count=6", kind, State.OBJECTING);
		Set<String> hidden = new HashSet<>();
		for (State state : State.values()) {
			hidden.addAll(fixture.hidden(kind, state));
		}
		assertThat(seen).noneMatch(hidden::contains);
	}

	/** The ids on the first two pages of the admin's request, fetched by the next link the admin was given. */
	private Set<String> fetchPagesOfTheAdmins(String request, Kind kind, State state) {
		ConsentHttp admin = fixture.http(Kind.ADMIN, state);
		Bundle first = admin.get(request).bundle();
		assertThat(first.getLink("next")).isNotNull();

		ConsentHttp http = fixture.http(kind, state);
		Set<String> seen = new HashSet<>();
		String next = first.getLink("next").getUrl();
		String firstPage = next.replaceAll("_getpagesoffset=\\d+", "_getpagesoffset=0").replaceAll("_offset=\\d+", "_offset=0");
		for (String page : List.of(firstPage, next)) {
			ConsentHttp.Answer answer = http.getAbsolute(page);
			if (answer.status() == 200) {
				seen.addAll(answer.ids());
			} else {
				assertThat(answer.status()).as(answer.body()).isIn(403, 404, 410);
			}
		}
		return seen;
	}

	@ParameterizedTest(name = "{0} pages through patient {1}''s immunizations, with and without Cache-Control: no-store")
	@MethodSource("cells")
	void everyPageIsFullAndNoNextLinkLeadsOnlyToHiddenRecords(Kind kind, State state) {
		ConsentFixture.Records records = fixture.records.get(state);
		Set<String> visible = only(fixture.visible(kind, state), "Immunization/");
		ConsentHttp http = fixture.http(kind, state);
		// HAPI answers the admin's no-store search with one page and no next link; for everyone else the header is ignored
		for (boolean noStore : kind == Kind.ADMIN ? List.of(false) : List.of(false, true)) {
			ConsentHttp.Answer answer = noStore
					? http.get("Immunization?patient=" + records.patient() + "&_count=1", "Cache-Control", "no-store")
					: http.get("Immunization?patient=" + records.patient() + "&_count=1");
			if (answer.status() != 200) {
				assertThat(answer.status()).as(answer.body()).isEqualTo(403);
				continue;
			}
			List<Integer> pageSizes = new ArrayList<>();
			Set<String> seen = new HashSet<>();
			while (true) {
				pageSizes.add(answer.bundle().getEntry().size());
				seen.addAll(answer.ids());
				Bundle.BundleLinkComponent next = answer.bundle().getLink("next");
				if (next == null) {
					break;
				}
				answer = http.getAbsolute(next.getUrl());
				assertThat(answer.status()).as(answer.body()).isEqualTo(200);
			}
			assertThat(seen).as("no-store " + noStore).isEqualTo(visible);
			assertThat(pageSizes).as("no-store " + noStore).isEqualTo(visible.isEmpty() ? List.of(0) : Collections.nCopies(visible.size(), 1));
		}
	}

	@ParameterizedTest(name = "{0} asks for _count=0 on patient {1}''s immunizations: no count, no link")
	@MethodSource("cellsButTheAdmin")
	void aZeroPageCountsNothing(Kind kind, State state) {
		ConsentHttp.Answer answer = fixture.http(kind, state).get("Immunization?patient=" + fixture.records.get(state).patient() + "&_count=0");
		if (answer.status() == 200) {
			assertThat(answer.bundle().hasTotal()).as(answer.body()).isFalse();
			assertThat(answer.bundle().getEntry()).isEmpty();
			assertThat(answer.bundle().getLink("next")).isNull();
		} else {
			assertThat(answer.status()).as(answer.body()).isIn(400, 403);
		}
	}

	@ParameterizedTest(name = "{0}: _offset paging is refused")
	@EnumSource(value = Kind.class, names = {"ADMIN"}, mode = EnumSource.Mode.EXCLUDE)
	void offsetPagingIsRefused(Kind kind) {
		ConsentHttp.Answer answer = fixture.http(kind).get("Immunization?patient=" + fixture.records.get(State.OBJECTING).patient() + "&_offset=0&_count=1");
		assertThat(answer.status()).as(answer.body()).isEqualTo(400);
		assertThat(answer.body()).contains("_offset");
	}

	@ParameterizedTest(name = "{0}: type history shows no hidden record")
	@EnumSource(value = Kind.class, names = {"PATIENT"}, mode = EnumSource.Mode.EXCLUDE)
	void typeHistory(Kind kind) {
		ConsentHttp http = fixture.http(kind);
		Set<String> shown = new HashSet<>();
		for (String type : List.of("Immunization", "Patient")) {
			ConsentHttp.Answer answer = http.get(type + "/_history?_count=200");
			if (answer.status() == 200) {
				shown.addAll(answer.ids());
			} else {
				assertThat(answer.status()).isEqualTo(403);
			}
		}
		for (State state : State.values()) {
			fixture.hidden(kind, state).forEach(hidden -> assertThat(shown).doesNotContain(hidden));
		}
	}

	@ParameterizedTest(name = "{0}: SQL-side oracles are refused")
	@EnumSource(value = Kind.class, names = {"ADMIN"}, mode = EnumSource.Mode.EXCLUDE)
	void oraclePathsAreRefused(Kind kind) {
		ConsentHttp http = fixture.http(kind);
		String patient = fixture.records.get(State.OBJECTING).patient();
		for (String path : List.of(
				"Patient?_id=" + id(patient) + "&_has:Immunization:patient:vaccine-code=03",
				"Immunization?patient=" + patient + "&patient.name=ConsentOBJECTING",
				"Immunization?patient=" + patient + "&patient:Patient.birthdate=2015-03-02",
				"Immunization?patient=" + patient + "&_summary=count",
				"Immunization?patient=" + patient + "&_total=accurate",
				"Immunization?patient=" + patient + "&_filter=status%20eq%20completed")) {
			ConsentHttp.Answer answer = http.get(path);
			assertThat(answer.status()).as(path + " " + answer.body()).isIn(400, 403);
		}
		// bulk export ($export) is decided record by record: org.immunis.bulk.BulkExportIT
		for (String path : List.of(patient + "/$everything", "Patient/$everything", patient + "/$meta", "$meta", "$graphql",
				"_history")) {
			ConsentHttp.Answer answer = http.get(path);
			assertThat(answer.status()).as(path + " " + answer.body()).isIn(400, 403, 404);
			assertThat(answer.body()).doesNotContain(id(patient) + "\"");
		}
	}

	@ParameterizedTest(name = "{0}: conditional writes are no existence oracle")
	@EnumSource(value = Kind.class, names = {"ADMIN"}, mode = EnumSource.Mode.EXCLUDE)
	void conditionalWritesAreRefused(Kind kind) {
		ConsentHttp http = fixture.http(kind);
		String patient = fixture.records.get(State.OBJECTING).patient();
		String immunization = fixture.json(org.immunis.fhir.RegistryRecords.immunization(patient, "03", "2017-01-01"));
		assertThat(http.post("Immunization", immunization, "If-None-Exist", "patient=" + patient).status()).isEqualTo(403);
		assertThat(http.put("Immunization?patient=" + patient, immunization).status()).isIn(400, 403);
		assertThat(http.delete("Immunization?patient=" + patient).status()).isIn(400, 403);
		String conditionalReference = immunization.replace(patient, "Patient?_id=" + id(patient));
		assertThat(http.post("Immunization", conditionalReference).status()).isIn(400, 403);
		String transaction = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"resource\":" + immunization
				+ ",\"request\":{\"method\":\"POST\",\"url\":\"Immunization\",\"ifNoneExist\":\"patient=" + patient + "\"}}]}";
		assertThat(http.post("", transaction).status()).isEqualTo(403);
	}

	private void assertLikeUnknown(ConsentHttp http, String id, ConsentHttp.Answer answer, String tail) {
		String type = id.substring(0, id.indexOf('/'));
		String unknownId = type + "/unknown-" + UUID.randomUUID();
		ConsentHttp.Answer unknown = http.get(unknownId + tail);
		assertThat(answer.status()).as(id + tail + " " + answer.body()).isEqualTo(404).isEqualTo(unknown.status());
		assertThat(answer.diagnostics().replace(id, "X")).isEqualTo(unknown.diagnostics().replace(unknownId, "X"));
	}

	private static Set<String> ids(ConsentHttp http, String path) {
		ConsentHttp.Answer answer = http.get(path);
		assertThat(answer.status()).as(path + " " + answer.body()).isEqualTo(200);
		return answer.ids();
	}

	private static Set<String> only(Set<String> ids, String prefix) {
		Set<String> only = new HashSet<>();
		ids.stream().filter(id -> id.startsWith(prefix)).forEach(only::add);
		return only;
	}

	private static String id(String reference) {
		return reference.substring(reference.indexOf('/') + 1);
	}

	private static String batch(String... urls) {
		return Stream.of(urls).map(url -> "{\"request\":{\"method\":\"GET\",\"url\":\"" + url + "\"}}")
				.collect(Collectors.joining(",", "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[", "]}"));
	}
}
