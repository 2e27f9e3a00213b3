package org.immunis.identity;

import java.util.List;
import org.immunis.records.RecordTypes;

/**
 * The permission decision: may this requester do this interaction on this type (and record)? The role table says what
 * the role may ever do, the SMART scopes are an upper bound on it, and patient-context scopes reach only the patients
 * the requester acts for. Denies by default; every denial names its reason.
 */
public final class PermissionPolicy {

	private PermissionPolicy() {}

	public static PermissionDecision decide(Requester requester, Access access) {
		String unusable = whyUnusable(requester);
		if (unusable != null) {
			return PermissionDecision.deny(unusable);
		}
		String type = access.resourceType();
		RolePermissions.Condition condition = RolePermissions.of(requester.role(), type, access.interaction());
		if (condition == RolePermissions.Condition.NEVER) {
			return PermissionDecision.deny("role " + requester.role().claimValue() + " may not "
					+ access.interaction().name().toLowerCase() + " " + type);
		}
		List<SmartScope> scopes = requester.scopes().covering(type, access.interaction());
		if (scopes.isEmpty()) {
			return PermissionDecision.deny("no granted scope allows " + access.interaction().name().toLowerCase() + " " + type);
		}
		boolean patientScopesOnly = scopes.stream().allMatch(scope -> scope.context() == SmartScope.Context.PATIENT);
		boolean needsPatient = RecordTypes.isAboutPatients(type)
				&& (condition == RolePermissions.Condition.OWN_PATIENTS || patientScopesOnly);
		boolean needsOwner = condition == RolePermissions.Condition.OWN_ORGANIZATION_RECORDS;
		if (!needsPatient && !needsOwner) {
			return PermissionDecision.allow();
		}
		RecordFacts record = access.record();
		if (record == null) {
			return PermissionDecision.needsRecord();
		}
		if (needsPatient && !requester.actsForPatient(record.patientId()) && !readsOwnRecord(requester, access)) {
			return PermissionDecision.deny("the record is not about a patient the requester acts for");
		}
		if (needsOwner && (record.recordedBy() == null || !record.recordedBy().equals(requester.organizationId()))) {
			return PermissionDecision.deny("only the organization that recorded it may change this record");
		}
		return PermissionDecision.allow();
	}

	// The SMART fhirUser's own Patient record, and nothing else of theirs, outside a launch context that names another.
	private static boolean readsOwnRecord(Requester requester, Access access) {
		return "Patient".equals(access.resourceType())
				&& access.interaction().isRead()
				&& requester.ownPatient() != null
				&& requester.ownPatient().equals(access.record().patientId());
	}

	/** Why a requester can do nothing at all (no role, or not the affiliation its role needs), or null if it can. */
	public static String whyUnusable(Requester requester) {
		if (requester.role() == null) {
			return "the token names no registry role";
		}
		if (requester.role().actsForOrganization() && requester.organization() == null) {
			return "the token names no organization for role " + requester.role().claimValue();
		}
		if (requester.role() == Role.RESEARCHER && requester.study() == null) {
			return "the token names no approved study";
		}
		if (requester.role() == Role.PATIENT && requester.patients().isEmpty()) {
			return "the token names no patient";
		}
		return null;
	}
}
