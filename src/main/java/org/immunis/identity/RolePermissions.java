package org.immunis.identity;

import java.util.Set;
import org.immunis.records.RecordKind;
import org.immunis.records.RecordTypes;

/**
 * What each role may do, before scopes narrow it: the registry's role table. Consent rules (who objected, what a school
 * may see) narrow reads further; this table only says which interactions a role can ever have.
 */
final class RolePermissions {

	/** Under which condition a role may do an interaction on a type. */
	enum Condition {
		ALWAYS,
		/** only on records about a patient the requester acts for */
		OWN_PATIENTS,
		/** only on records the requester's organization recorded */
		OWN_ORGANIZATION_RECORDS,
		NEVER
	}

	/** The clinical records a provider writes; everything else is written by the registry admin. */
	static final Set<String> PROVIDER_WRITABLE = Set.of("Patient", "Immunization", "Condition", "Consent");

	/** The registry's own records, for the registry admin only. */
	static final Set<String> ADMIN_ONLY = Set.of("AuditEvent");

	private RolePermissions() {}

	static Condition of(Role role, String type, Interaction interaction) {
		switch (role) {
			case REGISTRY_ADMIN:
				return Condition.ALWAYS;
			case PROVIDER:
				return provider(type, interaction);
			case PATIENT:
				return patient(type, interaction);
			default: // school, board of health, public health program, researcher: read-only
				return interaction.isRead() && !ADMIN_ONLY.contains(type) ? Condition.ALWAYS : Condition.NEVER;
		}
	}

	private static Condition provider(String type, Interaction interaction) {
		if (interaction.isRead()) {
			return ADMIN_ONLY.contains(type) ? Condition.NEVER : Condition.ALWAYS;
		}
		if (!PROVIDER_WRITABLE.contains(type)) {
			return Condition.NEVER;
		}
		return interaction == Interaction.CREATE ? Condition.ALWAYS : Condition.OWN_ORGANIZATION_RECORDS;
	}

	// Patients and guardians read their own records and the directory, and record their own consent decisions.
	private static Condition patient(String type, Interaction interaction) {
		if (interaction.isRead() && "AuditEvent".equals(type)) {
			// the accounting of disclosures: the AuditEvents about their own record
			return Condition.OWN_PATIENTS;
		}
		if (interaction.isRead() && RecordTypes.is(type, RecordKind.DIRECTORY)) {
			return Condition.ALWAYS;
		}
		if (interaction.isRead() && RecordTypes.isAboutPatients(type)) {
			return Condition.OWN_PATIENTS;
		}
		boolean consentWrite = "Consent".equals(type)
				&& (interaction == Interaction.CREATE || interaction == Interaction.UPDATE);
		return consentWrite ? Condition.OWN_PATIENTS : Condition.NEVER;
	}
}
