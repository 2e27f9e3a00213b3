package org.immunis.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Patient;
import org.immunis.forecast.AdministeredDose;
import org.immunis.forecast.schedule.CvxAntigenAssociation;
import org.immunis.forecast.schedule.Schedule;

/**
 * Reads a {@link ReportedPatient} off a Patient and the Immunizations of it the requester may see: each completed
 * Immunization is a dose (CVX, MVX, lot expiration, sub-potent, as {@code $immds-forecast} reads them); one not done
 * for reason IMMUNE records evidence of immunity, for reason MEDPREC a medical precaution (v3 ActReason), for the
 * antigens of its vaccine.
 */
final class PatientRecordReader {

	static final String CVX = "http://hl7.org/fhir/sid/cvx";
	static final String MVX = "http://hl7.org/fhir/sid/mvx";

	private final Schedule schedule;

	PatientRecordReader(Schedule schedule) {
		this.schedule = schedule;
	}

	ReportedPatient read(Patient patient, List<Immunization> immunizations) {
		List<AdministeredDose> doses = new ArrayList<>();
		Set<String> immune = new HashSet<>();
		Set<String> contraindicated = new HashSet<>();
		for (Immunization immunization : immunizations) {
			String cvx = cvx(immunization);
			if (cvx == null || !immunization.hasOccurrenceDateTimeType()) {
				continue;
			}
			LocalDate date = day(immunization.getOccurrenceDateTimeType().getValueAsString());
			if (immunization.getStatus() == Immunization.ImmunizationStatus.COMPLETED) {
				doses.add(dose(immunization, cvx, date));
			} else if (immunization.getStatus() == Immunization.ImmunizationStatus.NOTDONE) {
				Set<String> target = reasonCodes(immunization).contains("IMMUNE") ? immune
						: reasonCodes(immunization).contains("MEDPREC") ? contraindicated : null;
				if (target != null) {
					schedule.antigensOf(cvx).stream().map(CvxAntigenAssociation::antigen).forEach(target::add);
				}
			}
		}
		return new ReportedPatient(patient.getIdElement().getIdPart(), day(patient.getBirthDateElement().getValueAsString()),
				patient.getGender() == null ? "unknown" : patient.getGender().toCode(), town(patient), doses, immune, contraindicated);
	}

	private static AdministeredDose dose(Immunization immunization, String cvx, LocalDate date) {
		String mvx = MVX.equals(immunization.getManufacturer().getIdentifier().getSystem())
				? immunization.getManufacturer().getIdentifier().getValue() : null;
		LocalDate expiration = immunization.hasExpirationDate() ? day(immunization.getExpirationDateElement().getValueAsString()) : null;
		return new AdministeredDose("Immunization/" + immunization.getIdElement().getIdPart(), date, cvx, mvx, expiration,
				immunization.getIsSubpotent());
	}

	private static Set<String> reasonCodes(Immunization immunization) {
		Set<String> codes = new HashSet<>();
		immunization.getStatusReason().getCoding().forEach(coding -> codes.add(coding.getCode()));
		return codes;
	}

	private static String cvx(Immunization immunization) {
		return immunization.getVaccineCode().getCoding().stream()
				.filter(coding -> CVX.equals(coding.getSystem()))
				.map(Coding::getCode)
				.findFirst().orElse(null);
	}

	/** The town of the patient's current address (an old one does not count), as written. */
	static String town(Patient patient) {
		return patient.getAddress().stream()
				.filter(address -> address.getUse() != Address.AddressUse.OLD && address.hasCity())
				.map(address -> address.getCity().trim())
				.findFirst().orElse(null);
	}

	static boolean livesIn(Patient patient, String town) {
		String current = town(patient);
		return current != null && current.toLowerCase(Locale.ROOT).equals(town.trim().toLowerCase(Locale.ROOT));
	}

	// a date given to the year or month only is taken as its first day
	private static LocalDate day(String value) {
		if (value.length() == 4) {
			return LocalDate.parse(value + "-01-01");
		}
		return LocalDate.parse(value.length() == 7 ? value + "-01" : value.substring(0, 10));
	}
}
