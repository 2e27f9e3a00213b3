package org.immunis.records;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.immunis.storage.CurrentVersions;
import org.springframework.stereotype.Component;

/**
 * Reads a stored record by id as the server, wherever its type is kept: a {@link RecordSource} of the registry's own
 * (the audit trail), else HAPI's storage, its current version read straight from HAPI's tables. For the checks made
 * before a request is answered (who may read or change the record an id names).
 */
@Component
public class StoredRecords {

	private final CurrentVersions currentVersions;
	private final Map<String, RecordSource> sources;

	StoredRecords(CurrentVersions currentVersions, List<RecordSource> sources) {
		this.currentVersions = currentVersions;
		this.sources = sources.stream().collect(Collectors.toUnmodifiableMap(RecordSource::resourceType, Function.identity()));
	}

	/**
	 * The current version of the record, throwing HAPI's {@link ResourceNotFoundException} when there is none (or it is
	 * deleted).
	 */
	public IBaseResource read(IIdType id) {
		RecordSource source = sources.get(id.getResourceType());
		return (source == null ? currentVersions.read(id.getResourceType(), id.getIdPart()) : source.read(id.getIdPart()))
				.orElseThrow(() -> new ResourceNotFoundException(id.toUnqualifiedVersionless()));
	}
}
