package org.immunis.benchmark;

import java.util.Arrays;

/** Response times of one kind of request, in milliseconds. */
final class Latencies {

	private final double[] millis;
	private int count;

	Latencies(int capacity) {
		millis = new double[capacity];
	}

	void add(long nanos) {
		millis[count++] = nanos / 1_000_000.0;
	}

	double percentile(double p) {
		double[] sorted = Arrays.copyOf(millis, count);
		Arrays.sort(sorted);
		int index = (int) Math.ceil(p / 100.0 * count) - 1;
		return sorted[Math.max(0, Math.min(index, count - 1))];
	}
}
