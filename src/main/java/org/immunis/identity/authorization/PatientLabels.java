package org.immunis.identity.authorization;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * How the consent page names a patient the person acts for: name and birth date, read as the server (the person acts for
 * the patient, so they may see it; the page shows nothing of patients they do not act for).
 */
@Component
@ConditionalOnProperty(name = "immunis.identity.authorization-server.enabled", havingValue = "true")
class PatientLabels {

	private static final DateTimeFormatter BIRTH_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

	private final DaoRegistry daos;

	PatientLabels(DaoRegistry daos) {
		this.daos = daos;
	}

	String of(String patientId) {
		try {
			IFhirResourceDao<Patient> patients = daos.getResourceDao(Patient.class);
			Patient patient = patients.read(new IdType("Patient", patientId), new SystemRequestDetails());
			String name = patient.getNameFirstRep().getNameAsSingleString();
			return patient.hasBirthDate()
					? name + ", born " + BIRTH_DATE.format(patient.getBirthDateElement().getValueAsCalendar().toZonedDateTime())
					: name;
		} catch (BaseServerResponseException unknown) {
			return "a record not in the registry yet (" + patientId + ")";
		}
	}
}
