package org.immunis.records;

/** What a served resource type is to the registry: who it is about and so how access to it is decided. */
public enum RecordKind {
	/** Directory data about no patient (organizations, practitioners, places): anybody may read it. */
	DIRECTORY,
	/** A clinical record about one patient, governed by the objection to data sharing. */
	PATIENT_RECORD,
	/** A record the registry keeps about patients or requesters (objections, audit, rosters, provenance, files). */
	REGISTRY_RECORD,
	/** What carries records or reports on a request; the records inside are decided one by one. */
	ENVELOPE
}
