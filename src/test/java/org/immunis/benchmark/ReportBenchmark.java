package org.immunis.benchmark;

import static org.immunis.benchmark.TransactionResponses.ok;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.MeasureReport;
import org.immunis.ImmunisApplication;
import org.immunis.TestTokens;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the registry on a fresh PostgreSQL, loads synthetic patients (15 towns), then times coverage reports
 * ({@code Measure/measles-immunity/$evaluate-measure}) state-wide and for one town, as the registry admin (no sharing
 * decision needed) and as a program or board of health (every patient and immunization decided). Prints patients per
 * second; then exports the same data (bulk export, every file downloaded) as the registry admin, as a program (every
 * record decided) and as the board (its jurisdiction Group), and prints resources per second. Asserts nothing. See
 * docs/benchmark.md.
 */
public final class ReportBenchmark {

	private static final String MEASURE = "Measure/measles-immunity/$evaluate-measure?periodStart=2026-01-01&periodEnd="
			+ LocalDate.now();
	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
	private final FhirContext fhirContext = FhirContext.forR4Cached();
	private final String baseUrl;
	private final String admin = bearer(TestTokens.as("registry-admin"));

	private ReportBenchmark(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public static void main(String[] args) throws Exception {
		try (ConfigurableApplicationContext server = new SpringApplicationBuilder(ImmunisApplication.class)
				.profiles("benchmark").run(Stream.concat(Stream.of("--server.port=0"), Stream.of(args)).toArray(String[]::new))) {
			String port = server.getEnvironment().getProperty("local.server.port");
			new ReportBenchmark("http://localhost:" + port + "/fhir").run();
		}
	}

	private void run() throws Exception {
		int patients = Integer.getInteger("benchmark.patients", 2_000);
		int rounds = Integer.getInteger("benchmark.rounds", 3);
		String provider = bearer(TestTokens.as("provider").organization("Organization/demo-clinic"));
		SyntheticRegistry registry = new SyntheticRegistry(42, LocalDate.now());
		List<String> bundles = Stream.generate(registry::nextPatient).limit(patients).map(SyntheticRegistry.PatientBundle::json).toList();
		long loadStart = System.nanoTime();
		load(bundles, provider, 2);
		System.out.printf("%n# coverage report benchmark%n%d patients loaded in %.0f s%n", patients,
				(System.nanoTime() - loadStart) / 1e9);
		String board = created(post("Organization", """
				{"resourceType":"Organization","name":"Boston Board of Health",\
				"type":[{"coding":[{"system":"http://immunis.org/fhir/CodeSystem/organization-role","code":"board-of-health"}]}],\
				"address":[{"city":"Boston"}]}""", admin));
		String program = bearer(TestTokens.as("public-health-program").organization(board));
		String boardToken = bearer(TestTokens.as("board-of-health").organization(board));

		System.out.println();
		System.out.println("| report | requester | patients counted | best of " + rounds + " s | patients/s |");
		System.out.println("| --- | --- | --- | --- | --- |");
		time("state-wide", "", "registry admin", admin, rounds);
		time("state-wide", "", "program", program, rounds);
		time("town (Boston)", "&town=Boston", "registry admin", admin, rounds);
		time("town (Boston)", "&town=Boston", "board of health", boardToken, rounds);
		time("town (Boston), subject-list", "&town=Boston&reportType=subject-list", "board of health", boardToken, rounds);

		// the same data as a bulk export (docs/bulk-export.md): kick-off, poll, every file downloaded
		BulkExportTiming bulk = new BulkExportTiming(http, baseUrl);
		System.out.println();
		System.out.println("| bulk export | requester | resources | s | resources/s |");
		System.out.println("| --- | --- | --- | --- | --- |");
		bulk.time("Patient/$export", "registry admin", admin);
		bulk.time("Patient/$export", "program (sharing decision on)", program);
		bulk.time("Group/" + jurisdiction(board) + "/$export", "board of health, jurisdiction", boardToken);
	}

	// the board's jurisdiction as a definitional Group (org.immunis.bulk.ExportGroup)
	private String jurisdiction(String board) throws Exception {
		return fhirContext.newJsonParser().parseResource(post("Group", """
				{"resourceType":"Group","type":"person","actual":false,"managingEntity":{"reference":"%s"},\
				"characteristic":[{"code":{"coding":[{"system":"http://immunis.org/fhir/CodeSystem/bulk-group","code":"jurisdiction"}]},\
				"valueReference":{"reference":"%s"},"exclude":false}]}""".formatted(board, board), admin)).getIdElement().getIdPart();
	}

	private void time(String report, String query, String who, String bearer, int rounds) throws Exception {
		double best = Double.MAX_VALUE;
		int counted = 0;
		for (int round = 0; round < rounds; round++) {
			long start = System.nanoTime();
			MeasureReport answer = (MeasureReport) fhirContext.newJsonParser().parseResource(get(MEASURE + query, bearer));
			best = Math.min(best, (System.nanoTime() - start) / 1e9);
			// the initial population of the admin's report; for others it may be withheld, so the larger of what is shown
			Integer count = answer.getGroupFirstRep().getPopulationFirstRep().getCountElement().getValue();
			counted = count == null ? counted : count;
		}
		System.out.printf("| %s | %s | %d | %.2f | %.0f |%n", report, who, counted, best, counted / best);
	}

	private void load(List<String> bundles, String bearer, int clients) throws Exception {
		AtomicInteger next = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		List<Future<?>> workers = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			workers.add(pool.submit(() -> {
				for (int index = next.getAndIncrement(); index < bundles.size(); index = next.getAndIncrement()) {
					post("", bundles.get(index), bearer);
				}
				return null;
			}));
		}
		for (Future<?> worker : workers) {
			worker.get();
		}
		pool.shutdown();
	}

	private String post(String path, String body, String bearer) throws Exception {
		return ok(http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/" + path)).header("Content-Type", "application/fhir+json")
				.header("Authorization", bearer).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
				HttpResponse.BodyHandlers.ofString()));
	}

	private String get(String path, String bearer) throws Exception {
		return ok(http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/" + path)).header("Accept", "application/fhir+json")
				.header("Authorization", bearer).GET().build(), HttpResponse.BodyHandlers.ofString()));
	}

	private String created(String body) {
		return "Organization/" + fhirContext.newJsonParser().parseResource(body).getIdElement().getIdPart();
	}

	private static String bearer(TestTokens requester) {
		return "Bearer " + requester.scopes("system/*.cruds").lifetime(Duration.ofHours(1)).mint();
	}
}
