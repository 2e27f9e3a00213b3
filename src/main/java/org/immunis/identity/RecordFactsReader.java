package org.immunis.identity;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import org.immunis.access.RecordFacts;
import org.immunis.records.StoredRecords;
import org.springframework.stereotype.Component;

/** Reads the facts the access decision needs off the stored record an id names. */
@Component
class RecordFactsReader {

	private final StoredRecords records;

	RecordFactsReader(StoredRecords records) {
		this.records = records;
	}

	/** The facts of the stored record, or {@link RecordFacts#absent} when there is none (so a denial reveals nothing). */
	RecordFacts storedFacts(String type, IIdType id) {
		try {
			return RecordFacts.of(records.read(new IdType(type, id.getIdPart())));
		} catch (ResourceNotFoundException e) {
			return RecordFacts.absent(type);
		}
	}
}
