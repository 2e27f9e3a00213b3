package org.immunis.fhir;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the registry keeps about one request while it is answered. HAPI answers the entries of a batch on several
 * threads at once, and each entry's sub-request shares its bundle's user data (a plain map): every access goes through
 * here, under that map's lock, and what is kept in it must itself be safe to use from those threads.
 */
public final class RequestState {

	private RequestState() {}

	public static boolean has(RequestDetails request, String key) {
		Map<Object, Object> state = request.getUserData();
		synchronized (state) {
			return state.containsKey(key);
		}
	}

	public static Object get(RequestDetails request, String key) {
		Map<Object, Object> state = request.getUserData();
		synchronized (state) {
			return state.get(key);
		}
	}

	public static void put(RequestDetails request, String key, Object value) {
		Map<Object, Object> state = request.getUserData();
		synchronized (state) {
			state.put(key, value);
		}
	}

	/** The value kept under this key, made by {@code create} the first time it is asked for. */
	@SuppressWarnings("unchecked")
	public static <T> T getOrCreate(RequestDetails request, String key, Supplier<T> create) {
		Map<Object, Object> state = request.getUserData();
		synchronized (state) {
			return (T) state.computeIfAbsent(key, absent -> create.get());
		}
	}

	/** True only the first time it is asked about this key for this request (and its sub-requests). */
	public static boolean firstTime(RequestDetails request, String key) {
		Map<Object, Object> state = request.getUserData();
		synchronized (state) {
			return state.putIfAbsent(key, Boolean.TRUE) == null;
		}
	}
}
