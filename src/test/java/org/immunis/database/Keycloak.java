package org.immunis.database;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.util.FileSystemUtils;

/**
 * Keycloak (the distribution from Maven Central, unpacked by the build under {@code target/keycloak}) on a loopback
 * port with the project's realm, {@code config/keycloak/immunis-realm.json}, imported at start. Keycloak needs a JDK 21
 * or newer: {@code KEYCLOAK_JAVA_HOME}, or the newest such JDK Debian or Temurin installed under /usr/lib/jvm.
 */
final class Keycloak implements AutoCloseable {

	private static final Path REALM = Path.of("config", "keycloak", "immunis-realm.json");
	private static final Path JVM_FOLDER = Path.of("/usr/lib/jvm");
	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Process process;
	private final int port;

	private Keycloak(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	static Keycloak start(Path log) throws IOException, InterruptedException {
		Path home = Path.of(System.getProperty("keycloak.home", "target/keycloak/missing"));
		if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
			ExternalProgram.require("kc.sh", "none: the build unpacks org.keycloak:keycloak-quarkus-dist under target/keycloak");
		}
		Path javaHome = javaHome21().orElseGet(() -> {
			ExternalProgram.require("java (21 or newer) for Keycloak", "openjdk-21-jdk-headless or a Temurin JDK 21+");
			throw new IllegalStateException("unreachable");
		});
		// a fresh realm every run: Keycloak imports a realm only when its database does not have it yet
		FileSystemUtils.deleteRecursively(home.resolve("data"));
		Files.createDirectories(home.resolve("data/import"));
		Files.copy(REALM, home.resolve("data/import").resolve(REALM.getFileName()));
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		ProcessBuilder builder = new ProcessBuilder("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
				"--http-host=127.0.0.1", "--http-port=" + port, "--import-realm")
				.redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().put("JAVA_HOME", javaHome.toString());
		builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
		Keycloak keycloak = new Keycloak(builder.start(), port);
		try {
			PatroniCluster.await("Keycloak to serve the immunis realm", Duration.ofMinutes(8), keycloak::servesRealm);
		} catch (RuntimeException e) {
			keycloak.close();
			throw e;
		}
		return keycloak;
	}

	/** The realm's issuer as a client reaching Keycloak at this host name sees it (Keycloak names it after the request). */
	String issuer(String host) {
		return "http://" + host + ":" + port + "/realms/immunis";
	}

	private boolean servesRealm() throws InterruptedException {
		if (!process.isAlive()) {
			throw new IllegalStateException("Keycloak exited with " + process.exitValue());
		}
		try {
			return HTTP.send(HttpRequest.newBuilder(URI.create(issuer("127.0.0.1") + "/.well-known/openid-configuration"))
					.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		} catch (IOException e) {
			return false;
		}
	}

	/** A JDK of major version 21 or newer: KEYCLOAK_JAVA_HOME, this JVM, or the newest under /usr/lib/jvm. */
	static Optional<Path> javaHome21() throws IOException {
		String configured = System.getenv("KEYCLOAK_JAVA_HOME");
		if (configured != null && !configured.isBlank()) {
			return Optional.of(Path.of(configured));
		}
		if (Runtime.version().feature() >= 21) {
			return Optional.of(Path.of(System.getProperty("java.home")));
		}
		if (!Files.isDirectory(JVM_FOLDER)) {
			return Optional.empty();
		}
		try (Stream<Path> jdks = Files.list(JVM_FOLDER)) {
			return jdks.filter(jdk -> Files.isExecutable(jdk.resolve("bin/java")) && !Files.isSymbolicLink(jdk))
					.filter(jdk -> featureVersion(jdk) >= 21)
					.max(Comparator.comparingInt(Keycloak::featureVersion));
		}
	}

	/** The major version a JDK's {@code release} file names (JAVA_VERSION="25.0.1"), 0 when unknown. */
	private static int featureVersion(Path jdk) {
		try {
			List<String> release = Files.readAllLines(jdk.resolve("release"));
			return release.stream().filter(line -> line.startsWith("JAVA_VERSION="))
					.map(line -> line.replaceAll("JAVA_VERSION=\"?(\\d+).*", "$1"))
					.mapToInt(Integer::parseInt).findFirst().orElse(0);
		} catch (IOException | NumberFormatException e) {
			return 0;
		}
	}

	@Override
	public void close() {
		List<ProcessHandle> all = new java.util.ArrayList<>(process.descendants().toList());
		all.add(process.toHandle());
		all.forEach(ProcessHandle::destroyForcibly);
	}
}
