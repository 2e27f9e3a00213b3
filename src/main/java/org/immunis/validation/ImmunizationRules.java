package org.immunis.validation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Immunization;

/** What an Immunization must have before the registry stores it. */
public final class ImmunizationRules {

	private final VaccineCatalog vaccines;

	public ImmunizationRules(VaccineCatalog vaccines) {
		this.vaccines = vaccines;
	}

	public List<RecordProblem> check(Immunization immunization, Instant now) {
		List<RecordProblem> problems = new ArrayList<>();
		if (immunization.getStatus() == null) {
			problems.add(new RecordProblem("Immunization.status", "status is required (completed, entered-in-error or not-done)"));
		}
		checkVaccineCode(immunization, problems);
		if (!immunization.getPatient().hasReference()) {
			problems.add(new RecordProblem("Immunization.patient", "patient is required: a reference to the vaccinated Patient"));
		} else if (!refersToPatient(immunization.getPatient().getReference())) {
			problems.add(new RecordProblem("Immunization.patient", "patient must reference a Patient"));
		}
		checkOccurrence(immunization, now, problems);
		checkDoseQuantity(immunization, problems);
		return problems;
	}

	/** A dose is a positive amount; no vaccine is given in more than this much of any unit (mL, mcg, ...). */
	static final BigDecimal MAX_DOSE_QUANTITY = BigDecimal.valueOf(1000);

	private static void checkDoseQuantity(Immunization immunization, List<RecordProblem> problems) {
		BigDecimal value = immunization.getDoseQuantity().getValue();
		if (value != null && (value.signum() <= 0 || value.compareTo(MAX_DOSE_QUANTITY) > 0)) {
			problems.add(new RecordProblem("Immunization.doseQuantity.value",
					"doseQuantity.value must be greater than 0 and at most " + MAX_DOSE_QUANTITY + " (was "
							+ (value.abs().compareTo(MAX_DOSE_QUANTITY.pow(2)) > 0 ? "far out of range" : value.toPlainString()) + ")"));
		}
	}

	/** A placeholder ({@code urn:uuid:...}) inside a transaction is resolved, and its type checked, by the storage layer. */
	private static boolean refersToPatient(String reference) {
		return reference.startsWith("Patient/") || reference.startsWith("urn:");
	}

	private void checkVaccineCode(Immunization immunization, List<RecordProblem> problems) {
		List<Coding> cvxCodings = immunization.getVaccineCode().getCoding().stream()
				.filter(coding -> VaccineCatalog.CVX_SYSTEM.equals(coding.getSystem()))
				.toList();
		if (cvxCodings.isEmpty()) {
			problems.add(new RecordProblem("Immunization.vaccineCode",
					"vaccineCode needs a CVX coding (system " + VaccineCatalog.CVX_SYSTEM + ")"));
		}
		cvxCodings.stream()
				.filter(coding -> !vaccines.isKnownCvx(coding.getCode()))
				.forEach(coding -> problems.add(new RecordProblem("Immunization.vaccineCode",
						"unknown CVX code '" + coding.getCode() + "'")));
	}

	private static void checkOccurrence(Immunization immunization, Instant now, List<RecordProblem> problems) {
		if (!immunization.hasOccurrenceDateTimeType() || !immunization.getOccurrenceDateTimeType().hasValue()) {
			problems.add(new RecordProblem("Immunization.occurrence",
					"occurrenceDateTime is required: the date the vaccine was given"));
		} else if (immunization.getOccurrenceDateTimeType().getValue().toInstant().isAfter(now)) {
			problems.add(new RecordProblem("Immunization.occurrence",
					"occurrenceDateTime " + immunization.getOccurrenceDateTimeType().getValueAsString() + " is in the future"));
		}
	}
}
