package org.immunis.consent;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.immunis.fhir.RequestState;

/**
 * The stored record an instance operation ({@code Type/[id]/$op}) is about, as the read path guard read it and found it
 * visible to the requester when the request arrived: the operation takes it from here instead of reading it again.
 */
public final class InstanceRecord {

	private static final String KEY = InstanceRecord.class.getName();

	private InstanceRecord() {}

	static void keep(RequestDetails request, IBaseResource record) {
		RequestState.put(request, KEY, record);
	}

	/** The record with this id decided visible to the request's requester on arrival; empty if none was (the admin's). */
	public static Optional<IBaseResource> of(RequestDetails request, IIdType id) {
		if (!(RequestState.get(request, KEY) instanceof IBaseResource record)) {
			return Optional.empty();
		}
		IIdType kept = record.getIdElement();
		return kept.getResourceType().equals(id.getResourceType()) && kept.getIdPart().equals(id.getIdPart())
				? Optional.of(record) : Optional.empty();
	}
}
