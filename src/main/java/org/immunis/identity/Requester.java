package org.immunis.identity;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.util.Optional;
import java.util.Set;
import org.immunis.fhir.RequestState;

/**
 * Who is asking: the one requester the registry derives from a request's bearer token. Every FHIR request except
 * {@code metadata} carries one, stored on HAPI's {@link RequestDetails} under {@link #USER_DATA_KEY} before the request is
 * handled; later interceptors (consent, audit) read it with {@link #of(RequestDetails)}.
 *
 * @param subject the token's subject (a user name, or the client id for a system client), for audit
 * @param clientId the OAuth2 client the token was issued to
 * @param role the role the requester plays; null when the token names none, which denies everything
 * @param organization the organization acted for, as a reference such as {@code Organization/123}; null if none
 * @param patients the logical ids of the patients acted for (a patient: self and dependents; narrowed to the launch
 *     patient when the token has a SMART patient context); empty if none
 * @param study the approved study a researcher works on; null if none
 * @param scopes the granted scopes, an upper bound on everything the role allows
 * @param ownPatient the logical id of the patient the requester is (a patient's SMART {@code fhirUser}), whose Patient
 *     record it may read even when a launch context narrows {@code patients} to a dependent; null if none
 */
public record Requester(
		String subject,
		String clientId,
		Role role,
		String organization,
		Set<String> patients,
		String study,
		GrantedScopes scopes,
		String ownPatient) {

	public static final String USER_DATA_KEY = Requester.class.getName();

	public Requester {
		patients = Set.copyOf(patients);
	}

	public Requester(
			String subject, String clientId, Role role, String organization, Set<String> patients, String study,
			GrantedScopes scopes) {
		this(subject, clientId, role, organization, patients, study, scopes, null);
	}

	/** The requester of a request, or empty for work the server does for itself (system requests, batch jobs). */
	public static Optional<Requester> of(RequestDetails request) {
		if (request == null) {
			return Optional.empty();
		}
		Object requester = RequestState.get(request, USER_DATA_KEY);
		// The entries of a batch or transaction are sub-requests that share only the HTTP request with their bundle.
		if (requester == null && request instanceof ServletRequestDetails servlet && servlet.getServletRequest() != null) {
			requester = servlet.getServletRequest().getAttribute(USER_DATA_KEY);
		}
		return Optional.ofNullable((Requester) requester);
	}

	public void attachTo(RequestDetails request) {
		RequestState.put(request, USER_DATA_KEY, this);
		if (request instanceof ServletRequestDetails servlet && servlet.getServletRequest() != null) {
			servlet.getServletRequest().setAttribute(USER_DATA_KEY, this);
		}
	}

	/** The logical id of the organization acted for ({@code 123} of {@code Organization/123}), or null. */
	public String organizationId() {
		return organization == null ? null : organization.substring(organization.indexOf('/') + 1);
	}

	public boolean actsForPatient(String patientId) {
		return patientId != null && patients.contains(patientId);
	}

	/** The patients whose records the sharing decision treats as the requester's own: those acted for and itself. */
	public Set<String> ownPatients() {
		if (ownPatient == null || patients.contains(ownPatient)) {
			return patients;
		}
		Set<String> own = new java.util.HashSet<>(patients);
		own.add(ownPatient);
		return Set.copyOf(own);
	}
}
