package org.immunis.fhir;

import java.util.UUID;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;

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
}
