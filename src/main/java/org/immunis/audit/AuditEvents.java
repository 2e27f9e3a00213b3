package org.immunis.audit;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/** Turns an {@link AuditRecord} into an AuditEvent after IHE Basic Audit Log Patterns (BALP). */
final class AuditEvents {

	static final String SUBJECT_SYSTEM = "urn:immunis:subject";
	static final String CLIENT_SYSTEM = "urn:immunis:client";

	private AuditEvents() {}

	/** The AuditEvent outcome code of an HTTP status: 0 (success), 4 (minor failure: refused, bad input) or 8 (serious). */
	static String outcomeCode(int status) {
		return status < 400 ? "0" : status < 500 ? "4" : "8";
	}

	/** @param exists whether a patient id names a stored Patient (only those are referenced; others are named by id) */
	static AuditEvent of(AuditRecord record, Predicate<String> exists) {
		AuditEvent event = new AuditEvent();
		event.getMeta().addProfile("https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit."
				+ (record.action().equals("R") ? "Read" : record.action().equals("E") ? "Query" : "Create"));
		event.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "RESTful Operation"));
		event.addSubtype(new Coding("http://hl7.org/fhir/restful-interaction", record.interaction(), null));
		event.setAction(AuditEvent.AuditEventAction.fromCode(record.action()));
		event.setRecorded(Date.from(record.recorded()));
		event.setOutcome(AuditEvent.AuditEventOutcome.fromCode(outcomeCode(record.status())));
		if (record.outcomeText() != null) {
			event.setOutcomeDesc(record.status() + " " + record.outcomeText());
		} else {
			event.setOutcomeDesc(String.valueOf(record.status()));
		}

		AuditEvent.AuditEventAgentComponent user = event.addAgent().setRequestor(true);
		user.getType().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", "information recipient"));
		// a request refused before its token was accepted names no user and no client
		if (record.subject() != null) {
			user.setWho(new Reference().setIdentifier(new Identifier().setSystem(SUBJECT_SYSTEM).setValue(record.subject())));
		}
		if (record.role() != null) {
			user.addRole().setText(record.role());
		}
		AuditEvent.AuditEventAgentComponent client = event.addAgent().setRequestor(false);
		client.getType().addCoding(new Coding("http://dicom.nema.org/resources/ontology/DCM", "110150", "Application"));
		if (record.clientId() != null) {
			client.setWho(new Reference().setIdentifier(new Identifier().setSystem(CLIENT_SYSTEM).setValue(record.clientId())));
		}
		if (record.organization() != null) {
			// for whom: the organization the user acts for
			AuditEvent.AuditEventAgentComponent organization = event.addAgent().setRequestor(false);
			organization.getType().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/v3-RoleClass", "PROV", "healthcare provider"));
			organization.setWho(new Reference().setIdentifier(new Identifier().setSystem("urn:immunis:organization").setValue(record.organization())));
		}
		for (String patient : record.actingFor()) {
			// for whom: the patients a patient or guardian acts for
			AuditEvent.AuditEventAgentComponent actedFor = event.addAgent().setRequestor(false);
			actedFor.getType().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/v3-RoleClass", "PAT", "patient"));
			actedFor.setWho(new Reference().setIdentifier(new Identifier().setSystem("urn:immunis:patient").setValue(patient)));
		}

		event.getSource().setSite("immunis").setObserver(new Reference().setDisplay("immunis registry"))
				.addType(new Coding("http://terminology.hl7.org/CodeSystem/security-source-type", "4", "Application Server"));

		for (String patient : record.patients()) {
			AuditEvent.AuditEventEntityComponent entity = event.addEntity();
			entity.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person"));
			entity.setRole(new Coding("http://terminology.hl7.org/CodeSystem/object-role", "1", "Patient"));
			entity.setWhat(exists.test(patient)
					? new Reference("Patient/" + patient)
					: new Reference().setIdentifier(new Identifier().setSystem("urn:immunis:patient").setValue(patient)));
		}
		if (record.target() != null) {
			AuditEvent.AuditEventEntityComponent target = event.addEntity();
			target.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object"));
			target.setRole(new Coding("http://terminology.hl7.org/CodeSystem/object-role", "4", "Domain Resource"));
			target.setWhat(new Reference().setDisplay(record.target()));
			if (record.query() != null) {
				target.setRole(new Coding("http://terminology.hl7.org/CodeSystem/object-role", "24", "Query"));
				target.setQuery(record.query().getBytes(StandardCharsets.UTF_8));
			}
		}
		return event;
	}
}
