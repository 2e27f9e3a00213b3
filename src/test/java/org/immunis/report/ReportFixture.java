package org.immunis.report;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.immunis.TestTokens;
import org.immunis.fhir.RegistryRecords;

/**
 * A small registry for the report suite, in towns of its own: clinic A records every patient, clinic C nothing; a
 * school with a roster, the board of health of the town, a program, a researcher. In the town, one patient per edge
 * (see {@link ReportIT}); in a second town, 12 girls and 2 boys with two MMR doses each, for the small-cell rule.
 */
final class ReportFixture {

	static final String MMR = "03";

	final String suffix = UUID.randomUUID().toString().substring(0, 8);
	final String town = "Reportville-" + suffix;
	final String bigTown = "Bigton-" + suffix;
	final String clinicA;
	final String clinicC;
	final String school;
	final String otherSchool;
	final String board;
	final String program;
	final String roster;
	final String otherRoster;
	/** The edge patients by name, as Patient ids. */
	final Map<String, String> patients = new LinkedHashMap<>();
	private final String baseUrl;
	private final FhirContext fhirContext;

	ReportFixture(String baseUrl, FhirContext fhirContext) {
		this.baseUrl = baseUrl;
		this.fhirContext = fhirContext;
		ReportHttp admin = http(TestTokens.admin());
		clinicA = organization(admin, "Clinic A", town, "provider");
		clinicC = organization(admin, "Clinic C", town, "provider");
		school = organization(admin, "School", town, "school");
		otherSchool = organization(admin, "Other School", town, "school");
		board = organization(admin, "Board of Health", town, "board-of-health");
		program = organization(admin, "WIC", "Capital-" + suffix, "public-health-program");
		ReportHttp clinic = http(token("provider-a"));
		edge(clinic, "fully", "2015-01-10", town, null, List.of("2016-01-15", "2019-02-01"));
		edge(clinic, "one-dose", "2015-02-10", town, null, List.of("2016-03-01"));
		edge(clinic, "objecting", "2015-03-10", town, null, List.of("2016-04-01", "2019-04-01"));
		edge(clinic, "withdrawn", "2015-04-10", town, null, List.of("2016-05-01", "2019-05-01"));
		edge(clinic, "moved", "2015-05-10", "Elsewhere-" + suffix, town, List.of("2016-06-01", "2019-06-01"));
		edge(clinic, "born-1950", "1950-06-10", town, null, List.of());
		edge(clinic, "contraindicated", "2015-07-10", town, null, List.of());
		edge(clinic, "immune", "2015-08-10", town, null, List.of());
		edge(clinic, "toddler", "2025-06-01", town, null, List.of());
		clinic.post("Immunization", notDone(patients.get("contraindicated"), "MEDPREC"));
		clinic.post("Immunization", notDone(patients.get("immune"), "IMMUNE"));
		String objection = created(clinic.post("Consent", RegistryRecords.objection(patients.get("objecting"), clinicA)));
		String withdrawn = created(clinic.post("Consent", RegistryRecords.objection(patients.get("withdrawn"), clinicA)));
		Consent inactive = RegistryRecords.objection(patients.get("withdrawn"), clinicA);
		inactive.setId(withdrawn.substring("Consent/".length()));
		inactive.setStatus(Consent.ConsentState.INACTIVE);
		assertThat(clinic.put(withdrawn, inactive).status()).isEqualTo(200);
		assertThat(objection).startsWith("Consent/");
		roster = roster(admin, school, List.of("fully", "one-dose", "objecting", "withdrawn", "contraindicated", "immune", "toddler"));
		otherRoster = roster(admin, otherSchool, List.of("fully"));
		bigTown(clinic);
	}

	private void edge(ReportHttp clinic, String name, String birthDate, String town, String oldTown, List<String> mmrDates) {
		Patient patient = RegistryRecords.patient("Report" + name.replace("-", ""), birthDate);
		patient.addAddress().setCity(town);
		if (oldTown != null) {
			patient.addAddress().setCity(oldTown).setUse(Address.AddressUse.OLD);
		}
		String id = created(clinic.post("Patient", patient)).substring("Patient/".length());
		patients.put(name, id);
		for (String date : mmrDates) {
			created(clinic.post("Immunization", RegistryRecords.immunization("Patient/" + id, MMR, date)));
		}
	}

	private static Immunization notDone(String patientId, String reason) {
		Immunization immunization = RegistryRecords.immunization("Patient/" + patientId, MMR, "2020-01-01");
		immunization.setStatus(Immunization.ImmunizationStatus.NOTDONE);
		immunization.getStatusReason().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/v3-ActReason").setCode(reason);
		immunization.setLotNumber(null);
		return immunization;
	}

	// 12 girls and 2 boys, each with two valid MMR doses, in one transaction
	private void bigTown(ReportHttp clinic) {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (int i = 0; i < 14; i++) {
			Patient patient = RegistryRecords.patient("Big" + i, "2016-0" + (1 + i % 9) + "-1" + (i % 10));
			patient.setGender(i < 12 ? AdministrativeGender.FEMALE : AdministrativeGender.MALE);
			patient.addAddress().setCity(bigTown);
			String fullUrl = "urn:uuid:" + UUID.randomUUID();
			bundle.addEntry().setFullUrl(fullUrl).setResource(patient).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
			for (String date : List.of("2017-10-01", "2021-10-01")) {
				bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID())
						.setResource(RegistryRecords.immunization(fullUrl, MMR, date))
						.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Immunization");
			}
		}
		ReportHttp.Answer answer = clinic.post("", bundle);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
	}

	String token(String kind) {
		switch (kind) {
			case "admin":
				return TestTokens.admin();
			case "provider-a":
				return TestTokens.as("provider").organization("Organization/" + clinicA).scopes("user/*.cruds").mint();
			case "provider-c":
				return TestTokens.as("provider").organization("Organization/" + clinicC).scopes("user/*.cruds").mint();
			case "school":
				return TestTokens.as("school").organization("Organization/" + school).scopes("user/*.rs").mint();
			case "board":
				return TestTokens.as("board-of-health").organization("Organization/" + board).scopes("user/*.rs").mint();
			case "program":
				return TestTokens.as("public-health-program").organization("Organization/" + program).scopes("user/*.rs").mint();
			case "researcher":
				return TestTokens.as("researcher").study("study-" + suffix).scopes("user/*.rs").mint();
			case "patient":
				return TestTokens.as("patient").patients(patients.get("fully")).scopes("patient/*.rs").mint();
			default:
				throw new IllegalArgumentException(kind);
		}
	}

	ReportHttp http(String token) {
		return new ReportHttp(baseUrl, token, fhirContext);
	}

	private String roster(ReportHttp admin, String organization, List<String> members) {
		Group group = new Group().setType(Group.GroupType.PERSON).setActual(true)
				.setManagingEntity(new Reference("Organization/" + organization));
		members.forEach(name -> group.addMember().setEntity(new Reference("Patient/" + patients.get(name))));
		return created(admin.post("Group", group));
	}

	private String organization(ReportHttp admin, String name, String city, String role) {
		Organization organization = RegistryRecords.organization(name + " " + suffix, role);
		organization.addAddress().setCity(city);
		return created(admin.post("Organization", organization)).substring("Organization/".length());
	}

	static String created(ReportHttp.Answer answer) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(201);
		return answer.resource().getIdElement().toUnqualifiedVersionless().getValue();
	}
}
