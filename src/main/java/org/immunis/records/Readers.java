package org.immunis.records;

/** Who may read the records of a type, before the patient's objection and the requester's relations narrow it. */
public enum Readers {
	/** Directory data and envelopes: anybody (what an envelope carries is decided record by record). */
	EVERYONE,
	/** A patient record: the patient's own, and the others as the patient's objection to data sharing allows. */
	AS_THE_PATIENT_SHARES,
	/** The patient it is about and the organization that recorded it (an objection and its withdrawal). */
	THE_PATIENT_AND_THE_RECORDER,
	/** The patient it is about only (the accounting of disclosures); no other role may even ask for it. */
	THE_PATIENT,
	/** The organization that manages it (a school's roster). */
	THE_MANAGING_ORGANIZATION,
	/** The registry admin only. */
	THE_ADMIN
}
