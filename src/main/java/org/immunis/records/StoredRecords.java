package org.immunis.records;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.springframework.stereotype.Component;

/**
 * Reads a stored record by id as the server, wherever its type is kept: a {@link RecordSource} of the registry's own
 * (the audit trail), else HAPI's storage. For the checks made before a request is answered (who may read or change the
 * record an id names).
 */
@Component
public class StoredRecords {

	private final DaoRegistry daos;
	private final Map<String, RecordSource> sources;

	StoredRecords(DaoRegistry daos, List<RecordSource> sources) {
		this.daos = daos;
		this.sources = sources.stream().collect(Collectors.toUnmodifiableMap(RecordSource::resourceType, Function.identity()));
	}

	/**
	 * The current version of the record, throwing HAPI's {@link ResourceNotFoundException} when there is none (or
	 * {@code ResourceGoneException} when HAPI's storage holds it deleted).
	 */
	public IBaseResource read(IIdType id) {
		RecordSource source = sources.get(id.getResourceType());
		if (source == null) {
			return daos.getResourceDao(id.getResourceType()).read(id.toUnqualifiedVersionless(), new SystemRequestDetails());
		}
		return source.read(id.getIdPart()).orElseThrow(() -> new ResourceNotFoundException(id.toUnqualifiedVersionless()));
	}
}
