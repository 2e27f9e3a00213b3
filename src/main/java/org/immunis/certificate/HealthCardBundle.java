package org.immunis.certificate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;

/**
 * The FHIR Bundle inside a Health Card, minimal as the SMART Health Cards vaccination IG wants it for QR codes: the
 * Patient with name and birth date only, each Immunization with status, CVX code, patient, date, performer's name and lot
 * number; {@code resource:N} URIs, and no ids, meta, narrative, codings' displays or concepts' texts.
 */
final class HealthCardBundle {

	static final String CVX = "http://hl7.org/fhir/sid/cvx";
	static final String NAME_CLAIM = "Patient.name";
	static final String BIRTH_DATE_CLAIM = "Patient.birthDate";
	static final Set<String> IDENTITY_CLAIMS = Set.of(NAME_CLAIM, BIRTH_DATE_CLAIM);

	/**
	 * @param bundle the Bundle to sign
	 * @param hostedImmunizations the stored Immunization ({@code Immunization/123}) behind each entry after the Patient:
	 *     entry {@code resource:N} is element N-1
	 */
	record Content(Bundle bundle, List<String> hostedImmunizations) {}

	private HealthCardBundle() {}

	/**
	 * @param identityClaims which of {@link #IDENTITY_CLAIMS} the Patient carries
	 * @param performerName the name of who gave a dose, from its performer's actor (null when none is known)
	 */
	static Content of(Patient patient, List<Immunization> immunizations, Set<String> identityClaims,
			Function<Reference, String> performerName) {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
		bundle.addEntry().setFullUrl("resource:0").setResource(minimalPatient(patient, identityClaims));
		List<String> hosted = new ArrayList<>();
		for (Immunization stored : immunizations) {
			bundle.addEntry().setFullUrl("resource:" + (hosted.size() + 1)).setResource(minimalImmunization(stored, performerName));
			hosted.add("Immunization/" + stored.getIdElement().getIdPart());
		}
		return new Content(bundle, List.copyOf(hosted));
	}

	private static Patient minimalPatient(Patient stored, Set<String> identityClaims) {
		Patient patient = new Patient();
		if (identityClaims.contains(NAME_CLAIM)) {
			for (HumanName storedName : stored.getName()) {
				HumanName name = patient.addName().setFamily(storedName.getFamily());
				storedName.getGiven().forEach(given -> name.addGiven(given.getValue()));
			}
		}
		if (identityClaims.contains(BIRTH_DATE_CLAIM)) {
			patient.setBirthDateElement(stored.getBirthDateElement().copy());
		}
		return patient;
	}

	private static Immunization minimalImmunization(Immunization stored, Function<Reference, String> performerName) {
		Immunization immunization = new Immunization();
		immunization.setStatus(stored.getStatus());
		stored.getVaccineCode().getCoding().stream()
				.filter(coding -> CVX.equals(coding.getSystem()))
				.findFirst()
				.ifPresent(cvx -> immunization.getVaccineCode().addCoding(new Coding().setSystem(CVX).setCode(cvx.getCode())));
		immunization.setPatient(new Reference("resource:0"));
		immunization.setOccurrence(stored.getOccurrenceDateTimeType().copy());
		for (Immunization.ImmunizationPerformerComponent performer : stored.getPerformer()) {
			String name = performerName.apply(performer.getActor());
			if (name != null && !name.isBlank()) {
				immunization.addPerformer().setActor(new Reference().setDisplay(name));
			}
		}
		if (stored.hasLotNumber()) {
			immunization.setLotNumber(stored.getLotNumber());
		}
		return immunization;
	}
}
