package org.immunis.records;

import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** Where the records of a type are kept when not in HAPI's storage (the audit trail's own log): read by id, as the server. */
public interface RecordSource {

	String resourceType();

	/** The record with this logical id as stored, before any decision; empty when there is none. */
	Optional<IBaseResource> read(String id);
}
