package org.immunis.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL left running on the registry's data directory by a server that died without stopping it (after
 * {@code kill -9} of the JVM the postmaster lives on, re-parented, and its {@code postmaster.pid} blocks the next start).
 *
 * <p>A running server holds the embedded library's lock file in the data directory for as long as it lives; the
 * operating system releases it when the process dies. So a postmaster of this data directory while nobody holds the
 * lock has been orphaned: it is stopped (SIGTERM, PostgreSQL's smart shutdown; its clients died with the old server)
 * before the database is started again. While another server holds the lock, start-up is refused.
 */
final class OrphanedPostmaster {

	private static final Logger LOG = LoggerFactory.getLogger(OrphanedPostmaster.class);
	/** The lock file of the embedded library (zonky), held by the server that runs the database. */
	static final String SERVER_LOCK_FILE = "epg-lock";
	static final String PID_FILE = "postmaster.pid";
	private static final Duration STOP_WAIT = Duration.ofSeconds(60);

	private OrphanedPostmaster() {}

	/** Stops the orphaned postmaster of this data directory, if there is one; refuses a directory another server runs. */
	static void stopIfAny(Path dataDirectory) {
		Path lockFile = dataDirectory.resolve(SERVER_LOCK_FILE);
		if (!Files.exists(dataDirectory.resolve(PID_FILE))) {
			return;
		}
		try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
				FileLock lock = tryLock(channel)) {
			if (lock == null) {
				throw new IllegalStateException("The database in " + dataDirectory + " is run by another server");
			}
			postmasterOf(dataDirectory).ifPresent(postmaster -> stop(postmaster, dataDirectory));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Null when another process holds the lock, or this one (another database object on the same directory). */
	private static FileLock tryLock(FileChannel channel) throws IOException {
		try {
			return channel.tryLock();
		} catch (OverlappingFileLockException e) {
			return null;
		}
	}

	/** The live PostgreSQL process named in the pid file, if it serves this data directory. */
	static Optional<ProcessHandle> postmasterOf(Path dataDirectory) throws IOException {
		Path pidFile = dataDirectory.resolve(PID_FILE);
		List<String> lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
		if (lines.size() < 2 || !lines.get(0).strip().matches("\\d+")) {
			return Optional.empty();
		}
		boolean ourDirectory = Path.of(lines.get(1).strip()).toAbsolutePath().normalize()
				.equals(dataDirectory.toAbsolutePath().normalize());
		return ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
				.filter(ProcessHandle::isAlive)
				.filter(process -> ourDirectory && isPostgres(process));
	}

	private static boolean isPostgres(ProcessHandle process) {
		return process.info().command().map(command -> Path.of(command).getFileName().toString().equals("postgres"))
				.orElse(false);
	}

	private static void stop(ProcessHandle postmaster, Path dataDirectory) {
		LOG.warn("Stopping the PostgreSQL (pid {}) that a previous server left running on {}", postmaster.pid(), dataDirectory);
		postmaster.destroy();
		try {
			postmaster.onExit().get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
		} catch (TimeoutException e) {
			throw new IllegalStateException("The PostgreSQL left running on " + dataDirectory + " (pid " + postmaster.pid()
					+ ") did not stop within " + STOP_WAIT.toSeconds() + " s", e);
		} catch (ExecutionException e) {
			throw new IllegalStateException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
