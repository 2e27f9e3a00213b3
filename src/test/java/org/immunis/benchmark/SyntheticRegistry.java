package org.immunis.benchmark;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** Synthetic registry patients, each with 8 to 12 shots given at the ages the US childhood schedule names. */
final class SyntheticRegistry {

	static final String MRN_SYSTEM = "urn:oid:2.16.840.1.113883.3.9999.2";

	private static final String[] FAMILY = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
		"Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore",
		"Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis",
		"Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores"};
	private static final String[] GIVEN = {"Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sophia", "Lucas", "Mia",
		"Mateo", "Amelia", "Levi", "Isabella", "Ezra", "Harper", "Leo", "Evelyn", "Luca", "Aria", "Asher"};
	private static final String[] TOWNS = {"Boston", "Worcester", "Springfield", "Cambridge", "Lowell", "Brockton",
		"Quincy", "Lynn", "New Bedford", "Fall River", "Newton", "Somerville", "Framingham", "Haverhill", "Waltham"};

	/** CVX code and age at the dose, in the order the schedule gives them. */
	private record ScheduledDose(String cvx, Period age) {}

	private static final List<ScheduledDose> SCHEDULE = List.of(
			new ScheduledDose("08", Period.ZERO), new ScheduledDose("08", Period.ofMonths(1)),
			new ScheduledDose("20", Period.ofMonths(2)), new ScheduledDose("10", Period.ofMonths(2)),
			new ScheduledDose("17", Period.ofMonths(2)), new ScheduledDose("133", Period.ofMonths(2)),
			new ScheduledDose("116", Period.ofMonths(2)), new ScheduledDose("20", Period.ofMonths(4)),
			new ScheduledDose("10", Period.ofMonths(4)), new ScheduledDose("17", Period.ofMonths(4)),
			new ScheduledDose("133", Period.ofMonths(4)), new ScheduledDose("116", Period.ofMonths(4)),
			new ScheduledDose("20", Period.ofMonths(6)), new ScheduledDose("08", Period.ofMonths(6)),
			new ScheduledDose("133", Period.ofMonths(6)), new ScheduledDose("150", Period.ofMonths(7)),
			new ScheduledDose("03", Period.ofMonths(12)), new ScheduledDose("21", Period.ofMonths(12)),
			new ScheduledDose("83", Period.ofMonths(12)), new ScheduledDose("17", Period.ofMonths(15)),
			new ScheduledDose("20", Period.ofMonths(15)), new ScheduledDose("83", Period.ofMonths(18)),
			new ScheduledDose("20", Period.ofYears(4)), new ScheduledDose("10", Period.ofYears(4)),
			new ScheduledDose("03", Period.ofYears(4)), new ScheduledDose("21", Period.ofYears(4)),
			new ScheduledDose("115", Period.ofYears(11)), new ScheduledDose("114", Period.ofYears(11)),
			new ScheduledDose("165", Period.ofYears(11)), new ScheduledDose("165", Period.ofMonths(138)));

	private final Random random;
	private final LocalDate today;

	SyntheticRegistry(long seed, LocalDate today) {
		this.random = new Random(seed);
		this.today = today;
	}

	/** A patient's transaction bundle as JSON, and what the searches later look the patient up by. */
	record PatientBundle(String json, String mrn, String family, LocalDate birthDate, int resources) {}

	PatientBundle nextPatient() {
		int doseCount = 8 + random.nextInt(5);
		LocalDate birthDate = birthDateWithAtLeast(doseCount);
		String family = FAMILY[random.nextInt(FAMILY.length)];
		String mrn = UUID.randomUUID().toString();
		String patientUuid = "urn:uuid:" + UUID.randomUUID();
		List<String> entries = new ArrayList<>();
		entries.add(entry(patientUuid, patientJson(mrn, family, birthDate), "Patient"));
		for (ScheduledDose dose : SCHEDULE.subList(0, doseCount)) {
			LocalDate given = birthDate.plus(dose.age()).plusDays(random.nextInt(14));
			entries.add(entry("urn:uuid:" + UUID.randomUUID(), immunizationJson(patientUuid, dose.cvx(), given), "Immunization"));
		}
		String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + String.join(",", entries) + "]}";
		return new PatientBundle(bundle, mrn, family, birthDate, doseCount + 1);
	}

	private LocalDate birthDateWithAtLeast(int doseCount) {
		LocalDate latestBirth = today.minus(SCHEDULE.get(doseCount - 1).age()).minusDays(15);
		return latestBirth.minusDays(random.nextInt(365 * 6));
	}

	private String patientJson(String mrn, String family, LocalDate birthDate) {
		String town = TOWNS[random.nextInt(TOWNS.length)];
		return """
				{"resourceType":"Patient","identifier":[{"system":"%s","value":"%s"}],\
				"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName","valueString":"%s"}],\
				"name":[{"family":"%s","given":["%s"]}],"gender":"%s","birthDate":"%s",\
				"telecom":[{"system":"phone","value":"617-555-%04d"}],\
				"address":[{"line":["%d Main St"],"city":"%s","state":"MA","postalCode":"0%04d"}]}"""
				.formatted(MRN_SYSTEM, mrn, FAMILY[random.nextInt(FAMILY.length)], family, GIVEN[random.nextInt(GIVEN.length)],
						random.nextBoolean() ? "female" : "male", birthDate, random.nextInt(10000), 1 + random.nextInt(999),
						town, 1000 + random.nextInt(2700));
	}

	private String immunizationJson(String patientUuid, String cvx, LocalDate given) {
		return """
				{"resourceType":"Immunization","status":"completed",\
				"vaccineCode":{"coding":[{"system":"http://hl7.org/fhir/sid/cvx","code":"%s"}]},\
				"patient":{"reference":"%s"},"occurrenceDateTime":"%s","primarySource":true,\
				"lotNumber":"L%06d","doseQuantity":{"value":0.5,"unit":"mL","system":"http://unitsofmeasure.org","code":"mL"}}"""
				.formatted(cvx, patientUuid, given, random.nextInt(1_000_000));
	}

	private static String entry(String fullUrl, String resource, String type) {
		return "{\"fullUrl\":\"" + fullUrl + "\",\"resource\":" + resource + ",\"request\":{\"method\":\"POST\",\"url\":\"" + type + "\"}}";
	}
}
