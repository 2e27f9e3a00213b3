package org.immunis.ig;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Measures the per-resource cost of registry validation (not a test; run by hand, see ig/README.md). It reports CPU
 * time per resource besides wall-clock time, because on a shared machine the wall clock mostly measures the others.
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) org.immunis.ig.RegistryValidationBenchmark [threads]
 */
public final class RegistryValidationBenchmark {

	private static final int WARM_UP_ROUNDS = 2_000;
	private static final int MEASURED_ROUNDS = 5_000;

	private RegistryValidationBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
		long loadingStartedAt = System.nanoTime();
		RegistryValidatorFactory factory = RegistryValidatorFactory.forClasspathPackage(FhirContext.forR4Cached());
		System.out.printf("validator ready in %d ms%n", (System.nanoTime() - loadingStartedAt) / 1_000_000);

		for (String example : List.of("Patient-example-child.json", "Immunization-example-administered.json", "Consent-example-objection.json")) {
			IBaseResource resource = RegistryTestSupport.parse(RegistryTestSupport.VALID_EXAMPLES.resolve(example));
			validateRepeatedly(factory.validator(), resource, WARM_UP_ROUNDS, threads);
			long startedAt = System.nanoTime();
			long cpuNanos = validateRepeatedly(factory.validator(), resource, MEASURED_ROUNDS, threads);
			double wallMicros = (System.nanoTime() - startedAt) / 1_000.0 / MEASURED_ROUNDS;
			double cpuMicros = cpuNanos / 1_000.0 / MEASURED_ROUNDS;
			System.out.printf("%-40s %d thread(s): %5.0f µs CPU per resource (%4.0f resources/s per core), %5.0f µs wall clock (%4.0f resources/s)%n",
				example, threads, cpuMicros, 1_000_000 / cpuMicros, wallMicros, 1_000_000 / wallMicros);
		}
	}

	/** Returns the CPU time the validating threads used. */
	private static long validateRepeatedly(FhirValidator validator, IBaseResource resource, int rounds, int threads) throws Exception {
		ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<Long>> work = IntStream.range(0, threads)
				.mapToObj(thread -> executor.submit(() -> {
					long cpuAtStart = threadBean.getCurrentThreadCpuTime();
					for (int round = thread; round < rounds; round += threads) {
						validator.validateWithResult(resource);
					}
					return threadBean.getCurrentThreadCpuTime() - cpuAtStart;
				}))
				.toList();
			long cpuNanos = 0;
			for (Future<Long> future : work) {
				cpuNanos += future.get();
			}
			return cpuNanos;
		} finally {
			executor.shutdown();
		}
	}
}
