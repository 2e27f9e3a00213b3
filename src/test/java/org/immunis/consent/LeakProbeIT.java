package org.immunis.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.immunis.RegistryIntegrationTest;
import org.immunis.consent.ProbeRegistry.Kind;
import org.immunis.consent.ProbeRegistry.PatientRecords;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The privacy guarantee probed as an outside auditor would: a registry drawn at random (the seed is printed; rerun one
 * with {@code -Dleak-probe.seed=N}), every requester kind, and every read path and operation the server serves, in JSON
 * and in XML. What a requester may not read (its read answers other than 200) must not appear anywhere in any answer,
 * headers included, and a hidden record must answer exactly like one that never existed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeakProbeIT extends RegistryIntegrationTest {

	private static final List<String> FORMATS = List.of("json", "xml");
	private static final int MAX_PAGES = 6;

	/** Every type the server serves over REST (config/application.yaml), each searched whole by every requester. */
	private static final List<String> SERVED_TYPES = List.of("Patient", "Immunization", "Consent", "Organization",
			"Practitioner", "PractitionerRole", "Location", "RelatedPerson", "Group", "Provenance", "AuditEvent",
			"ImmunizationRecommendation", "ImmunizationEvaluation", "Condition", "Binary");
	/** Of the requests about one record, how many besides its read each requester sends (drawn anew per seed). */
	private static final int TEMPLATES_PER_RECORD = 2;
	/** How many of the records hidden from a requester are compared with unknown ones on every request about them. */
	private static final int HIDDEN_COMPARED = 4;

	private final HttpClient http = HttpClient.newHttpClient();
	private final Map<Kind, Set<String>> hiddenByKind = new EnumMap<>(Kind.class);
	private ProbeRegistry registry;
	private long seed;

	@BeforeAll
	void drawARegistry() {
		seed = Long.getLong("leak-probe.seed", new Random().nextLong());
		System.out.println("LeakProbeIT seed: " + seed + " (rerun with -Dleak-probe.seed=" + seed + ")");
		registry = new ProbeRegistry(baseUrl(), fhirContext, new Random(seed));
	}

	@ParameterizedTest(name = "{0}: no hidden record in any answer")
	@EnumSource(Kind.class)
	void noAnswerCarriesAHiddenRecord(Kind kind) {
		Set<String> hidden = hiddenFrom(kind);
		List<String> leaks = new ArrayList<>();
		Random formats = new Random(seed);
		for (Probe probe : probes(new Random(seed + kind.ordinal()))) {
			// every probe in JSON, a third of them (drawn) in XML as well
			for (String format : formats.nextInt(3) == 0 ? FORMATS : List.of("json")) {
				ProbeAnswer answer = send(kind, probe.withFormat(format));

				Set<String> named = probe.naming(hidden);
				leaks.addAll(answer.carrying(hidden, named, probe.describe(format)));
				if ("json".equals(format)) {
					for (ProbeAnswer page : laterPages(kind, answer)) {
						leaks.addAll(page.carrying(hidden, named, probe.describe(format) + " (a later page)"));
					}
				}
			}
		}
		assertThat(leaks).as("seed " + seed).isEmpty();
	}

	@ParameterizedTest(name = "{0}: a hidden record answers like an unknown one")
	@EnumSource(Kind.class)
	void aHiddenRecordAnswersLikeAnUnknownOne(Kind kind) {
		List<String> differences = new ArrayList<>();
		List<String> compared = new ArrayList<>(hiddenFrom(kind));
		Collections.shuffle(compared, new Random(seed + kind.ordinal()));
		for (String hiddenRecord : compared.subList(0, Math.min(HIDDEN_COMPARED, compared.size()))) {
			String type = hiddenRecord.substring(0, hiddenRecord.indexOf('/'));
			String unknownRecord = type + "/" + UUID.randomUUID();
			for (String template : recordTemplates(type)) {
				for (String format : template.equals("{id}") ? FORMATS : List.of("json")) {
					Probe hiddenProbe = Probe.get(fill(template, hiddenRecord)).withFormat(format);
					Probe unknownProbe = Probe.get(fill(template, unknownRecord)).withFormat(format);
					ProbeAnswer whenHidden = send(kind, hiddenProbe);
					ProbeAnswer whenUnknown = send(kind, unknownProbe);
					whenHidden.differenceFrom(hiddenRecord, whenUnknown, unknownRecord)
							.ifPresent(difference -> differences.add(hiddenProbe.describe(format) + ": " + difference));
				}
			}
		}
		assertThat(differences).as("seed " + seed).isEmpty();
	}

	/** What this requester may not read, by the server's own read answers; at least what the objection hides. */
	private Set<String> hiddenFrom(Kind kind) {
		return hiddenByKind.computeIfAbsent(kind, this::readAsRequester);
	}

	private Set<String> readAsRequester(Kind kind) {
		Set<String> hidden = new LinkedHashSet<>();
		for (String record : registry.allRecords()) {
			if (send(kind, Probe.get(record)).status() != 200) {
				hidden.add(record);
			}
		}
		assertThat(hidden).as("seed " + seed + ": what the objection hides from " + kind).containsAll(registry.mustBeHidden(kind));
		assertThat(registry.allRecords()).as("seed " + seed + ": " + kind + " may read something").isNotEqualTo(List.copyOf(hidden));
		return hidden;
	}

	/** The requests about one record: {id} stands for {@code Type/id}, {idpart} for the id alone. */
	private static List<String> recordTemplates(String type) {
		List<String> templates = new ArrayList<>(List.of("{id}", "{id}/_history", "{id}/_history/1", "{id}/_history/2",
				type + "?_id={idpart}", type + "?_id={idpart}&_include=*&_revinclude=*", "Provenance?target={id}"));
		if ("Patient".equals(type)) {
			templates.addAll(List.of("Immunization?patient={id}", "Immunization?patient={id}&_include=Immunization:patient",
					"Patient?_id={idpart}&_revinclude=Immunization:patient", "{id}/$immds-forecast", "{id}/$everything",
					"AuditEvent?patient={id}", "Consent?patient={id}", "RelatedPerson?patient={id}",
					"ImmunizationRecommendation?patient={id}", "ImmunizationEvaluation?patient={id}", "Condition?patient={id}",
					"Condition?patient={id}&_include=Condition:subject", "Group?member={id}",
					"Immunization?patient={id}&_summary=count", "Immunization?patient={id}&_total=accurate",
					"{id}/$health-cards-issue", "{id}/$printable-record", "{id}/$meta", "{id}/$diff", "{id}/$merge"));
		}
		if ("Immunization".equals(type)) {
			templates.add("Patient?_has:Immunization:patient:_id={idpart}");
		}
		return templates;
	}

	/** Every read path and operation, with a draw of the requests about each record (its read always among them). */
	private List<Probe> probes(Random draw) {
		List<Probe> probes = new ArrayList<>();
		for (String record : registry.allRecords()) {
			String type = record.substring(0, record.indexOf('/'));
			List<String> templates = new ArrayList<>(recordTemplates(type));
			probes.add(Probe.get(fill(templates.remove(0), record)));
			Collections.shuffle(templates, draw);
			templates.stream().limit(TEMPLATES_PER_RECORD).forEach(template -> probes.add(Probe.get(fill(template, record))));
			// validating a delete must not name the records that refer to this one
			probes.add(Probe.post(record + "/$validate?mode=delete", "{\"resourceType\":\"Parameters\"}"));
		}
		String since = URLEncoder.encode(registry.start.toString(), StandardCharsets.UTF_8);
		for (String type : SERVED_TYPES) {
			probes.add(Probe.get(type + "?_lastUpdated=gt" + since + "&_count=50"));
			probes.add(Probe.get(type + "?_lastUpdated=gt" + since + "&_include=*&_revinclude=*&_count=50"));
			probes.add(Probe.get(type + "/_history?_since=" + since + "&_count=50"));
		}
		// validating a new record, and operations at system and type level, registered or not
		probes.add(Probe.post("Immunization/$validate", registry.newDoseOf(registry.patients.get(0).patient())));
		probes.add(Probe.post("Immunization/$validate?mode=create", registry.newDoseOf(registry.patients.get(1).patient())));
		Stream.of("$meta", "Patient/$meta", "Patient/$everything", "$expunge", "$diff", "Patient/$merge", "$graphql", "$export",
						"Patient/$export", "Group/" + id(registry.roster) + "/$export", "Group/" + id(registry.roster) + "/$everything")
				.forEach(path -> probes.add(Probe.get(path)));
		String family = registry.family;
		Stream.of(
						"Patient?family=" + family, "Patient?family=" + family + "&_summary=count",
						"Patient?family=" + family + "&_total=accurate&_count=1", "Patient?family=" + family + "&_elements=id,name",
						"Patient?family=" + family + "&_sort=-birthdate&_count=2", "Patient?family=" + family + "&_revinclude=*",
						"Patient?family=" + family + "&_revinclude=Immunization:patient&_revinclude=Consent:patient",
						"Patient?address-city=" + registry.town, "Patient?address-city=" + registry.town + "&_summary=count",
						"Immunization?patient.family=" + family, "Immunization?patient.family=" + family + "&_include=*&_count=3",
						"Immunization?patient.family=" + family + "&_summary=count", "Immunization?performer=Organization/" + registry.clinicA,
						"Condition?subject.family=" + family + "&_include=*", "Condition?code=http://snomed.info/sct|38907003",
						"RelatedPerson?name=" + family, "RelatedPerson?name=" + family + "&_include=RelatedPerson:patient",
						registry.roster, "Group?_id=" + id(registry.roster) + "&_include=Group:member",
						"Patient?_has:Group:member:_id=" + id(registry.roster), "Provenance?_lastUpdated=gt" + since + "&_include=*",
						"Consent?_lastUpdated=gt" + since, "Patient?_content=" + family, "Patient?_text=" + family,
						"Immunization?patient.family=" + family + "&_revinclude:iterate=Provenance:target&_include:iterate=*",
						"Patient?family=" + family + "&_has:Consent:patient:status=active",
						"Patient?family=" + family + "&_has:Immunization:patient:performer=Organization/" + registry.clinicB,
						"Patient?family=" + family + "&_summary=data", "Patient?family=" + family + "&_summary=text",
						"AuditEvent?entity=" + registry.patients.get(1).patient(), "AuditEvent?_lastUpdated=gt" + since + "&_elements=entity",
						"Group?managing-entity=Organization/" + registry.school, "AuditEvent?_lastUpdated=gt" + since + "&_count=50",
						"Patient/_history?_since=" + since + "&_count=50", "Immunization/_history?_since=" + since + "&_count=50",
						"Consent/_history?_since=" + since, "RelatedPerson/_history?_since=" + since, "Group/_history?_since=" + since,
						"_history?_since=" + since + "&_count=50",
						"Measure/measles-immunity/$evaluate-measure?periodStart=2016-01-01&periodEnd=2026-12-31&town=" + registry.town,
						"Measure/measles-immunity/$evaluate-measure?periodStart=2016-01-01&periodEnd=2026-12-31&town=" + registry.town
								+ "&reportType=subject-list",
						"Measure/measles-immunity/$evaluate-measure?periodStart=2016-01-01&periodEnd=2026-12-31&subject="
								+ registry.roster + "&reportType=subject-list")
				.forEach(path -> probes.add(Probe.get(path)));
		for (String organization : List.of(registry.clinicA, registry.clinicB, registry.school, registry.board)) {
			probes.add(Probe.post("Organization/" + organization + "/$validate?mode=delete",
					"{\"resourceType\":\"Parameters\"}"));
			probes.add(Probe.get("Organization/" + organization + "/_history"));
		}
		probes.add(new Probe("Patient/_search", "family=" + family + "&_revinclude=*", "application/x-www-form-urlencoded", false));
		probes.add(Probe.post("", registry.allRecords().stream()
				.flatMap(record -> Stream.of(record, record + "/_history", "Provenance?target=" + record))
				.map(url -> "{\"request\":{\"method\":\"GET\",\"url\":\"" + url + "\"}}")
				.collect(Collectors.joining(",", "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[", "]}"))));
		for (PatientRecords patient : registry.patients) {
			probes.add(Probe.post("Patient/$immds-forecast", "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"patient\","
					+ "\"valueReference\":{\"reference\":\"" + patient.patient() + "\"}}]}"));
		}
		return probes;
	}

	private static String fill(String template, String record) {
		return template.replace("{idpart}", id(record)).replace("{id}", record);
	}

	private List<ProbeAnswer> laterPages(Kind kind, ProbeAnswer first) {
		List<ProbeAnswer> pages = new ArrayList<>();
		ProbeAnswer page = first;
		while (pages.size() < MAX_PAGES) {
			String next = page.nextLink();
			if (next == null) {
				break;
			}
			page = send(kind, Probe.absolute(next));
			pages.add(page);
		}
		return pages;
	}

	private ProbeAnswer send(Kind kind, Probe probe) {
		String url = probe.absolute ? probe.path : baseUrl() + (probe.path.isEmpty() ? "" : "/" + probe.path);
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.replace("|", "%7C")))
				.header("Authorization", "Bearer " + registry.token(kind));
		if (probe.body != null) {
			request.header("Content-Type", probe.contentType).POST(HttpRequest.BodyPublishers.ofString(probe.body));
		}
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			// a token the server does not take would make every answer alike: the probe would prove nothing
			assertThat(response.statusCode()).as("seed " + seed + ": " + kind + " " + probe.path).isNotEqualTo(401);
			String headers = response.headers().map().entrySet().stream()
					.filter(header -> !header.getKey().equalsIgnoreCase("date"))
					.map(header -> header.getKey() + ": " + String.join(",", header.getValue()))
					.collect(Collectors.joining("\n"));
			return new ProbeAnswer(response.statusCode(), headers, response.body());
		} catch (IOException | InterruptedException e) {
			throw new IllegalStateException(probe.path, e);
		}
	}

	static String id(String reference) {
		return reference.substring(reference.indexOf('/') + 1);
	}

	private record Probe(String path, String body, String contentType, boolean absolute) {

		static Probe get(String path) {
			return new Probe(path, null, null, false);
		}

		static Probe post(String path, String body) {
			return new Probe(path, body, "application/fhir+json", false);
		}

		static Probe absolute(String url) {
			return new Probe(url, null, null, true);
		}

		Probe withFormat(String format) {
			return new Probe(path + (path.contains("?") ? "&" : "?") + "_format=" + format, body, contentType, absolute);
		}

		/** The records of these the request itself names. */
		Set<String> naming(Set<String> records) {
			String request = path + (body == null ? "" : body);
			return records.stream()
					.filter(record -> Pattern.compile("(?<![A-Za-z0-9])(" + Pattern.quote(record) + "|_id=" + Pattern.quote(id(record))
							+ ")(?![A-Za-z0-9.\\-])").matcher(request).find())
					.collect(Collectors.toCollection(LinkedHashSet::new));
		}

		String describe(String format) {
			return (body == null ? "GET " : "POST ") + path + " [" + format + "]";
		}
	}
}
