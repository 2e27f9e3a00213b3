package org.immunis.benchmark;

import static org.immunis.benchmark.TransactionResponses.ok;
import static org.immunis.benchmark.TransactionResponses.patientId;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.immunis.ImmunisApplication;
import org.immunis.TestTokens;
import org.immunis.forecast.AdministeredDose;
import org.immunis.forecast.ForecastEngine;
import org.immunis.forecast.ForecastEngineBenchmark;
import org.immunis.forecast.Gender;
import org.immunis.forecast.PatientFacts;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the registry on a fresh embedded PostgreSQL, stores a 15-year-old with a complete childhood history (35
 * doses), times {@code Patient/[id]/$immds-forecast} on it as a provider (consent and audit on) against the engine
 * alone on the same history, measures forecasts per second with several clients, then compares ingest with and
 * without the stored-dose flag ({@code benchmark.patients=0} leaves ingest out). Prints figures; asserts nothing. See
 * docs/forecast.md.
 */
public final class ForecastServerBenchmark {


	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
	private final String baseUrl;
	private final String provider = "Bearer " + TestTokens.as("provider").organization("Organization/benchmark-clinic")
			.scopes("system/*.cruds").lifetime(Duration.ofHours(2)).mint();

	private ForecastServerBenchmark(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public static void main(String[] args) throws Exception {
		int forecasts = Integer.getInteger("benchmark.forecasts", 1_000);
		int ingestPatients = Integer.getInteger("benchmark.patients", 1_000);
		int clients = Integer.getInteger("benchmark.clients", 4);

		try (ConfigurableApplicationContext server =
				new SpringApplicationBuilder(ImmunisApplication.class).profiles("benchmark").run("--server.port=0")) {
			String port = server.getEnvironment().getProperty("local.server.port");
			ForecastServerBenchmark benchmark = new ForecastServerBenchmark("http://localhost:" + port + "/fhir");

			LocalDate birth = LocalDate.now().minusYears(15).minusDays(14);
			List<AdministeredDose> history = ForecastEngineBenchmark.childhoodHistory(birth);
			String patient = patientId(benchmark.post(teenBundle(birth, history)));
			double engineP50 = engineP50(server.getBean(ForecastEngine.class), birth, history, forecasts);
			benchmark.timeForecasts(patient, history.size(), forecasts, engineP50);
			benchmark.forecastThroughput(patient, forecasts, clients);
			if (ingestPatients == 0) {
				return;
			}

			IInterceptorService interceptors = server.getBean(IInterceptorService.class);
			Object flag = server.getBean("storedDoseFlagInterceptor");
			SyntheticRegistry registry = new SyntheticRegistry(42, LocalDate.now());
			benchmark.ingest(registry, ingestPatients / 2, clients);
			System.out.printf("%n## Ingest with and without the stored-dose flag (%d patients per round, %d clients)%n",
					ingestPatients, clients);
			System.out.println("| round | flag | resources/s |");
			System.out.println("| --- | --- | --- |");
			for (int round = 1; round <= 4; round++) {
				boolean on = round % 2 == 0;
				if (on) {
					interceptors.registerInterceptor(flag);
				} else {
					interceptors.unregisterInterceptor(flag);
				}
				System.out.printf("| %d | %s | %.0f |%n", round, on ? "on" : "off", benchmark.ingest(registry, ingestPatients, clients));
			}
		}
	}

	/** The engine's own p50 (ms) for the same patient, in the server's JVM, after a warm-up. */
	private static double engineP50(ForecastEngine engine, LocalDate birth, List<AdministeredDose> history, int forecasts) {
		PatientFacts teen = new PatientFacts(birth, Gender.FEMALE);
		LocalDate today = LocalDate.now();
		for (int i = 0; i < Math.max(200, forecasts); i++) {
			engine.assess(teen, history, today);
		}
		Latencies latencies = new Latencies(forecasts);
		for (int i = 0; i < forecasts; i++) {
			long start = System.nanoTime();
			engine.assess(teen, history, today);
			latencies.add(System.nanoTime() - start);
		}
		return latencies.percentile(50);
	}

	private void timeForecasts(String patient, int doses, int forecasts, double engineP50) throws Exception {
		String path = patient + "/$immds-forecast";
		String first = get(path);
		System.out.printf("%nFirst response: %d evaluations, %d recommendations%n",
				first.split("\"resourceType\":\"ImmunizationEvaluation\"", -1).length - 1,
				first.split("\"forecastStatus\"", -1).length - 1);
		for (int i = 0; i < Math.max(100, forecasts / 5); i++) {
			get(path);
		}
		Latencies latencies = new Latencies(forecasts);
		for (int i = 0; i < forecasts; i++) {
			long start = System.nanoTime();
			get(path);
			latencies.add(System.nanoTime() - start);
		}
		double serverP50 = latencies.percentile(50);
		System.out.printf("%n## %s (%d doses stored), %d calls, one client, as a provider (load average %s)%n", path,
				doses, forecasts, loadAverage());
		System.out.println("| engine p50 ms | server p50 ms | server overhead p50 ms | server p95 ms | server p99 ms |");
		System.out.println("| --- | --- | --- | --- | --- |");
		System.out.printf("| %.2f | %.1f | %.1f | %.1f | %.1f |%n", engineP50, serverP50, serverP50 - engineP50,
				latencies.percentile(95), latencies.percentile(99));
	}

	/** Forecasts per second with several clients calling at once. */
	private void forecastThroughput(String patient, int forecasts, int clients) throws Exception {
		String path = patient + "/$immds-forecast";
		AtomicInteger remaining = new AtomicInteger(forecasts);
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		CpuTime cpu = new CpuTime();
		long start = System.nanoTime();
		List<Future<?>> workers = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			workers.add(pool.submit(() -> {
				while (remaining.getAndDecrement() > 0) {
					get(path);
				}
				return null;
			}));
		}
		for (Future<?> worker : workers) {
			worker.get();
		}
		pool.shutdown();
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf("%n## %s, %d calls from %d clients (load average %s)%n| forecasts/s |%n| --- |%n| %.0f |%n", path,
				forecasts, clients, loadAverage(), forecasts / seconds);
		cpu.print(forecasts);
	}

