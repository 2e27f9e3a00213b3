package org.immunis.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.immunis.ImmunisApplication;
import org.immunis.TestTokens;
import org.springframework.util.FileSystemUtils;

/**
 * The built server as a separate {@code java} process (the test profile, a random port, a data folder under
 * {@code target/} kept across its restarts), for tests that kill it or send it signals.
 */
final class ServerProcess implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	private static final Duration START_WAIT = Duration.ofMinutes(8);
	private static final Duration STOP_WAIT = Duration.ofMinutes(2);

	private final Path dataDirectory;
	private final int port;
	private final Process process;

	private ServerProcess(Path dataDirectory, int port, Process process) {
		this.dataDirectory = dataDirectory;
		this.port = port;
		this.process = process;
	}

	/** An empty data folder under {@code target/<suite>/<name>}, for one test. */
	static Path freshDataDirectory(String suite, String name) {
		Path directory = Path.of("target", suite, name).toAbsolutePath();
		FileSystemUtils.deleteRecursively(directory.toFile());
		return directory;
	}

	/** Starts a server on this data folder and waits until it is ready. */
	static ServerProcess start(Path dataDirectory, String... properties) throws IOException, InterruptedException {
		Files.createDirectories(dataDirectory);
		int port = freePort();
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx1g", "-XX:TieredStopAtLevel=1",
				"-cp", testClassPath(),
				ImmunisApplication.class.getName(),
				"--spring.profiles.active=test",
				"--server.port=" + port,
				"--immunis.data-directory=" + dataDirectory,
				"--immunis.database.embedded.clean-on-start=false"));
		command.addAll(List.of(properties));
		Path log = dataDirectory.resolve("server-" + Instant.now().toEpochMilli() + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		ServerProcess server = new ServerProcess(dataDirectory, port, process);
		server.awaitReady(log);
		return server;
	}

	private void awaitReady(Path log) throws InterruptedException {
		Instant deadline = Instant.now().plus(START_WAIT);
		while (Instant.now().isBefore(deadline)) {
			if (!process.isAlive()) {
				throw new IllegalStateException("the server exited with " + process.exitValue() + "; see " + log);
			}
			if (readiness() == 200) {
				return;
			}
			Thread.sleep(500);
		}
		process.destroyForcibly();
		throw new IllegalStateException("the server was not ready within " + START_WAIT + "; see " + log);
	}

	/** The log of the server last started on this data folder. */
	static String lastLog(Path dataDirectory) throws IOException {
		try (var logs = Files.list(dataDirectory)) {
			Path last = logs.filter(file -> file.getFileName().toString().startsWith("server-")).max(Path::compareTo).orElseThrow();
			return Files.readString(last);
		}
	}

	/** The readiness probe's status, or 0 when the server does not answer. */
	int readiness() {
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
				.timeout(Duration.ofSeconds(5)).GET()).map(HttpResponse::statusCode).orElse(0);
	}

	String fhirBase() {
		return "http://localhost:" + port + "/fhir";
	}

	int port() {
		return port;
	}

	Process process() {
		return process;
	}

	Path dataDirectory() {
		return dataDirectory;
	}

	/** A FHIR request as the registry admin; empty when the server does not answer (refused or dropped connection). */
	Optional<HttpResponse<String>> fhir(String method, String path, String json) {
		return fhirAt(fhirBase(), method, path, json);
	}

	/** A FHIR request as the registry admin to this base URL (a server, or a load balancer in front of servers). */
	static Optional<HttpResponse<String>> fhirAt(String fhirBase, String method, String path, String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fhirBase + "/" + path))
				.timeout(Duration.ofSeconds(60))
				.header("Accept", "application/fhir+json")
				.header("Authorization", "Bearer " + TestTokens.admin());
		if (json == null) {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		} else {
			request.header("Content-Type", "application/fhir+json").method(method, HttpRequest.BodyPublishers.ofString(json));
		}
		return send(request);
	}

	private static Optional<HttpResponse<String>> send(HttpRequest.Builder request) {
		try {
			return Optional.of(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
		} catch (IOException e) {
			return Optional.empty();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

	/** Sends SIGTERM and waits for the process to exit: how long it took. */
	Duration terminate() throws InterruptedException {
		Instant sent = Instant.now();
		process.destroy();
		if (!process.waitFor(STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
			throw new IllegalStateException("the server did not exit within " + STOP_WAIT + " of SIGTERM");
		}
		return Duration.between(sent, Instant.now());
	}

	@Override
	public void close() {
		process.destroyForcibly();
		ProcessHandle.allProcesses()
				.filter(postgres -> postgres.info().arguments().map(List::of).orElse(List.of())
						.contains(dataDirectory.resolve("postgres").toAbsolutePath().toString()))
				.forEach(ProcessHandle::destroy);
	}

	private static String testClassPath() {
		String surefire = System.getProperty("surefire.test.class.path");
		return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
