package org.immunis.database;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Clients creating patients on a server process as fast as it answers, until stopped: which creations the server
 * acknowledged (201), and every other answer it gave.
 */
final class PatientLoad implements AutoCloseable {

	private static final int READ_BACK_BATCH = 100;
	private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

	private final String fhirBase;
	private final ExecutorService clients;
	private final AtomicBoolean running = new AtomicBoolean(true);
	private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
	private final Map<Integer, AtomicInteger> otherAnswers = new ConcurrentHashMap<>();
	private final AtomicInteger noAnswer = new AtomicInteger();
	private final ConcurrentLinkedQueue<Long> acknowledgedAt = new ConcurrentLinkedQueue<>();

	private PatientLoad(String fhirBase, int clientCount) {
		this.fhirBase = fhirBase;
		this.clients = Executors.newFixedThreadPool(clientCount);
		for (int i = 0; i < clientCount; i++) {
			clients.submit(this::createPatients);
		}
	}

	static PatientLoad start(ServerProcess server, int clients) {
		return start(server.fhirBase(), clients);
	}

	/** Clients writing to this FHIR base URL (a server, or a load balancer in front of servers). */
	static PatientLoad start(String fhirBase, int clients) {
		return new PatientLoad(fhirBase, clients);
	}

	private void createPatients() {
		while (running.get()) {
			Optional<HttpResponse<String>> answer = ServerProcess.fhirAt(fhirBase, "POST", "Patient", patientJson());
			if (answer.isEmpty()) {
				noAnswer.incrementAndGet();
				sleep();
			} else if (answer.get().statusCode() == 201) {
				idOf(answer.get().body()).ifPresent(id -> {
					acknowledged.add(id);
					acknowledgedAt.add(System.nanoTime());
				});
			} else {
				otherAnswers.computeIfAbsent(answer.get().statusCode(), status -> new AtomicInteger()).incrementAndGet();
				sleep();
			}
		}
	}

	static Optional<String> idOf(String body) {
		Matcher id = ID.matcher(body);
		return id.find() ? Optional.of(id.group(1)) : Optional.empty();
	}

	static String patientJson() {
		return """
				{"resourceType":"Patient","identifier":[{"system":"urn:oid:2.16.840.1.113883.3.9999.1","value":"%s"}],
				 "name":[{"family":"Load","given":["Test"]}],"gender":"female","birthDate":"2020-02-02"}
				""".formatted(UUID.randomUUID());
	}

	private static void sleep() {
		try {
			Thread.sleep(100);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/** Waits until the server has acknowledged this many creations. */
	PatientLoad awaitAcknowledged(int count) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (acknowledged.size() < count && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		return this;
	}

	Set<String> acknowledged() {
		return Set.copyOf(acknowledged);
	}

	/** Answers other than 201, by status. */
	Map<Integer, Integer> otherAnswers() {
		Map<Integer, Integer> counts = new ConcurrentHashMap<>();
		otherAnswers.forEach((status, count) -> counts.put(status, count.get()));
		return counts;
	}

	int noAnswer() {
		return noAnswer.get();
	}

	/** Every answer but an acknowledged creation: errors and requests that got no answer. */
	int errors() {
		return noAnswer.get() + otherAnswers.values().stream().mapToInt(AtomicInteger::get).sum();
	}

	/** The longest time without an acknowledged creation since this moment ({@link System#nanoTime()}), in seconds. */
	double longestGapSecondsSince(long nanoTime) {
		long previous = nanoTime;
		long longest = 0;
		for (long at : acknowledgedAt.stream().filter(at -> at >= nanoTime).sorted().toList()) {
			longest = Math.max(longest, at - previous);
			previous = at;
		}
		return longest / 1e9;
	}

	@Override
	public void close() throws InterruptedException {
		running.set(false);
		clients.shutdown();
		clients.awaitTermination(90, TimeUnit.SECONDS);
	}

	/** The ids of these acknowledged patients that the server cannot read back. */
	static List<String> missing(ServerProcess server, Set<String> ids) {
		return missing(server.fhirBase(), ids);
	}

	/** The ids of these that the registry does not find, asked a hundred at a time (a load leaves thousands). */
	static List<String> missing(String fhirBase, Set<String> ids) {
		List<String> all = List.copyOf(ids);
		List<String> missing = new ArrayList<>();
		for (int from = 0; from < all.size(); from += READ_BACK_BATCH) {
			List<String> batch = all.subList(from, Math.min(from + READ_BACK_BATCH, all.size()));
			String found = ServerProcess.fhirAt(fhirBase, "GET",
							"Patient?_elements=id&_count=" + READ_BACK_BATCH + "&_id=" + String.join(",", batch), null)
					.filter(answer -> answer.statusCode() == 200).map(HttpResponse::body).orElse("");
			Set<String> foundIds = new HashSet<>();
			Matcher id = ID.matcher(found);
			while (id.find()) {
				foundIds.add(id.group(1));
			}
			batch.stream().filter(patient -> !foundIds.contains(patient)).forEach(missing::add);
		}
		return missing;
	}
}
