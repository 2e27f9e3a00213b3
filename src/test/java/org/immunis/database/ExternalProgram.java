package org.immunis.database;

import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A program of the operating system a test drives (Debian's pgBackRest, Patroni, etcd, HAProxy). CI installs them
 * ({@code .ci/run}); where one is missing the test is skipped with a loud message rather than passing silently.
 */
final class ExternalProgram {

	private ExternalProgram() {}

	/** The program's path on {@code PATH} (or in one of these folders); aborts the test loudly when it is missing. */
	static String require(String program, String debianPackage, Path... alsoIn) {
		Optional<Path> found = Stream.concat(Stream.of(alsoIn),
						Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).filter(dir -> !dir.isEmpty()).map(Path::of))
				.map(dir -> dir.resolve(program))
				.filter(Files::isExecutable)
				.findFirst();
		if (found.isEmpty()) {
			String message = "SKIPPED: " + program + " is not installed (Debian package " + debianPackage
					+ "; .ci/run installs it). This test did NOT run.";
			System.err.println("\n" + "!".repeat(message.length()) + "\n" + message + "\n" + "!".repeat(message.length()) + "\n");
			abort(message);
		}
		return found.get().toString();
	}

	/** Runs a command to its end and answers its output; fails when it exits other than 0 or outlasts the timeout. */
	static String run(Duration timeout, List<String> command) throws IOException, InterruptedException {
		Path output = Files.createTempFile("command", ".log");
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly().waitFor();
				throw new IllegalStateException(command + " did not end within " + timeout + ":\n" + Files.readString(output));
			}
			String text = Files.readString(output);
			if (process.exitValue() != 0) {
				throw new IllegalStateException(command + " exited with " + process.exitValue() + ":\n" + text);
			}
			return text;
		} finally {
			Files.deleteIfExists(output);
		}
	}

	/** Starts a long-running program with its output in this log file; the caller stops it. */
	static Process start(Path log, List<String> command) throws IOException {
		Files.createDirectories(log.getParent());
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}
}