	/**
	 * CPU time of this JVM (server and client) spent during a run, per thread group: unlike the rates, other processes
	 * on the machine do not inflate it. The database's CPU is not counted.
	 */
	private static final class CpuTime {

		private final long process = processCpuNanos();
		private final Map<String, Long> threads = threadCpuNanos();

		void print(int calls) {
			Map<String, Long> after = threadCpuNanos();
			double processMs = (processCpuNanos() - process) / 1e6 / calls;
			System.out.printf("%n| JVM CPU ms per forecast | of which request threads | audit writer thread | benchmark clients | "
					+ "the rest (JIT, GC, other threads) |%n| --- | --- | --- | --- | --- |%n");
			double request = spent(after, "request") / calls;
			double audit = spent(after, "audit") / calls;
			double client = spent(after, "client") / calls;
			System.out.printf("| %.2f | %.2f | %.2f | %.2f | %.2f |%n", processMs, request, audit, client,
					processMs - request - audit - client);
		}

		private double spent(Map<String, Long> after, String group) {
			return (after.getOrDefault(group, 0L) - threads.getOrDefault(group, 0L)) / 1e6;
		}

		private static long processCpuNanos() {
			return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
		}

		// threads that end during the run are left out of their group; Tomcat's and the audit writer's live on
		private static Map<String, Long> threadCpuNanos() {
			ThreadMXBean bean = ManagementFactory.getThreadMXBean();
			Map<String, Long> groups = new HashMap<>();
			for (ThreadInfo thread : bean.getThreadInfo(bean.getAllThreadIds())) {
				if (thread == null) {
					continue;
				}
				String name = thread.getThreadName();
				String group = name.contains("-exec-") ? "request" : name.contains("audit") ? "audit"
						: name.startsWith("HttpClient") || name.startsWith("pool-") ? "client" : "other";
				long nanos = bean.getThreadCpuTime(thread.getThreadId());
				if (nanos > 0) {
					groups.merge(group, nanos, Long::sum);
				}
			}
			return groups;
		}
	}

	/** The machine's load average (1, 5, 15 minutes) where Linux tells it: other processes skew every figure. */
	private static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return fields[0] + " " + fields[1] + " " + fields[2];
		} catch (IOException | RuntimeException e) {
			return "unknown";
		}
	}

	/** Stores the patients' bundles from several clients at once; returns resources per second. */
	private double ingest(SyntheticRegistry registry, int patients, int clients) throws Exception {
		List<SyntheticRegistry.PatientBundle> bundles = Stream.generate(registry::nextPatient).limit(patients).toList();
		AtomicInteger next = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		long start = System.nanoTime();
		List<Future<?>> workers = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			workers.add(pool.submit(() -> {
				for (int index = next.getAndIncrement(); index < bundles.size(); index = next.getAndIncrement()) {
					post(bundles.get(index).json());
				}
				return null;
			}));
		}
		for (Future<?> worker : workers) {
			worker.get();
		}
		pool.shutdown();
		double seconds = (System.nanoTime() - start) / 1e9;
		return bundles.stream().mapToInt(SyntheticRegistry.PatientBundle::resources).sum() / seconds;
	}

	private static String teenBundle(LocalDate birth, List<AdministeredDose> history) {
		String patientUuid = "urn:uuid:" + UUID.randomUUID();
		List<String> entries = new ArrayList<>();
		entries.add(entry(patientUuid, """
				{"resourceType":"Patient","identifier":[{"system":"urn:test:bench","value":"%s"}],\
				"name":[{"family":"Teen","given":["Forecast"]}],"gender":"female","birthDate":"%s"}"""
				.formatted(UUID.randomUUID(), birth), "Patient"));
		for (AdministeredDose dose : history) {
			entries.add(entry("urn:uuid:" + UUID.randomUUID(), """
					{"resourceType":"Immunization","status":"completed",\
					"vaccineCode":{"coding":[{"system":"http://hl7.org/fhir/sid/cvx","code":"%s"}]},\
					"patient":{"reference":"%s"},"occurrenceDateTime":"%s","primarySource":true,"lotNumber":"LOT-%s"}"""
					.formatted(dose.cvx(), patientUuid, dose.dateAdministered(), dose.cvx()), "Immunization"));
		}
		return "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + String.join(",", entries) + "]}";
	}

	private static String entry(String fullUrl, String resource, String type) {
		return "{\"fullUrl\":\"" + fullUrl + "\",\"resource\":" + resource + ",\"request\":{\"method\":\"POST\",\"url\":\"" + type + "\"}}";
	}

	private String post(String bundle) throws Exception {
		return ok(http.send(HttpRequest.newBuilder(URI.create(baseUrl))
				.header("Authorization", provider)
				.header("Content-Type", "application/fhir+json")
				.POST(HttpRequest.BodyPublishers.ofString(bundle)).build(), HttpResponse.BodyHandlers.ofString()));
	}

	private String get(String path) throws Exception {
		return ok(http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/" + path))
				.header("Authorization", provider)
				.header("Accept", "application/fhir+json").GET().build(), HttpResponse.BodyHandlers.ofString()));
	}
}
