package org.immunis.consent;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Reference;
import org.immunis.identity.RecordOwnership;
import org.immunis.records.RecordTypes;

/** Reads the facts the sharing decision needs off an R4 resource. */
final class RecordViews {

	private RecordViews() {}

	static RecordView of(IBaseResource resource) {
		String type = resource.fhirType();
		String stamp = RecordOwnership.recordedBy(resource);
		return new RecordView(type, patientOf(resource), stamp, managerOf(resource));
	}

	static String patientOf(IBaseResource resource) {
		return RecordTypes.patientOf(resource);
	}

	private static String managerOf(IBaseResource resource) {
		if (resource instanceof Group group && group.hasManagingEntity()) {
			IIdType manager = group.getManagingEntity().getReferenceElement();
			return "Organization".equals(manager.getResourceType()) ? manager.getIdPart() : null;
		}
		return null;
	}

	static String patientId(Reference reference) {
		return RecordTypes.patientId(reference);
	}
}
