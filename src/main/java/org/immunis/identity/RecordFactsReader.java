package org.immunis.identity;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.immunis.records.RecordTypes;
import org.springframework.stereotype.Component;

/** Reads the facts a permission decision needs off a record, or off the stored record an id names. */
@Component
class RecordFactsReader {

	private final DaoRegistry daoRegistry;

	RecordFactsReader(DaoRegistry daoRegistry) {
		this.daoRegistry = daoRegistry;
	}

	RecordFacts factsOf(IBaseResource resource) {
		return new RecordFacts(RecordTypes.patientOf(resource), RecordOwnership.recordedBy(resource));
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
}
