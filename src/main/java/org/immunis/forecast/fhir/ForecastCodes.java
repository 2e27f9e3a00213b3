package org.immunis.forecast.fhir;

import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.immunis.forecast.SeriesStatus;

/** The code systems, codes and URLs of the registry's {@code $immds-forecast} forms (see docs/forecast.md). */
final class ForecastCodes {

	static final String OPERATION = "$immds-forecast";
	static final String LOINC = "http://loinc.org";
	static final String SNOMED = "http://snomed.info/sct";
	static final String CVX = "http://hl7.org/fhir/sid/cvx";
	static final String MVX = "http://hl7.org/fhir/sid/mvx";
	static final String FORECAST_STATUS = "http://hl7.org/fhir/us/immds/CodeSystem/ForecastStatus";
	static final String DOSE_STATUS = "http://terminology.hl7.org/CodeSystem/immunization-evaluation-dose-status";
	/** The registry's codes for CDSi vaccine groups: the code is CDC's group name ("DTaP/Tdap/Td"). */
	static final String VACCINE_GROUP = "http://immunis.org/fhir/CodeSystem/cdsi-vaccine-group";
	/** The registry's codes for CDSi dose evaluation statuses: valid, not-valid, extraneous, sub-standard. */
	static final String EVALUATION_STATUS = "http://immunis.org/fhir/CodeSystem/cdsi-evaluation-status";
	/** CDSi observation codes ("055" health care personnel), for conditions sent without SNOMED or PHIN VS codes. */
	static final String CDSI_OBSERVATION = "http://immunis.org/fhir/CodeSystem/cdsi-observation";
	/** Marks a CDSi-evaluated stored dose flagged at ingest. */
	static final String AUTHORITY = "immunis CDSi evaluation";

	static final String EARLIEST = "30981-5";
	static final String RECOMMENDED = "30980-7";
	static final String PAST_DUE = "59778-1";
	static final String LATEST = "59777-3";

	private static final Map<String, String> DATE_DISPLAYS = Map.of(
			EARLIEST, "Earliest date to give",
			RECOMMENDED, "Date vaccine due",
			PAST_DUE, "Date when overdue for immunization",
			LATEST, "Latest date to give immunization");

	/** SNOMED CT diseases of the CDSi antigens; antigens missing here are named in the text only. */
	private static final Map<String, String> DISEASES = Map.ofEntries(
			Map.entry("Diphtheria", "397430003"), Map.entry("Tetanus", "76902006"), Map.entry("Pertussis", "27836007"),
			Map.entry("HepA", "40468003"), Map.entry("HepB", "66071002"), Map.entry("HPV", "240532009"),
			Map.entry("Influenza", "6142004"), Map.entry("Measles", "14189004"), Map.entry("Mumps", "36989005"),
			Map.entry("Rubella", "36653000"), Map.entry("Meningococcal", "23511006"),
			Map.entry("Pneumococcal", "16814004"), Map.entry("Polio", "398102009"), Map.entry("Rotavirus", "18624000"),
			Map.entry("RSV", "55735004"), Map.entry("Varicella", "38907003"), Map.entry("Zoster", "4740000"),
			Map.entry("COVID-19", "840539006"), Map.entry("Yellow Fever", "16541001"), Map.entry("Rabies", "14168008"),
			Map.entry("Typhoid", "4834000"), Map.entry("Japanese Encephalitis", "52947006"),
			Map.entry("Cholera", "63650001"), Map.entry("Dengue", "38362002"));

	private ForecastCodes() {}

	static CodeableConcept dateCriterion(String loincCode) {
		return new CodeableConcept(new Coding(LOINC, loincCode, DATE_DISPLAYS.get(loincCode)));
	}

	static CodeableConcept vaccineGroup(String name) {
		return new CodeableConcept(new Coding(VACCINE_GROUP, name, name)).setText(name);
	}

	/** The diseases of a group's antigens: one SNOMED coding per antigen that has one, the antigens in the text. */
	static CodeableConcept targetDisease(Iterable<String> antigens) {
		CodeableConcept concept = new CodeableConcept();
		StringBuilder text = new StringBuilder();
		for (String antigen : antigens) {
			String code = DISEASES.get(antigen);
			if (code != null) {
				concept.addCoding(new Coding(SNOMED, code, antigen));
			}
			text.append(text.length() == 0 ? "" : ", ").append(antigen);
		}
		return concept.setText(text.toString());
	}

	static CodeableConcept forecastStatus(SeriesStatus status) {
		String code;
		switch (status) {
			case COMPLETE: code = "complete"; break;
			case IMMUNE: code = "immune"; break;
			case CONTRAINDICATED: code = "contraindicated"; break;
			case AGED_OUT: code = "agedOut"; break;
			case NOT_RECOMMENDED: code = "notRecommended"; break;
			default: code = "notComplete"; break;
		}
		return new CodeableConcept(new Coding(FORECAST_STATUS, code, status.cdsiName())).setText(status.cdsiName());
	}
}
