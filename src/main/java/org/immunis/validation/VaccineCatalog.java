package org.immunis.validation;

import java.util.Set;

/** The CVX codes the registry knows. */
public final class VaccineCatalog {

	public static final String CVX_SYSTEM = "http://hl7.org/fhir/sid/cvx";

	private final Set<String> cvxCodes;

	public VaccineCatalog(Set<String> cvxCodes) {
		this.cvxCodes = Set.copyOf(cvxCodes);
	}

	public boolean isKnownCvx(String code) {
		return cvxCodes.contains(code);
	}
}
