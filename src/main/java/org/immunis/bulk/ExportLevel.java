package org.immunis.bulk;

/** Where an export was asked for, which decides whose records it holds. */
enum ExportLevel {
	/** {@code [base]/$export}: every patient's records and the directory (organizations, practitioners, locations) */
	SYSTEM,
	/** {@code [base]/Patient/$export}: every patient's records */
	PATIENT,
	/** {@code [base]/Group/[id]/$export}: the records of the group's patients */
	GROUP
}
