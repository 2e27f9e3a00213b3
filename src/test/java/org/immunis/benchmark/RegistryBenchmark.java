package org.immunis.benchmark;

import static org.immunis.benchmark.TransactionResponses.ok;
import static org.immunis.benchmark.TransactionResponses.patientId;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.immunis.ImmunisApplication;
import org.immunis.TestTokens;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Starts the registry on PostgreSQL, loads synthetic patients as transaction bundles from several clients at once,
 * then times the searches the registry's users make most. Prints figures; asserts nothing. See docs/benchmark.md.
 */
public final class RegistryBenchmark {


	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
	private final String baseUrl;
	private final Tokens provider = new Tokens(() -> TestTokens.as("provider").organization("Organization/demo-clinic"));
	private final Tokens admin = new Tokens(() -> TestTokens.as("registry-admin"));

	private RegistryBenchmark(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	/** Bearer tokens of one requester, minted anew before they expire. */
	private static final class Tokens {

		private final Supplier<TestTokens> requester;
		private String token;
		private long mintedNanos;

		Tokens(Supplier<TestTokens> requester) {
			this.requester = requester;
		}

		synchronized String bearer() {
			if (token == null || System.nanoTime() - mintedNanos > Duration.ofMinutes(50).toNanos()) {
				token = requester.get().scopes("system/*.cruds").lifetime(Duration.ofHours(1)).mint();
				mintedNanos = System.nanoTime();
			}
			return "Bearer " + token;
		}
	}

	private record Stored(String id, SyntheticRegistry.PatientBundle patient) {}

	/**
	 * The arguments are the server's: {@code --immunis.validation.profiles=false} measures without profile validation.
	 * With {@code -Dbenchmark.server-url} the same load goes to a FHIR server already running (a stock HAPI starter, for
	 * reference) and the disk figures come from {@code -Dbenchmark.jdbc-url} (user and password in
	 * {@code benchmark.jdbc-user} and {@code benchmark.jdbc-password}), if given.
	 */
	public static void main(String[] args) throws Exception {
		String externalServer = System.getProperty("benchmark.server-url");
		if (externalServer != null) {
			System.out.printf("%n# benchmark of the FHIR server at %s%n", externalServer);
			String jdbcUrl = System.getProperty("benchmark.jdbc-url");
			JdbcTemplate database = jdbcUrl == null ? null : new JdbcTemplate(new DriverManagerDataSource(jdbcUrl,
					System.getProperty("benchmark.jdbc-user"), System.getProperty("benchmark.jdbc-password")));
			new RegistryBenchmark(externalServer).run(database);
			return;
		}
		try (ConfigurableApplicationContext server =
				new SpringApplicationBuilder(ImmunisApplication.class).profiles("benchmark").run(withRandomPort(args))) {
			String port = server.getEnvironment().getProperty("local.server.port");
			System.out.printf("%n# immunis benchmark: profile validation %s%n",
					server.getEnvironment().getProperty("immunis.validation.profiles", "false").equals("true") ? "on" : "off");
			new RegistryBenchmark("http://localhost:" + port + "/fhir").run(server.getBean(JdbcTemplate.class));
		}
	}

	private void run(JdbcTemplate database) throws Exception {
		int patients = Integer.getInteger("benchmark.patients", 20_000);
		int warmupPatients = Integer.getInteger("benchmark.warmup-patients", 1_000);
		int clients = Integer.getInteger("benchmark.clients", 4);
		int searches = Integer.getInteger("benchmark.searches", 1_000);
		SyntheticRegistry registry = new SyntheticRegistry(42, LocalDate.now());

		ingest(generate(registry, warmupPatients), clients);
		List<SyntheticRegistry.PatientBundle> bundles = generate(registry, patients);
		long start = System.nanoTime();
		List<Stored> stored = ingest(bundles, clients);
		double seconds = (System.nanoTime() - start) / 1e9;
		int resources = bundles.stream().mapToInt(SyntheticRegistry.PatientBundle::resources).sum();

		System.out.printf("%n## Ingest%n%d patients, %d resources in %.1f s with %d clients: %.0f resources/s%n",
				patients, resources, seconds, clients, resources / seconds);
		printSearches(stored, searches);
		if (database != null) {
			printDisk(database);
		}
	}

	private static String[] withRandomPort(String[] args) {
		return Stream.concat(Stream.of("--server.port=0"), Stream.of(args)).toArray(String[]::new);
	}

	private static List<SyntheticRegistry.PatientBundle> generate(SyntheticRegistry registry, int count) {
		return Stream.generate(registry::nextPatient).limit(count).toList();
	}

	private List<Stored> ingest(List<SyntheticRegistry.PatientBundle> bundles, int clients) throws Exception {
		AtomicInteger next = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		List<Future<List<Stored>>> workers = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			workers.add(pool.submit(() -> {
				List<Stored> stored = new ArrayList<>();
				for (int index = next.getAndIncrement(); index < bundles.size(); index = next.getAndIncrement()) {
					SyntheticRegistry.PatientBundle bundle = bundles.get(index);
					stored.add(new Stored(patientId(post(bundle.json())), bundle));
				}
				return stored;
			}));
		}
		List<Stored> all = new ArrayList<>();
		for (Future<List<Stored>> worker : workers) {
			all.addAll(worker.get());
		}
		pool.shutdown();
		return all;
	}

