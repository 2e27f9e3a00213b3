package org.immunis.validation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;

/** What a Patient must have before the registry stores it: enough to find and deduplicate the person. */
public final class PatientRules {

	public List<RecordProblem> check(Patient patient, Instant now) {
		List<RecordProblem> problems = new ArrayList<>();
		if (patient.getName().stream().noneMatch(PatientRules::isUsableName)) {
			problems.add(new RecordProblem("Patient.name", "a name with a family or given part is required"));
		}
		if (!patient.hasBirthDate()) {
			problems.add(new RecordProblem("Patient.birthDate", "birthDate is required"));
		} else if (patient.getBirthDate().toInstant().isAfter(now)) {
			problems.add(new RecordProblem("Patient.birthDate",
					"birthDate " + patient.getBirthDateElement().getValueAsString() + " is in the future"));
		}
		if (!patient.hasGender()) {
			problems.add(new RecordProblem("Patient.gender", "gender is required (male, female, other or unknown)"));
		}
		return problems;
	}

	private static boolean isUsableName(HumanName name) {
		return name.hasFamily() || name.hasGiven();
	}
}
