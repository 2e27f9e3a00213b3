package org.immunis.records;

/** Who may write the records of a type. */
public enum Writers {
	/** The server alone, for itself: no requester, not even the registry admin (the audit trail). */
	THE_SERVER,
	/** The registry admin only. */
	THE_ADMIN,
	/** The admin; and providers create them and change those their organization recorded. */
	PROVIDERS,
	/** The admin and providers as above; and the patient or guardian records their own (an objection to data sharing). */
	PROVIDERS_AND_PATIENTS
}
