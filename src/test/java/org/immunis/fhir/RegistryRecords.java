package org.immunis.fhir;

import java.util.UUID;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.immunis.consent.DataSharingObjection;

/** Registry records as a provider would send them, for the tests. */
public final class RegistryRecords {

	public static final String MRN_SYSTEM = "urn:oid:2.16.840.1.113883.3.9999.1";
	public static final String CVX = "http://hl7.org/fhir/sid/cvx";

	private RegistryRecords() {}

	public static Patient patient(String family, String birthDate) {
		Patient patient = new Patient();
		patient.addIdentifier().setSystem(MRN_SYSTEM).setValue(UUID.randomUUID().toString());
		patient.addName().setFamily(family).addGiven("Test");
		patient.setBirthDateElement(new DateType(birthDate));
		patient.setGender(AdministrativeGender.FEMALE);
		return patient;
	}

	public static Immunization immunization(String patientReference, String cvx, String date) {
		Immunization immunization = new Immunization();
		immunization.setStatus(Immunization.ImmunizationStatus.COMPLETED);
		immunization.getVaccineCode().addCoding().setSystem(CVX).setCode(cvx);
		immunization.setPatient(new Reference(patientReference));
		immunization.setOccurrence(new DateTimeType(date));
		immunization.setPrimarySource(true);
		immunization.setLotNumber("LOT-" + cvx);
		return immunization;
	}

	/** An objection to data sharing as the registry's profile wants it, taken by the given organization. */
	public static Consent objection(String patientId, String organizationId) {
		Consent consent = new Consent();
		consent.setStatus(Consent.ConsentState.ACTIVE);
		consent.getScope().addCoding().setSystem(DataSharingObjection.SCOPE_SYSTEM).setCode(DataSharingObjection.SCOPE_CODE);
		consent.addCategory().addCoding().setSystem(DataSharingObjection.LOINC).setCode(DataSharingObjection.CATEGORY_CODE);
		consent.setPatient(new Reference("Patient/" + patientId));
		consent.setDateTimeElement(new DateTimeType("2024-06-01T09:00:00-04:00"));
		consent.addPerformer(new Reference("Patient/" + patientId));
		consent.addOrganization(new Reference("Organization/" + organizationId));
		consent.addPolicy().setUri(DataSharingObjection.POLICY);
		Consent.ProvisionComponent provision = consent.getProvision().setType(Consent.ConsentProvisionType.DENY);
		Consent.ProvisionComponent exception = provision.addProvision().setType(Consent.ConsentProvisionType.PERMIT);
		for (String role : new String[] {"AUT", "IRCP"}) {
			exception.addActor().setReference(new Reference("Organization/" + organizationId)).getRole().addCoding()
					.setSystem(DataSharingObjection.PARTICIPATION_SYSTEM).setCode(role);
		}
		return consent;
	}

	/** An Organization as the registry profile wants it: a name and its registry role. */
	public static Organization organization(String name, String role) {
		Organization organization = new Organization().setName(name);
		organization.addType().addCoding().setSystem("http://immunis.org/fhir/CodeSystem/organization-role").setCode(role);
		return organization;
	}
}
