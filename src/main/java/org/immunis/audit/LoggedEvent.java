package org.immunis.audit;

/**
 * One AuditEvent as the log holds it: a request's record about one patient (or none).
 *
 * @param patientStored whether the patient is a stored Patient (named by reference; any other id is named by identifier)
 */
record LoggedEvent(AuditRecord record, boolean patientStored) {}
