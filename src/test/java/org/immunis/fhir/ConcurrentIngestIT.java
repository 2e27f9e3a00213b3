package org.immunis.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Reference;
import org.immunis.RegistryIntegrationTest;
import org.immunis.TestTokens;
import org.immunis.identity.RecordOwnership;
import org.junit.jupiter.api.Test;

/**
 * Several EHR connections of one new clinic send transaction bundles at the same time: every bundle is stored whole,
 * each record with the clinic's stamp (the first records of a new clinic all carry a stamp the database has never seen).
 */
class ConcurrentIngestIT extends RegistryIntegrationTest {

	private static final int CLIENTS = 4;
	private static final int BUNDLES_PER_CLIENT = 6;

	@Test
	void bundlesSentTogetherAreAllStoredWithTheirStamp() throws Exception {
		String clinic = "clinic-" + UUID.randomUUID();
		IGenericClient ehr = client(TestTokens.as("provider").organization("Organization/" + clinic).scopes("system/*.cruds").mint());
		ExecutorService connections = Executors.newFixedThreadPool(CLIENTS);
		List<Future<String>> sent = new ArrayList<>();
		for (int i = 0; i < CLIENTS * BUNDLES_PER_CLIENT; i++) {
			sent.add(connections.submit(() -> patientOf(ehr.transaction().withBundle(childWithThreeShots()).execute())));
		}
		List<String> patients = new ArrayList<>();
		for (Future<String> bundle : sent) {
			patients.add(bundle.get());
		}
		connections.shutdown();

		assertThat(patients).doesNotHaveDuplicates().hasSize(CLIENTS * BUNDLES_PER_CLIENT);
		for (String patient : patients) {
			Bundle shots = ehr.search().forResource(Immunization.class).where(Immunization.PATIENT.hasId(patient))
					.returnBundle(Bundle.class).execute();
			assertThat(shots.getEntry()).hasSize(3).allSatisfy(entry ->
					assertThat(RecordOwnership.recordedBy(entry.getResource())).isEqualTo(clinic));
		}
	}

	private static String patientOf(Bundle response) {
		return new IdType(response.getEntry().get(0).getResponse().getLocation()).toUnqualifiedVersionless().getValue();
	}

	private static Bundle childWithThreeShots() {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		String patient = "urn:uuid:" + UUID.randomUUID();
		bundle.addEntry().setFullUrl(patient).setResource(RegistryRecords.patient("Together", "2021-06-01"))
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		for (String[] shot : new String[][] {{"08", "2021-06-01"}, {"20", "2021-08-02"}, {"10", "2021-08-02"}}) {
			Immunization immunization = RegistryRecords.immunization(patient, shot[0], shot[1]);
			immunization.setPatient(new Reference(patient));
			bundle.addEntry().setResource(immunization).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Immunization");
		}
		return bundle;
	}
}
