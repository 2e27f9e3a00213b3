package org.immunis.bulk;

import java.util.List;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.immunis.consent.Roster;

/**
 * The Groups a bulk export can be asked for, after HL7's Helios bulk guide for immunization registries ("reuse of
 * existing groupings"): a school's roster (an actual Group listing its children), and two groups the registry already
 * knows by their definition, whose members it works out when an export starts, so they are never out of date:
 * <ul>
 *   <li>a board of health's <b>jurisdiction</b>: a definitional Group (actual false) with the characteristic
 *       {@code bulk-group#jurisdiction} = {@code Organization/<board>}: the patients whose current address is in the
 *       board's town;
 *   <li>a provider's <b>patient panel</b>: characteristic {@code bulk-group#patient-panel} = {@code Organization/<provider>}:
 *       the patients the provider recorded for (a Patient or an Immunization it recorded).
 * </ul>
 * Who may export a Group is decided as for reading it (its managing organization); what each requester gets of its
 * members is decided record by record.
 */
record ExportGroup(Kind kind, String organizationId, List<String> members) {

	static final String CHARACTERISTICS = "http://immunis.org/fhir/CodeSystem/bulk-group";

	enum Kind {
		ROSTER, JURISDICTION, PATIENT_PANEL
	}

	/** What the Group stands for; {@link ExportParameters.BadParameter} for a Group the export cannot use. */
	static ExportGroup of(Group group) {
		String reference = "Group/" + group.getIdElement().getIdPart();
		if (group.getType() != Group.GroupType.PERSON) {
			throw new ExportParameters.BadParameter(reference + " is not a group of patients (type person)");
		}
		if (Roster.isRoster(group)) {
			return new ExportGroup(Kind.ROSTER, null, Roster.activeMembers(group));
		}
		if (group.getCharacteristic().size() == 1) {
			Group.GroupCharacteristicComponent characteristic = group.getCharacteristicFirstRep();
			String code = characteristic.getCode().getCoding().stream()
					.filter(coding -> CHARACTERISTICS.equals(coding.getSystem())).map(coding -> coding.getCode())
					.findFirst().orElse(null);
			String organization = characteristic.hasValueReference() && !characteristic.getExclude()
					? organizationId(characteristic.getValueReference()) : null;
			if ("jurisdiction".equals(code) && organization != null) {
				return new ExportGroup(Kind.JURISDICTION, organization, List.of());
			}
			if ("patient-panel".equals(code) && organization != null) {
				return new ExportGroup(Kind.PATIENT_PANEL, organization, List.of());
			}
		}
		throw new ExportParameters.BadParameter(reference + " is neither a roster (actual, with members) nor one characteristic"
				+ " of " + CHARACTERISTICS + " (jurisdiction or patient-panel, valueReference an Organization)");
	}

	private static String organizationId(Reference reference) {
		IdType id = new IdType(reference.getReference());
		return "Organization".equals(id.getResourceType()) && id.hasIdPart() ? id.getIdPart() : null;
	}
}
