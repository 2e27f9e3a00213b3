package org.immunis.certificate;

import java.util.Map;

/** Human-readable vaccine names by CVX code, from the registry IG's CVX CodeSystem. */
final class VaccineNames {

	private final Map<String, String> byCvx;

	VaccineNames(Map<String, String> byCvx) {
		this.byCvx = Map.copyOf(byCvx);
	}

	/** The vaccine's name, or its code when the registry knows no name for it. */
	String of(String cvx) {
		String name = byCvx.get(cvx);
		return name == null || name.isBlank() ? "CVX " + cvx : name;
	}
}
