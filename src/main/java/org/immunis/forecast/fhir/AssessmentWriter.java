package org.immunis.forecast.fhir;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.ImmunizationEvaluation;
import org.hl7.fhir.r4.model.ImmunizationRecommendation;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Reference;
import org.immunis.forecast.AntigenAssessment;
import org.immunis.forecast.AntigenDoseEvaluation;
import org.immunis.forecast.Assessment;
import org.immunis.forecast.DoseEvaluation;
import org.immunis.forecast.EvaluationStatus;
import org.immunis.forecast.Forecast;
import org.immunis.forecast.VaccineGroupAssessment;

/**
 * Writes an engine {@link Assessment} as FHIR: one ImmunizationRecommendation with a recommendation per CDSi vaccine
 * group, and one ImmunizationEvaluation per dose and vaccine group.
 */
final class AssessmentWriter {

	/** The evaluation of a dose for one vaccine group. */
	ImmunizationEvaluation evaluation(String patientReference, LocalDate assessmentDate, VaccineGroupAssessment group,
			DoseEvaluation dose) {
		ImmunizationEvaluation evaluation = new ImmunizationEvaluation();
		evaluation.setStatus(ImmunizationEvaluation.ImmunizationEvaluationStatus.COMPLETED);
		evaluation.setPatient(patient(patientReference));
		evaluation.setDateElement(date(assessmentDate));
		evaluation.setAuthority(new Reference().setDisplay(ForecastCodes.AUTHORITY));
		evaluation.setTargetDisease(ForecastCodes.targetDisease(antigens(group)));
		evaluation.setImmunizationEvent(immunization(dose.dose().id()));
		evaluation.setSeries(group.vaccineGroup());
		boolean valid = dose.status() == EvaluationStatus.VALID;
		evaluation.setDoseStatus(new CodeableConcept(new Coding(ForecastCodes.DOSE_STATUS,
				valid ? "valid" : "notvalid", valid ? "Valid" : "Not valid")));
		if (!valid) {
			evaluation.addDoseStatusReason(reason(dose));
		}
		Integer doseNumber = targetDoseNumber(dose);
		if (valid && doseNumber != null) {
			evaluation.setDoseNumber(new PositiveIntType(doseNumber));
		}
		evaluation.setDescription(ForecastWords.evaluationText(dose, doseNumber));
		return evaluation;
	}

	List<ImmunizationEvaluation> evaluations(String patientReference, Assessment assessment) {
		List<ImmunizationEvaluation> evaluations = new ArrayList<>();
		for (VaccineGroupAssessment group : assessment.vaccineGroups()) {
			for (DoseEvaluation dose : group.doses()) {
				evaluations.add(evaluation(patientReference, assessment.assessmentDate(), group, dose));
			}
		}
		return evaluations;
	}

	ImmunizationRecommendation recommendation(String patientReference, Assessment assessment) {
		ImmunizationRecommendation recommendation = new ImmunizationRecommendation();
		recommendation.setPatient(patient(patientReference));
		recommendation.setDateElement(date(assessment.assessmentDate()));
		recommendation.setAuthority(new Reference().setDisplay(ForecastCodes.AUTHORITY + " (CDC supporting data "
				+ assessment.scheduleVersion() + ")"));
		LocalDate nextDueDate = assessment.vaccineGroups().stream()
				.map(VaccineGroupAssessment::forecast)
				.filter(forecast -> forecast != null && forecast.recommended().isAfter(assessment.assessmentDate()))
				.map(Forecast::recommended)
				.min(LocalDate::compareTo).orElse(null);
		for (VaccineGroupAssessment group : assessment.vaccineGroups()) {
			var entry = recommendation.addRecommendation();
			entry.addVaccineCode(ForecastCodes.vaccineGroup(group.vaccineGroup()));
			entry.setTargetDisease(ForecastCodes.targetDisease(antigens(group)));
			entry.setForecastStatus(ForecastCodes.forecastStatus(group.status()));
			entry.setSeries(group.vaccineGroup());
			Forecast forecast = group.forecast();
			if (forecast != null) {
				entry.setDoseNumber(new PositiveIntType(forecast.doseNumber()));
				addDate(entry, ForecastCodes.EARLIEST, forecast.earliest());
				addDate(entry, ForecastCodes.RECOMMENDED, forecast.recommended());
				addDate(entry, ForecastCodes.PAST_DUE, forecast.pastDue());
				addDate(entry, ForecastCodes.LATEST, forecast.latest());
				ForecastWords.Timing timing = ForecastWords.timing(forecast, assessment.assessmentDate(), nextDueDate);
				entry.addForecastReason(new CodeableConcept(new Coding(ForecastWords.TIMING, timing.code, timing.display))
						.setText(ForecastWords.timingText(timing, forecast)));
				if (!forecast.vaccineCvx().isEmpty()) {
					entry.setDescription("Vaccines to give (CVX): " + String.join(", ", forecast.vaccineCvx()));
				}
			}
			for (DoseEvaluation dose : group.doses()) {
				if (dose.status() == EvaluationStatus.VALID && ForecastInputReader.isReference(dose.dose().id())) {
					entry.addSupportingImmunization(new Reference(dose.dose().id()));
				}
			}
		}
		return recommendation;
	}

	private static void addDate(ImmunizationRecommendation.ImmunizationRecommendationRecommendationComponent entry,
			String loincCode, LocalDate date) {
		if (date != null) {
			entry.addDateCriterion().setCode(ForecastCodes.dateCriterion(loincCode)).setValueElement(date(date));
		}
	}

	/** "Not Valid: Interval: Too Soon", "Extraneous: Series Already Complete", "Sub-standard: Expired". */
	private static CodeableConcept reason(DoseEvaluation dose) {
		String code = dose.status().name().toLowerCase().replace('_', '-');
		String text = dose.status().cdsiName() + (dose.reason() == null || dose.reason().isBlank() ? "" : ": " + dose.reason());
		return new CodeableConcept(new Coding(ForecastCodes.EVALUATION_STATUS, code, dose.status().cdsiName())).setText(text);
	}

	private static Integer targetDoseNumber(DoseEvaluation dose) {
		return dose.antigens().stream()
				.map(AntigenDoseEvaluation::targetDoseNumber)
				.filter(number -> number != null)
				.findFirst()
				.orElse(null);
	}

	private static Set<String> antigens(VaccineGroupAssessment group) {
		Set<String> antigens = new LinkedHashSet<>();
		group.antigens().stream().map(AntigenAssessment::antigen).forEach(antigens::add);
		return antigens;
	}

	private static Reference patient(String reference) {
		return reference == null ? new Reference().setDisplay("the patient in the request") : new Reference(reference);
	}

	private static Reference immunization(String doseId) {
		return ForecastInputReader.isReference(doseId) ? new Reference(doseId) : new Reference().setDisplay(doseId);
	}

	/** The day itself ("2025-03-01"), whatever the server's time zone. */
	private static DateTimeType date(LocalDate date) {
		return new DateTimeType(date.toString());
	}
}
