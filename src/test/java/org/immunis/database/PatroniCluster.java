package org.immunis.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
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
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * The production database of docs/operations.md on this machine: etcd, two PostgreSQL 15 members managed by Patroni
 * (the project's {@code config/patroni/patroni.yml} with this machine's loopback ports and folders) and HAProxy
 * ({@code config/haproxy/haproxy.cfg}) sending connections to the primary. All Debian programs, each a process of
 * its own; PostgreSQL runs as the {@code postgres} user when the tests run as root.
 */
final class PatroniCluster implements AutoCloseable {

	static final String PASSWORD = "immunis-test";
	private static final Path BIN_DIR = Path.of("/usr/lib/postgresql/15/bin");
	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Path root;
	private final List<Process> processes = new ArrayList<>();
	private final List<Member> members = new ArrayList<>();
	private final int frontendPort = freePort();

	record Member(String name, int postgresPort, int apiPort, Path folder, Process process) {

		boolean answers(String role) {
			try {
				return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/" + role))
						.timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
			} catch (IOException e) {
				return false;
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return false;
			}
		}

		/** A crash of the member's machine: Patroni, PostgreSQL and every backend are killed at once. */
		void crash() {
			List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
			all.add(process.toHandle());
			all.forEach(ProcessHandle::destroyForcibly);
		}
	}

	private PatroniCluster(Path root) {
		this.root = root;
	}

	/** Checks that every program is installed (aborting the test loudly otherwise). */
	static void requirePrograms() {
		ExternalProgram.require("etcd", "etcd-server");
		ExternalProgram.require("patroni", "patroni");
		ExternalProgram.require("haproxy", "haproxy");
		ExternalProgram.require("postgres", "postgresql-15", BIN_DIR);
	}

	/** Starts etcd, a primary, its synchronous replica and HAProxy; answers once the replica is in sync. */
	static PatroniCluster start(Path root) throws IOException, InterruptedException {
		PatroniCluster cluster = new PatroniCluster(root);
		try {
			int etcdPort = freePort();
			cluster.startEtcd(etcdPort);
			Member first = cluster.startMember("pg1", etcdPort);
			await("pg1 to lead", Duration.ofMinutes(2), () -> first.answers("primary"));
			Member second = cluster.startMember("pg2", etcdPort);
			await("pg2 to replicate synchronously", Duration.ofMinutes(2), () -> second.answers("sync"));
			cluster.startHaproxy();
			return cluster;
		} catch (IOException | InterruptedException | RuntimeException e) {
			cluster.close();
			throw e;
		}
	}

	String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + frontendPort + "/postgres?reWriteBatchedInserts=true";
	}

	List<Member> members() {
		return List.copyOf(members);
	}

	private void startEtcd(int clientPort) throws IOException {
		int peerPort = freePort();
		String client = "http://127.0.0.1:" + clientPort;
		String peer = "http://127.0.0.1:" + peerPort;
		processes.add(ExternalProgram.start(root.resolve("etcd.log"), List.of("etcd", "--name", "etcd1",
				"--data-dir", root.resolve("etcd").toString(),
				"--listen-client-urls", client, "--advertise-client-urls", client,
				"--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
				"--initial-cluster", "etcd1=" + peer, "--initial-cluster-state", "new")));
	}

	@SuppressWarnings("unchecked")
	private Member startMember(String name, int etcdPort) throws IOException, InterruptedException {
		Path folder = Files.createDirectories(root.resolve(name));
		int postgresPort = freePort();
		int apiPort = freePort();
		Map<String, Object> config;
		try (InputStream in = Files.newInputStream(Path.of("config", "patroni", "patroni.yml"))) {
			config = new Yaml().load(in);
		}
		config.put("name", name);
		config.put("restapi", Map.of("listen", "127.0.0.1:" + apiPort, "connect_address", "127.0.0.1:" + apiPort));
		config.put("etcd3", Map.of("hosts", "127.0.0.1:" + etcdPort));
		Map<String, Object> postgresql = (Map<String, Object>) config.get("postgresql");
		postgresql.put("listen", "127.0.0.1:" + postgresPort);
		postgresql.put("connect_address", "127.0.0.1:" + postgresPort);
		postgresql.put("data_dir", folder.resolve("data").toString());
		postgresql.put("pgpass", folder.resolve("pgpass").toString());
		postgresql.put("bin_dir", BIN_DIR.toString());
		Map<String, Map<String, Object>> authentication = (Map<String, Map<String, Object>>) postgresql.get("authentication");
		authentication.values().forEach(user -> user.put("password", PASSWORD));
		((Map<String, Object>) postgresql.get("parameters")).put("unix_socket_directories", folder.toString());
		// WAL archiving to pgBackRest is BackupRestoreIT's subject; here the archive is not kept
		Map<String, Object> dcs = (Map<String, Object>) ((Map<String, Object>) config.get("bootstrap")).get("dcs");
		((Map<String, Object>) ((Map<String, Object>) dcs.get("postgresql")).get("parameters")).put("archive_command", "/bin/true");
		Path file = folder.resolve("patroni.yml");
		try (Writer out = Files.newBufferedWriter(file)) {
			new Yaml().dump(config, out);
		}
		List<String> command = new ArrayList<>();
		if ("root".equals(System.getProperty("user.name"))) {
			ExternalProgram.run(Duration.ofSeconds(30), List.of("chown", "-R", "postgres:postgres", folder.toString()));
			command.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		command.addAll(List.of("patroni", file.toString()));
		Process process = ExternalProgram.start(root.resolve(name + ".log"), command);
		processes.add(process);
		Member member = new Member(name, postgresPort, apiPort, folder, process);
		members.add(member);
		return member;
	}

	private void startHaproxy() throws IOException, InterruptedException {
		ProcessBuilder haproxy = new ProcessBuilder("haproxy", "-db", "-f", Path.of("config", "haproxy", "haproxy.cfg").toString())
				.redirectErrorStream(true).redirectOutput(root.resolve("haproxy.log").toFile());
		Map<String, String> environment = haproxy.environment();
		environment.put("IMMUNIS_PG_FRONTEND", "127.0.0.1:" + frontendPort);
		for (int i = 0; i < members.size(); i++) {
			environment.put("IMMUNIS_PG" + (i + 1), "127.0.0.1:" + members.get(i).postgresPort());
			environment.put("IMMUNIS_PG" + (i + 1) + "_API", String.valueOf(members.get(i).apiPort()));
		}
		processes.add(haproxy.start());
		await("HAProxy to take connections", Duration.ofSeconds(30), () -> {
			try (java.net.Socket socket = new java.net.Socket("127.0.0.1", frontendPort)) {
				return true;
			} catch (IOException e) {
				return false;
			}
		});
	}

	interface Condition {
		boolean holds() throws IOException, InterruptedException;
	}

	static void await(String what, Duration timeout, Condition condition) throws IOException, InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		while (!condition.holds()) {
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("waited " + timeout + " in vain for " + what);
			}
			Thread.sleep(250);
		}
	}

	@Override
	public void close() {
		for (Process process : processes) {
			List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
			all.add(process.toHandle());
			all.forEach(ProcessHandle::destroyForcibly);
		}
		// a postmaster whose Patroni was killed first lives on, re-parented: stop it by its data folder
		ProcessHandle.allProcesses()
				.filter(process -> process.info().arguments().map(List::of).orElse(List.of()).stream()
						.anyMatch(argument -> argument.startsWith(root.toString())))
				.forEach(ProcessHandle::destroyForcibly);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
