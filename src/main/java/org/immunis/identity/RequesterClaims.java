package org.immunis.identity;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Derives the {@link Requester} from a verified token's claims. */
public final class RequesterClaims {

	private final IdentityProperties.ClaimNames names;

	public RequesterClaims(IdentityProperties.ClaimNames names) {
		this.names = names;
	}

	public Requester requesterOf(Map<String, Object> claims) {
		Role role = Role.fromClaim(text(claims.get(names.role()))).orElse(null);
		String clientId = text(claims.get("client_id")) != null ? text(claims.get("client_id")) : text(claims.get("azp"));
		return new Requester(
				text(claims.get("sub")),
				clientId,
				role,
				reference("Organization", text(claims.get(names.organization()))),
				patientsOf(claims, role),
				text(claims.get(names.study())),
				GrantedScopes.parse(scopesOf(claims)),
				ownPatientOf(claims, role));
	}

	// SMART lets an app read the fhirUser's own record, whichever patient the launch picked.
	private String ownPatientOf(Map<String, Object> claims, Role role) {
		String fhirUser = text(claims.get(names.fhirUser()));
		boolean patientUser = role == Role.PATIENT && fhirUser != null && fhirUser.contains("Patient/");
		return patientUser ? logicalId("Patient", fhirUser) : null;
	}

	private Set<String> patientsOf(Map<String, Object> claims, Role role) {
		Set<String> actedFor = new LinkedHashSet<>();
		list(claims.get(names.patients())).forEach(patient -> actedFor.add(logicalId("Patient", patient)));
		String fhirUser = text(claims.get(names.fhirUser()));
		if (role == Role.PATIENT && fhirUser != null && fhirUser.contains("Patient/")) {
			actedFor.add(logicalId("Patient", fhirUser));
		}
		String launchPatient = text(claims.get(names.launchPatient()));
		if (launchPatient == null) {
			return actedFor;
		}
		String launched = logicalId("Patient", launchPatient);
		// A patient context outside the patients the token says the requester acts for narrows to nobody.
		return actedFor.isEmpty() || actedFor.contains(launched) ? Set.of(launched) : Set.of();
	}

	private static Collection<String> scopesOf(Map<String, Object> claims) {
		Object scope = claims.containsKey("scope") ? claims.get("scope") : claims.get("scp");
		if (scope instanceof String text) {
			return Arrays.stream(text.trim().split("\\s+")).filter(value -> !value.isEmpty()).toList();
		}
		return list(scope);
	}

	private static List<String> list(Object value) {
		if (value instanceof Collection<?> values) {
			return values.stream().map(String::valueOf).toList();
		}
		return value == null ? List.of() : List.of(String.valueOf(value));
	}

	private static String text(Object value) {
		return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value);
	}

	private static String reference(String type, String value) {
		return value == null ? null : type + "/" + logicalId(type, value);
	}

	// "Patient/123", "https://host/fhir/Patient/123" and "123" all name patient 123.
	private static String logicalId(String type, String value) {
		int at = value.lastIndexOf(type + "/");
		return at < 0 ? value : value.substring(at + type.length() + 1);
	}
}
