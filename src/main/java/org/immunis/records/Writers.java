package org.immunis.records;

/** Who may write the records of a type besides the registry admin, who may write every type. */
public enum Writers {
	THE_ADMIN,
	/** Providers create them and change those their organization recorded. */
	PROVIDERS,
	/** Providers as above, and the patient or guardian records their own (an objection to data sharing). */
	PROVIDERS_AND_PATIENTS
}
