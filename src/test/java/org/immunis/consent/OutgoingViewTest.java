package org.immunis.consent;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.Set;
import java.util.function.Predicate;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class OutgoingViewTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final Set<String> VISIBLE = Set.of("Patient/seen", "Immunization/seen");
	private static final Predicate<String> DECISION = VISIBLE::contains;

	@Test
	void aRecordPointingOnlyAtVisibleRecordsIsShownAsItIs() {
		Group roster = roster("seen");
		assertThat(OutgoingView.of(FHIR, roster, DECISION)).isSameAs(roster);
	}

	@Test
	void aRosterLosesTheMembersTheRequesterMayNotSee() {
		Group roster = roster("seen", "hidden", "unknown");
		roster.setQuantity(3);
		Group view = (Group) OutgoingView.of(FHIR, roster, DECISION);
		assertThat(view.getMember()).extracting(member -> member.getEntity().getReference()).containsExactly("Patient/seen");
		assertThat(view.getQuantity()).isEqualTo(1);
		assertThat(encoded(view)).doesNotContain("hidden", "unknown");
		assertThat(roster.getMember()).as("the stored record is not changed").hasSize(3);
		assertThat(view.getIdElement().getIdPart()).isEqualTo("g1");
	}

	@Test
	void theRecordsOwnPatientAndDirectoryDataNeedNoDecision() {
		Immunization dose = new Immunization().setPatient(new Reference("Patient/own"));
		dose.addPerformer().setActor(new Reference("Organization/clinic"));
		dose.setLocation(new Reference("Location/site"));
		assertThat(OutgoingView.referencesToDecide(FHIR, dose)).isEmpty();
		assertThat(OutgoingView.of(FHIR, dose, DECISION)).isSameAs(dose);
	}

	@Test
	void aPatientLinkToAHiddenPatientIsRemoved() {
		Patient patient = new Patient();
		patient.setId("own");
		patient.addLink().setOther(new Reference("Patient/hidden")).setType(Patient.LinkType.SEEALSO);
		patient.addLink().setOther(new Reference("Patient/seen")).setType(Patient.LinkType.SEEALSO);
		Patient view = (Patient) OutgoingView.of(FHIR, patient, DECISION);
		assertThat(view.getLink()).extracting(link -> link.getOther().getReference()).containsExactly("Patient/seen");
	}

	@Test
	void aRepeatingReferenceIsRemovedAlone() {
		Provenance provenance = new Provenance();
		provenance.addTarget(new Reference("Immunization/seen"));
		provenance.addTarget(new Reference("Immunization/hidden"));
		Provenance view = (Provenance) OutgoingView.of(FHIR, provenance, DECISION);
		assertThat(view.getTarget()).extracting(Reference::getReference).containsExactly("Immunization/seen");
	}

	@Test
	void anExtensionNamingAHiddenRecordIsRemoved() {
		Immunization dose = new Immunization().setPatient(new Reference("Patient/own"));
		dose.addExtension("http://example.org/related", new Reference("Patient/hidden"));
		dose.addExtension("http://example.org/related", new Reference("Patient/seen"));
		Immunization view = (Immunization) OutgoingView.of(FHIR, dose, DECISION);
		assertThat(view.getExtension()).hasSize(1);
		assertThat(encoded(view)).doesNotContain("hidden");
	}

	@Test
	void aRecordThatNamesAHiddenRecordWhereNothingRepeatsIsNotShown() {
		Observation observation = new Observation().setSubject(new Reference("Patient/hidden"));
		assertThat(OutgoingView.of(FHIR, observation, DECISION)).isNull();
	}

	@Test
	void anAuditEventNamesNoOtherPatientAndNoQuery() {
		AuditEvent event = new AuditEvent();
		event.addAgent().setWho(new Reference("Patient/hidden")).setRequestor(false);
		event.addAgent().setWho(new Reference("Practitioner/doctor")).setRequestor(true);
		event.addEntity().setWhat(new Reference("Patient/seen"))
				.setQuery(new Base64BinaryType("patient=Patient/seen,Patient/hidden".getBytes()).getValue());
		event.addEntity().setWhat(new Reference("Patient/hidden"));
		AuditEvent view = (AuditEvent) OutgoingView.of(FHIR, event, DECISION);
		assertThat(view.getAgent()).extracting(agent -> agent.getWho().getReference()).containsExactly("Practitioner/doctor");
		assertThat(view.getEntity()).extracting(entity -> entity.getWhat().getReference()).containsExactly("Patient/seen");
		assertThat(view.getEntity().get(0).hasQuery()).isFalse();
		assertThat(encoded(view)).doesNotContain("hidden");
	}

	@Test
	void aConsentKeepsItsOwnPatientButNotAHiddenPerformer() {
		Consent consent = new Consent().setPatient(new Reference("Patient/own"));
		consent.addPerformer(new Reference("RelatedPerson/hidden"));
		consent.addOrganization(new Reference("Organization/clinic"));
		Consent view = (Consent) OutgoingView.of(FHIR, consent, DECISION);
		assertThat(view.getPatient().getReference()).isEqualTo("Patient/own");
		assertThat(view.getPerformer()).isEmpty();
		assertThat(view.getOrganization()).hasSize(1);
	}

	@Test
	void containedAndLogicalReferencesNeedNoDecision() {
		Immunization dose = new Immunization().setPatient(new Reference("#p"));
		dose.addReasonReference(new Reference().setIdentifier(new org.hl7.fhir.r4.model.Identifier().setValue("x")));
		assertThat(OutgoingView.referencesToDecide(FHIR, dose)).isEmpty();
	}

	@Test
	void aMessageNamesNoHiddenRecord() {
		String conflict = "HAPI-0515: Unable to delete Patient/seen because at least one resource has a reference to this"
				+ " resource. First reference found was resource Provenance/hidden in path Provenance.target";
		assertThat(OutgoingView.message(conflict, DECISION)).isEqualTo("HAPI-0515: Unable to delete Patient/seen because at"
				+ " least one resource has a reference to this resource. First reference found was resource a record in path"
				+ " Provenance.target");
		assertThat(OutgoingView.message("Organization/clinic is referred to by Immunization/seen/_history/2", DECISION))
				.isEqualTo("Organization/clinic is referred to by Immunization/seen/_history/2");
	}

	@Test
	void anOperationOutcomeIsRedactedInEveryText() {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue().setDiagnostics("First reference found was resource Patient/hidden")
				.setDetails(new CodeableConcept().setText("Group/hidden names it")).addExpression("Patient/hidden");
		outcome.addIssue().setDiagnostics("Patient/seen is fine");
		OperationOutcome view = (OperationOutcome) OutgoingView.of(FHIR, outcome, DECISION);
		assertThat(encoded(view)).doesNotContain("hidden").contains("Patient/seen is fine");
		assertThat(outcome.getIssueFirstRep().getDiagnostics()).as("the stored outcome is untouched").contains("Patient/hidden");
		assertThat(OutgoingView.referencesToDecide(FHIR, outcome)).containsExactly("Patient/hidden", "Group/hidden", "Patient/seen");
	}

	@Test
	void anOperationOutcomeNamingOnlyVisibleRecordsIsShownAsItIs() {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue().setDiagnostics("Immunization/seen of Patient/seen, given by Organization/clinic");
		assertThat(OutgoingView.of(FHIR, outcome, DECISION)).isSameAs(outcome);
	}

	private static Group roster(String... patients) {
		Group group = new Group().setType(Group.GroupType.PERSON).setActual(true);
		group.setId("g1");
		for (String patient : patients) {
			group.addMember().setEntity(new Reference("Patient/" + patient));
		}
		return group;
	}

	private static String encoded(IBaseResource resource) {
		return FHIR.newJsonParser().encodeResourceToString(resource);
	}
}
