package org.immunis.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RequestStateTest {

	private static final int THREADS = 8;
	private static final int KEYS = 2_000;

	@Test
	void entriesAnsweredAtOnceShareOneValuePerKeyAndEachKeyIsFirstOnlyOnce() throws Exception {
		SystemRequestDetails bundle = new SystemRequestDetails();
		Set<Object> made = ConcurrentHashMap.newKeySet();
		AtomicInteger firsts = new AtomicInteger();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService entries = Executors.newFixedThreadPool(THREADS);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int thread = 0; thread < THREADS; thread++) {
				done.add(entries.submit(() -> {
					start.await();
					for (int key = 0; key < KEYS; key++) {
						made.add(RequestState.getOrCreate(bundle, "value-" + key, Object::new));
						if (RequestState.firstTime(bundle, "first-" + key)) {
							firsts.incrementAndGet();
						}
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> entry : done) {
				entry.get();
			}
		} finally {
			entries.shutdown();
		}
		assertThat(made).hasSize(KEYS);
		assertThat(firsts).hasValue(KEYS);
		assertThat(RequestState.has(bundle, "value-0")).isTrue();
		assertThat(RequestState.has(bundle, "unknown")).isFalse();
	}
}
