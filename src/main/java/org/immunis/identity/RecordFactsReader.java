package org.immunis.identity;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.springframework.stereotype.Component;

/** Reads the facts a permission decision needs off a record, or off the stored record an id names. */
@Component
class RecordFactsReader {

	private final FhirContext fhirContext;
	private final DaoRegistry daoRegistry;

	RecordFactsReader(FhirContext fhirContext, DaoRegistry daoRegistry) {
		this.fhirContext = fhirContext;
		this.daoRegistry = daoRegistry;
	}

	RecordFacts factsOf(IBaseResource resource) {
		return new RecordFacts(patientOf(resource), RecordOwnership.recordedBy(resource));
	}

	/** The facts of the stored record, or {@link RecordFacts#NONE} when there is none (so a denial reveals nothing). */
	RecordFacts storedFacts(IIdType id) {
		IFhirResourceDao<?> dao = daoRegistry.getResourceDao(id.getResourceType());
		try {
			return factsOf(dao.read(id.toUnqualifiedVersionless(), new SystemRequestDetails()));
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return RecordFacts.NONE;
		}
	}

	private String patientOf(IBaseResource resource) {
		String type = fhirContext.getResourceType(resource);
		if ("Patient".equals(type)) {
			return resource.getIdElement().getIdPart();
		}
		if (!PatientCompartment.contains(type)) {
			return null;
		}
		if ("AuditEvent".equals(type)) {
			return fhirContext.newTerser().getValues(resource, "AuditEvent.entity.what", IBaseReference.class).stream()
					.map(IBaseReference::getReferenceElement)
					.filter(reference -> "Patient".equals(reference.getResourceType()))
					.map(IIdType::getIdPart)
					.findFirst()
					.orElse(null);
		}
		IBaseReference patient = fhirContext.newTerser().getSingleValueOrNull(resource, "patient", IBaseReference.class);
		if (patient == null || patient.getReferenceElement().isEmpty()) {
			return null;
		}
		IIdType reference = patient.getReferenceElement();
		return "Patient".equals(reference.getResourceType()) ? reference.getIdPart() : null;
	}
}
