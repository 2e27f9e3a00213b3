package org.immunis.forecast.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.immunis.fhir.RegistryRecords.immunization;
import static org.immunis.fhir.RegistryRecords.patient;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.ReferenceClientParam;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ImmunizationEvaluation;
import org.immunis.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;

class ForecastDoseFlagIT extends RegistryIntegrationTest {

	private List<ImmunizationEvaluation> evaluationsOf(IGenericClient client, String patientId) {
		Bundle found = client.search().forResource(ImmunizationEvaluation.class)
				.where(new ReferenceClientParam("patient").hasId(patientId))
				.returnBundle(Bundle.class).execute();
		return found.getEntry().stream().map(entry -> (ImmunizationEvaluation) entry.getResource()).toList();
	}

	@Test
	void anExtraShotOnTheSameDayIsStoredAndFlagged() {
		IGenericClient client = client();
		String patientId = client.create().resource(patient("Twice", "2015-03-03")).execute().getId().toUnqualifiedVersionless().getValue();
		client.create().resource(immunization(patientId, "03", "2016-03-10")).execute();
		String duplicate = client.create().resource(immunization(patientId, "03", "2016-03-10")).execute()
				.getId().toUnqualifiedVersionless().getValue();

		List<ImmunizationEvaluation> evaluations = evaluationsOf(client, patientId);

		assertThat(evaluations).singleElement().satisfies(evaluation -> {
			assertThat(evaluation.getImmunizationEvent().getReference()).isEqualTo(duplicate);
			assertThat(evaluation.getDoseStatus().getCodingFirstRep().getCode()).isEqualTo("notvalid");
			assertThat(evaluation.getDoseStatusReasonFirstRep().getText()).isNotBlank();
			assertThat(evaluation.getSeries()).isEqualTo("MMR");
			assertThat(evaluation.getTargetDisease().getCoding()).hasSize(3);
			assertThat(evaluation.getAuthority().getDisplay()).isEqualTo(ForecastCodes.AUTHORITY);
		});
	}

	@Test
	void aDoseGivenTooYoungIsFlaggedWithTheReason() {
		IGenericClient client = client();
		String patientId = client.create().resource(patient("Early", "2022-01-01")).execute().getId().toUnqualifiedVersionless().getValue();
		String early = client.create().resource(immunization(patientId, "20", "2022-01-22")).execute()
				.getId().toUnqualifiedVersionless().getValue();

		assertThat(evaluationsOf(client, patientId)).singleElement().satisfies(evaluation -> {
			assertThat(evaluation.getImmunizationEvent().getReference()).isEqualTo(early);
			assertThat(evaluation.getDoseStatusReasonFirstRep().getText()).isEqualTo("Not Valid: Age: Too Young");
		});
	}

	@Test
	void aDuplicateWithinATransactionBundleIsFlagged() {
		Patient patient = patient("Bundled", "2020-02-02");
		Immunization first = immunization("urn:uuid:0b6a4d3e-0000-4000-8000-000000000001", "08", "2020-02-02");
		Immunization duplicate = immunization("urn:uuid:0b6a4d3e-0000-4000-8000-000000000001", "08", "2020-02-02");
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		bundle.addEntry().setFullUrl("urn:uuid:0b6a4d3e-0000-4000-8000-000000000001").setResource(patient)
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		bundle.addEntry().setResource(first).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Immunization");
		bundle.addEntry().setResource(duplicate).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Immunization");

		IGenericClient client = client();
		Bundle response = client.transaction().withBundle(bundle).execute();
		String patientId = new IdType(response.getEntry().get(0).getResponse().getLocation()).toUnqualifiedVersionless().getValue();

		assertThat(evaluationsOf(client, patientId)).singleElement().satisfies(evaluation ->
				assertThat(evaluation.getDoseStatus().getCodingFirstRep().getCode()).isEqualTo("notvalid"));
	}

	@Test
	void aTransactionAddingADuplicateOfAStoredDoseFlagsIt() {
		IGenericClient client = client();
		String patientId = client.create().resource(patient("Returning", "2019-04-04")).execute().getId()
				.toUnqualifiedVersionless().getValue();
		client.create().resource(immunization(patientId, "03", "2020-04-10")).execute();
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		bundle.addEntry().setResource(immunization(patientId, "03", "2020-04-10"))
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Immunization");
		bundle.addEntry().setResource(immunization(patientId, "08", "2019-04-04"))
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Immunization");

		Bundle response = client.transaction().withBundle(bundle).execute();

		String duplicate = new IdType(response.getEntry().get(0).getResponse().getLocation()).toUnqualifiedVersionless().getValue();
		assertThat(evaluationsOf(client, patientId)).singleElement().satisfies(evaluation ->
				assertThat(evaluation.getImmunizationEvent().getReference()).isEqualTo(duplicate));
	}

	@Test
	void dosesListedBeforeTheirNewPatientInABundleAreAssessedTogether() {
		String patientUuid = "urn:uuid:" + UUID.randomUUID();
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		bundle.addEntry().setResource(immunization(patientUuid, "20", "2021-01-20"))
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Immunization");
		bundle.addEntry().setResource(immunization(patientUuid, "20", "2021-03-01"))
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Immunization");
		bundle.addEntry().setFullUrl(patientUuid).setResource(patient("Listed", "2021-01-01"))
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");

		IGenericClient client = client();
		Bundle response = client.transaction().withBundle(bundle).execute();

		String tooYoung = new IdType(response.getEntry().get(0).getResponse().getLocation()).toUnqualifiedVersionless().getValue();
		String patientId = new IdType(response.getEntry().get(2).getResponse().getLocation()).toUnqualifiedVersionless().getValue();
		assertThat(evaluationsOf(client, patientId)).singleElement().satisfies(evaluation -> {
			assertThat(evaluation.getImmunizationEvent().getReference()).isEqualTo(tooYoung);
			assertThat(evaluation.getDoseStatusReasonFirstRep().getText()).isEqualTo("Not Valid: Age: Too Young");
		});
	}

	@Test
	void aValidDoseIsNotFlagged() {
		IGenericClient client = client();
		String patientId = client.create().resource(patient("OnTime", "2022-01-01")).execute().getId().toUnqualifiedVersionless().getValue();
		client.create().resource(immunization(patientId, "08", "2022-01-01")).execute();
		client.create().resource(immunization(patientId, "08", "2022-02-05")).execute();

		assertThat(evaluationsOf(client, patientId)).isEmpty();
	}
}
