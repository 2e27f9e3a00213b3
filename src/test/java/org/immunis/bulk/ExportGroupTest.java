package org.immunis.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class ExportGroupTest {

	@Test
	void aRosterIsItsActiveMembers() {
		Group roster = new Group().setType(Group.GroupType.PERSON).setActual(true);
		roster.setId("r");
		roster.addMember().setEntity(new Reference("Patient/a"));
		roster.addMember().setEntity(new Reference("Patient/b")).setInactive(true);
		roster.addMember().setEntity(new Reference("Patient/a"));
		roster.addMember().setEntity(new Reference("Practitioner/c"));

		ExportGroup group = ExportGroup.of(roster);

		assertThat(group.kind()).isEqualTo(ExportGroup.Kind.ROSTER);
		assertThat(group.members()).containsExactly("a");
	}

	@Test
	void aJurisdictionAndAPanelAreKnownByTheirCharacteristic() {
		assertThat(ExportGroup.of(defined("jurisdiction", "Organization/board"))).isEqualTo(
				new ExportGroup(ExportGroup.Kind.JURISDICTION, "board", java.util.List.of()));
		assertThat(ExportGroup.of(defined("patient-panel", "Organization/clinic"))).isEqualTo(
				new ExportGroup(ExportGroup.Kind.PATIENT_PANEL, "clinic", java.util.List.of()));
	}

	@Test
	void anyOtherGroupIsBadInput() {
		assertThatThrownBy(() -> ExportGroup.of(defined("age-band", "Organization/board")))
				.isInstanceOf(ExportParameters.BadParameter.class).hasMessageContaining("neither a roster");
		assertThatThrownBy(() -> ExportGroup.of(defined("jurisdiction", "Patient/p")))
				.isInstanceOf(ExportParameters.BadParameter.class);
		Group devices = new Group().setType(Group.GroupType.DEVICE).setActual(true);
		devices.setId("d");
		assertThatThrownBy(() -> ExportGroup.of(devices)).isInstanceOf(ExportParameters.BadParameter.class)
				.hasMessageContaining("Group/d is not a group of patients");
	}

	private static Group defined(String code, String organization) {
		Group group = new Group().setType(Group.GroupType.PERSON).setActual(false);
		group.setId("g");
		group.addCharacteristic().setCode(new CodeableConcept(new Coding(ExportGroup.CHARACTERISTICS, code, null)))
				.setValue(new Reference(organization)).setExclude(false);
		return group;
	}
}
