package org.immunis.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.immunis.TestTokens;
import org.immunis.fhir.RegistryRecords;

/**
 * A small registry for the bulk export tests, in a town of its own: clinic A records every patient and one dose each,
 * clinic B a second dose each and the objections, clinic C nothing; a school with a roster, a board of health of the
 * town with its jurisdiction Group, clinic A's patient panel Group, a program. One patient per state; the sharing
 * patient's record links to the objecting patient (a reference the outgoing view must remove for whoever may not see
 * that patient).
 */
final class BulkFixture {

	enum State {
		SHARING,
		OBJECTING,
		WITHDRAWN,
		/** lived in the town (an old address), lives elsewhere now; still on the school's roster */
		MOVED,
		/** lives in the town, not on the roster */
		OFF_ROSTER
	}

	record Records(String patient, String immunizationA, String immunizationB) {

		Set<String> all() {
			return Set.of(patient, immunizationA, immunizationB);
		}
	}

	final String suffix = UUID.randomUUID().toString().substring(0, 8);
	final String town = "BulkTown-" + suffix;
	final String clinicA;
	final String clinicB;
	final String clinicC;
	final String school;
	final String board;
	final String program;
	final String roster;
	final String jurisdiction;
	final String panelA;
	final Map<State, Records> records = new EnumMap<>(State.class);

	BulkFixture(Function<String, IGenericClient> clientWithToken) {
		IGenericClient admin = clientWithToken.apply(TestTokens.admin());
		clinicA = organization(admin, "Bulk clinic A", "provider");
		clinicB = organization(admin, "Bulk clinic B", "provider");
		clinicC = organization(admin, "Bulk clinic C", "provider");
		school = organization(admin, "Bulk school", "school");
		board = organization(admin, "Bulk board of health", "board-of-health");
		program = organization(admin, "Bulk program", "public-health-program");
		IGenericClient providerA = clientWithToken.apply(writer(clinicA));
		IGenericClient providerB = clientWithToken.apply(writer(clinicB));
		Group rosterGroup = new Group().setType(Group.GroupType.PERSON).setActual(true)
				.setManagingEntity(new Reference("Organization/" + school));
		for (State state : new State[] {State.OBJECTING, State.SHARING, State.WITHDRAWN, State.MOVED, State.OFF_ROSTER}) {
			Patient patient = RegistryRecords.patient("Bulk" + state.name().replace("_", ""), "2016-05-0" + (state.ordinal() + 1));
			if (state == State.MOVED) {
				patient.addAddress().setCity(town).setUse(Address.AddressUse.OLD);
				patient.addAddress().setCity("Elsewhere-" + suffix);
			} else {
				patient.addAddress().setCity(town);
			}
			if (state == State.SHARING) {
				patient.addLink().setType(Patient.LinkType.SEEALSO).setOther(new Reference(records.get(State.OBJECTING).patient()));
			}
			String patientId = created(providerA, patient).substring("Patient/".length());
			String a = created(providerA, RegistryRecords.immunization("Patient/" + patientId, "03", "2017-06-01"));
			String b = created(providerB, RegistryRecords.immunization("Patient/" + patientId, "20", "2017-07-01"));
			if (state == State.OBJECTING || state == State.WITHDRAWN) {
				Consent objection = RegistryRecords.objection(patientId, clinicB);
				String consent = created(providerB, objection);
				if (state == State.WITHDRAWN) {
					objection.setId(consent);
					objection.setStatus(Consent.ConsentState.INACTIVE);
					providerB.update().resource(objection).execute();
				}
			}
			if (state != State.OFF_ROSTER) {
				rosterGroup.addMember().setEntity(new Reference("Patient/" + patientId));
			}
			records.put(state, new Records("Patient/" + patientId, a, b));
		}
		roster = created(admin, rosterGroup);
		jurisdiction = created(admin, characteristicGroup("jurisdiction", board));
		panelA = created(admin, characteristicGroup("patient-panel", clinicA));
	}

	/** The records of these states, all of them. */
	Set<String> all(State... states) {
		Set<String> all = new LinkedHashSet<>();
		for (State state : states) {
			all.addAll(records.get(state).all());
		}
		return all;
	}

	/** Every record of the fixture. */
	Set<String> everything() {
		return all(State.values());
	}

	/** The fixture's records among those exported. */
	Set<String> ids(BulkClient.Export export) {
		Set<String> ids = export.ids();
		ids.retainAll(everything());
		return ids;
	}

	/** {@code Group/[id]/$export} of one of the fixture's Groups. */
	static String export(String group) {
		return group + "/$export";
	}

	static String token(String role, String organizationId) {
		return TestTokens.as(role).organization("Organization/" + organizationId).scopes("user/*.rs").mint();
	}

	private static String writer(String clinicId) {
		return TestTokens.as("provider").organization("Organization/" + clinicId).scopes("user/*.cruds").mint();
	}

	private static Group characteristicGroup(String code, String organizationId) {
		Group group = new Group().setType(Group.GroupType.PERSON).setActual(false)
				.setManagingEntity(new Reference("Organization/" + organizationId));
		group.addCharacteristic().setCode(new CodeableConcept(new Coding(ExportGroup.CHARACTERISTICS, code, null)))
				.setValue(new Reference("Organization/" + organizationId)).setExclude(false);
		return group;
	}

	private String organization(IGenericClient admin, String name, String role) {
		Organization organization = RegistryRecords.organization(name + " " + suffix, role);
		organization.addAddress().setCity(town);
		return created(admin, organization).substring("Organization/".length());
	}

	private static String created(IGenericClient client, IBaseResource resource) {
		var outcome = client.create().resource(resource).execute();
		assertThat(outcome.getCreated()).isTrue();
		return outcome.getId().toUnqualifiedVersionless().getValue();
	}
}
