package org.immunis.benchmark;

import static org.immunis.benchmark.TransactionResponses.ok;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.MeasureReport;
import org.immunis.ImmunisApplication;
import org.immunis.TestTokens;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

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
	// the tables a load writes, each with the column naming the resource a row belongs to
	private static final Map<String, String> STORED_ROWS = new TreeMap<>(Map.of("hfj_res_ver", "res_id", "hfj_res_link",
			"src_resource_id", "hfj_spidx_token", "res_id", "hfj_spidx_string", "res_id", "hfj_spidx_date", "res_id", "hfj_spidx_uri",
			"res_id", "hfj_spidx_number", "res_id", "hfj_spidx_quantity", "res_id"));
	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
	private final FhirContext fhirContext = FhirContext.forR4Cached();
	private final String baseUrl;
	private final String admin = bearer(TestTokens.as("registry-admin"));
	private final AtomicInteger loaded = new AtomicInteger();

	private ReportBenchmark(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public static void main(String[] args) throws Exception {
		int patients = Integer.getInteger("benchmark.patients", 2_000);
		Path data = Path.of("target/benchmark-data");
		Path seed = Path.of(System.getProperty("benchmark.seed", "target/report-seed-" + patients));
		if (!Files.isDirectory(seed.resolve("postgres"))) {
			seed(patients, seed, data, args);
		}
		// every run starts from a copy of the seeded database: the reports and exports of one run leave nothing for the next
		FileSystemUtils.deleteRecursively(data);
		FileSystemUtils.copyRecursively(seed, data);
		// PostgreSQL refuses a data directory others may read; a copy gets the default permissions
		Files.setPosixFilePermissions(data.resolve("postgres"), PosixFilePermissions.fromString("rwx------"));
		try (ConfigurableApplicationContext server = start(args, "--immunis.database.embedded.clean-on-start=false")) {
			new ReportBenchmark(baseUrl(server)).run();
		}
	}

	/**
	 * Loads the synthetic patients through the FHIR API (one transaction per patient, as a provider) into a fresh
	 * database and keeps a copy of it. Profile validation is off for this load only: it refuses records and changes none,
	 * and every synthetic record conforms, so what is stored is what a validating server stores (docs/benchmark.md).
	 */
	private static void seed(int patients, Path seed, Path data, String[] args) throws Exception {
		int clients = Integer.getInteger("benchmark.load-clients", 4);
		boolean validate = Boolean.getBoolean("benchmark.seed-validation");
		try (ConfigurableApplicationContext server = start(args, "--immunis.database.embedded.clean-on-start=true",
				"--immunis.validation.profiles=" + validate)) {
			ReportBenchmark benchmark = new ReportBenchmark(baseUrl(server));
			SyntheticRegistry registry = new SyntheticRegistry(42, LocalDate.now());
			List<String> bundles = Stream.generate(registry::nextPatient).limit(patients).map(SyntheticRegistry.PatientBundle::json).toList();
			long start = System.nanoTime();
			benchmark.load(bundles, bearer(TestTokens.as("provider").organization("Organization/demo-clinic")), clients);
			double seconds = (System.nanoTime() - start) / 1e9;
			System.out.printf("%n# seeding: %d patients (%d resources) loaded through the API in %.0f s, %.0f resources/s,"
					+ " %d clients, profile validation %s; load average %s%n", patients, benchmark.loaded.get(), seconds,
					benchmark.loaded.get() / seconds, clients, validate ? "on" : "off", loadAverage());
			printStored(server.getBean(DataSource.class));
		}
		FileSystemUtils.deleteRecursively(seed);
		FileSystemUtils.copyRecursively(data, seed);
	}

	// what the load stored, table by table: two seedings of the same patients store the same rows (docs/benchmark.md);
	// the AuditEvents are left out, as the audit writes them behind the requests and may not have caught up yet
	private static void printStored(DataSource database) throws SQLException {
		try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
			try (ResultSet types = statement.executeQuery("select res_type, count(*) from hfj_resource where res_deleted_at is null"
					+ " and res_type <> 'AuditEvent' group by res_type order by res_type")) {
				while (types.next()) {
					System.out.printf("stored %s: %d%n", types.getString(1), types.getLong(2));
				}
			}
			for (Map.Entry<String, String> table : STORED_ROWS.entrySet()) {
				try (ResultSet rows = statement.executeQuery("select count(*) from " + table.getKey() + " t join hfj_resource r on r.res_id = t."
						+ table.getValue() + " where r.res_type <> 'AuditEvent'")) {
					rows.next();
					System.out.printf("rows in %s: %d%n", table.getKey(), rows.getLong(1));
				}
			}
			try (ResultSet objections = statement.executeQuery("select count(*) from immunis_objection")) {
				objections.next();
				System.out.printf("rows in immunis_objection: %d%n", objections.getLong(1));
			}
		}
	}

	private static ConfigurableApplicationContext start(String[] args, String... settings) {
		return new SpringApplicationBuilder(ImmunisApplication.class).profiles("benchmark")
				.run(Stream.of(Stream.of("--server.port=0"), Stream.of(settings), Stream.of(args)).flatMap(s -> s).toArray(String[]::new));
	}

	private static String baseUrl(ConfigurableApplicationContext server) {
		return "http://localhost:" + server.getEnvironment().getProperty("local.server.port") + "/fhir";
	}

	static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		} catch (IOException e) {
			return "unknown";
		}
	}

	private void run() throws Exception {
		int rounds = Integer.getInteger("benchmark.rounds", 3);
		System.out.printf("%n# coverage report benchmark, load average %s%n", loadAverage());
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

		if (!Boolean.parseBoolean(System.getProperty("benchmark.exports", "true"))) {
			return;
		}
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
					loaded.addAndGet(resources(post("", bundles.get(index), bearer)));
					if ((index + 1) % 10_000 == 0) {
						System.out.printf("%d patients loaded, load average %s%n", index + 1, loadAverage());
					}
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

	private int resources(String transactionResponse) {
		return ((org.hl7.fhir.r4.model.Bundle) fhirContext.newJsonParser().parseResource(transactionResponse)).getEntry().size();
	}

	private String created(String body) {
		return "Organization/" + fhirContext.newJsonParser().parseResource(body).getIdElement().getIdPart();
	}

	private static String bearer(TestTokens requester) {
		return "Bearer " + requester.scopes("system/*.cruds").lifetime(Duration.ofHours(1)).mint();
	}
}
