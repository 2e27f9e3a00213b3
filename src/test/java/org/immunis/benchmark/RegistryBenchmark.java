package org.immunis.benchmark;

import static org.immunis.benchmark.TransactionResponses.ok;
import static org.immunis.benchmark.TransactionResponses.patientId;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.immunis.ImmunisApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Starts the registry on PostgreSQL, loads synthetic patients as transaction bundles from several clients at once,
 * then times the searches the registry's users make most. Prints figures; asserts nothing. See docs/benchmark.md.
 */
public final class RegistryBenchmark {


	private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)");

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
	private final String baseUrl;
	private String token;
	private long tokenNanos;

	private RegistryBenchmark(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	// The demo EHR of the embedded authorization server (config/identity-demo.yaml); its tokens live 15 minutes.
	private synchronized String bearer() throws Exception {
		if (token == null || System.nanoTime() - tokenNanos > 10 * 60 * 1_000_000_000L) {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl.replaceFirst("/fhir$", "/oauth2/token")))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("demo-ehr:demo-ehr-secret".getBytes()))
					.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=system%2F*.cruds"))
					.build(), HttpResponse.BodyHandlers.ofString());
			Matcher matcher = ACCESS_TOKEN.matcher(ok(response));
			if (!matcher.find()) {
				throw new IllegalStateException("no access token in " + response.body());
			}
			token = matcher.group(1);
			tokenNanos = System.nanoTime();
		}
		return "Bearer " + token;
	}

	private record Stored(String id, SyntheticRegistry.PatientBundle patient) {}

	/** The arguments are the server's: {@code --immunis.validation.profiles=false} measures without profile validation. */
	public static void main(String[] args) throws Exception {
		int patients = Integer.getInteger("benchmark.patients", 20_000);
		int warmupPatients = Integer.getInteger("benchmark.warmup-patients", 1_000);
		int clients = Integer.getInteger("benchmark.clients", 4);
		int searches = Integer.getInteger("benchmark.searches", 1_000);

		try (ConfigurableApplicationContext server =
				new SpringApplicationBuilder(ImmunisApplication.class).profiles("benchmark").run(withRandomPort(args))) {
			String port = server.getEnvironment().getProperty("local.server.port");
			System.out.printf("%n# immunis benchmark: profile validation %s%n",
					server.getEnvironment().getProperty("immunis.validation.profiles", "false").equals("true") ? "on" : "off");
			RegistryBenchmark benchmark = new RegistryBenchmark("http://localhost:" + port + "/fhir");
			SyntheticRegistry registry = new SyntheticRegistry(42, LocalDate.now());

			benchmark.ingest(generate(registry, warmupPatients), clients);
			List<SyntheticRegistry.PatientBundle> bundles = generate(registry, patients);
			long start = System.nanoTime();
			List<Stored> stored = benchmark.ingest(bundles, clients);
			double seconds = (System.nanoTime() - start) / 1e9;
			int resources = bundles.stream().mapToInt(SyntheticRegistry.PatientBundle::resources).sum();

			System.out.printf("%n## Ingest%n%d patients, %d resources in %.1f s with %d clients: %.0f resources/s%n",
					patients, resources, seconds, clients, resources / seconds);
			benchmark.printSearches(stored, searches);
			printDisk(server);
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
		System.out.println("| search | p50 ms | p95 ms | p99 ms |");
		System.out.println("| --- | --- | --- | --- |");
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
		for (int i = 0; i < searches / 5; i++) {
			get(query.apply(stored.get(random.nextInt(stored.size()))));
		}
		Latencies latencies = new Latencies(searches);
		for (int i = 0; i < searches; i++) {
			String path = query.apply(stored.get(random.nextInt(stored.size())));
			long start = System.nanoTime();
			get(path);
			latencies.add(System.nanoTime() - start);
		}
		System.out.printf("| %s | %.1f | %.1f | %.1f |%n",
				name, latencies.percentile(50), latencies.percentile(95), latencies.percentile(99));
	}

	private static void printDisk(ConfigurableApplicationContext server) throws IOException {
		JdbcTemplate jdbc = server.getBean(JdbcTemplate.class);
		long resources = jdbc.queryForObject("select count(*) from hfj_resource", Long.class);
		long databaseBytes = jdbc.queryForObject("select pg_database_size(current_database())", Long.class);
		long indexBytes = directorySize(Path.of(server.getEnvironment().getProperty("immunis.data-directory"), "lucene"));
		System.out.printf("%n## Disk%n%d resources stored: database %.0f MB (%.0f bytes/resource), "
						+ "full-text index %.0f MB (%.0f bytes/resource)%n",
				resources, databaseBytes / 1e6, (double) databaseBytes / resources, indexBytes / 1e6, (double) indexBytes / resources);
		System.out.println("| table (with its indexes) | bytes/resource |");
		System.out.println("| --- | --- |");
		jdbc.query("select relname, pg_total_relation_size(c.oid) as bytes from pg_class c "
						+ "join pg_namespace n on n.oid = c.relnamespace "
						+ "where n.nspname = 'public' and c.relkind = 'r' order by bytes desc limit 10",
				row -> {
					System.out.printf("| %s | %.0f |%n", row.getString(1), (double) row.getLong(2) / resources);
				});
	}

	private static long directorySize(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return 0;
		}
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
		}
	}

	private String post(String bundle) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl))
				.header("Content-Type", "application/fhir+json")
				.header("Authorization", bearer())
				.POST(HttpRequest.BodyPublishers.ofString(bundle)).build(), HttpResponse.BodyHandlers.ofString());
		return ok(response);
	}

	private String get(String path) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/" + path))
				.header("Accept", "application/fhir+json").header("Authorization", bearer()).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		return ok(response);
	}
}