	private void printSearches(List<Stored> stored, int searches) throws Exception {
		System.out.printf("%n## Searches (%d each, one client, over %d patients)%n", searches, stored.size());
		System.out.println("As the provider the sharing decision applies to every record; the registry admin sees everything, so the");
		System.out.println("consent machinery decides nothing for it. The two alternate, request by request.");
		System.out.println();
		System.out.println("| search | provider p50 ms | p95 ms | p99 ms | admin p50 ms | p95 ms | p99 ms | enforcement cost (p50) |");
		System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
		time("a patient's immunizations", stored, searches, s -> "Immunization?patient=" + s.id());
		time("patient by identifier", stored, searches,
				s -> "Patient?identifier=" + SyntheticRegistry.MRN_SYSTEM + "%7C" + s.patient().mrn());
		time("patient by family name + birth date", stored, searches,
				s -> "Patient?family=" + s.patient().family() + "&birthdate=" + s.patient().birthDate());
		time("immunizations with _include of the patient", stored, searches,
				s -> "Immunization?patient=" + s.id() + "&_include=Immunization:patient");
	}

	private void time(String name, List<Stored> stored, int searches, Function<Stored, String> query) throws Exception {
		Random random = new Random(7);
		for (int i = 0; i < searches / 2; i++) {
			String path = query.apply(stored.get(random.nextInt(stored.size())));
			get(path, provider);
			get(path, admin);
		}
		Latencies asProvider = new Latencies(searches);
		Latencies asAdmin = new Latencies(searches);
		for (int i = 0; i < searches; i++) {
			String path = query.apply(stored.get(random.nextInt(stored.size())));
			// whoever asks first for a patient's records finds them colder in the database's cache: take turns
			if (i % 2 == 0) {
				asProvider.add(timed(path, provider));
				asAdmin.add(timed(path, admin));
			} else {
				asAdmin.add(timed(path, admin));
				asProvider.add(timed(path, provider));
			}
		}
		double cost = (asProvider.percentile(50) / asAdmin.percentile(50) - 1) * 100;
		System.out.printf("| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %+.0f%% |%n", name,
				asProvider.percentile(50), asProvider.percentile(95), asProvider.percentile(99),
				asAdmin.percentile(50), asAdmin.percentile(95), asAdmin.percentile(99), cost);
	}

	private long timed(String path, Tokens requester) throws Exception {
		long start = System.nanoTime();
		get(path, requester);
		return System.nanoTime() - start;
	}

	private static void printDisk(JdbcTemplate jdbc) {
		long stored = jdbc.queryForObject("select count(*) from hfj_resource", Long.class);
		// what a client loaded, whatever else a server stores beside it (an audit trail, flags) or where
		long resources = jdbc.queryForObject("select count(*) from hfj_resource where res_type in ('Patient', 'Immunization')"
				+ " and res_deleted_at is null", Long.class);
		long databaseBytes = jdbc.queryForObject("select pg_database_size(current_database())", Long.class);
		System.out.printf("%n## Disk%n%d resources loaded (Patients and Immunizations; %d rows in hfj_resource): database %.0f MB"
				+ " (%.0f bytes/loaded resource)%n", resources, stored, databaseBytes / 1e6, (double) databaseBytes / resources);
		System.out.println("| table (with its indexes) | bytes/loaded resource |");
		System.out.println("| --- | --- |");
		jdbc.query("select relname, pg_total_relation_size(c.oid) as bytes from pg_class c "
						+ "join pg_namespace n on n.oid = c.relnamespace "
						+ "where n.nspname = 'public' and c.relkind = 'r' order by bytes desc limit 10",
				row -> {
					System.out.printf("| %s | %.0f |%n", row.getString(1), (double) row.getLong(2) / resources);
				});
	}

	private String post(String bundle) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl))
				.header("Content-Type", "application/fhir+json")
				.header("Authorization", provider.bearer())
				.POST(HttpRequest.BodyPublishers.ofString(bundle)).build(), HttpResponse.BodyHandlers.ofString());
		return ok(response);
	}

	private String get(String path, Tokens requester) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/" + path))
				.header("Accept", "application/fhir+json").header("Authorization", requester.bearer()).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		return ok(response);
	}
}
