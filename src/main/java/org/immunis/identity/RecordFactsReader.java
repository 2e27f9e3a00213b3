package org.immunis.identity;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.instance.model.api.IIdType;
import org.immunis.access.RecordFacts;
import org.springframework.stereotype.Component;

/** Reads the facts the access decision needs off the stored record an id names. */
@Component
class RecordFactsReader {

	private final DaoRegistry daoRegistry;

	RecordFactsReader(DaoRegistry daoRegistry) {
		this.daoRegistry = daoRegistry;
	}

	/** The facts of the stored record, or {@link RecordFacts#absent} when there is none (so a denial reveals nothing). */
	RecordFacts storedFacts(String type, IIdType id) {
		IFhirResourceDao<?> dao = daoRegistry.getResourceDao(type);
		try {
			return RecordFacts.of(dao.read(id.toUnqualifiedVersionless(), new SystemRequestDetails()));
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return RecordFacts.absent(type);
		}
	}
}
