package org.immunis.storage;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.IJpaStorageResourceParser;
import ca.uhn.fhir.jpa.dao.data.IResourceHistoryTableDao;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.jpa.model.entity.ResourceEncodingEnum;
import ca.uhn.fhir.jpa.model.entity.ResourceHistoryTable;
import ca.uhn.fhir.jpa.model.entity.StorageSettings;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The current versions of stored records, read as the registry straight from HAPI's tables in one query each: no search
 * builder, no Hibernate entities, no paging, no hooks. A version whose text HAPI did not keep inline as JSON (a large or
 * legacy one), or every version when tags are not stored inline, is loaded by HAPI's storage layer instead. What a
 * requester may see of them is for the caller to decide: nothing read here is shown as it is.
 */
@Component
public class CurrentVersions {

	/** The search parameter of records about a patient that names the patient. */
	private static final String PATIENT = "patient";

	private static final String COLUMNS = """
			select record.res_id, record.res_type, record.fhir_id, version.res_ver, version.res_updated,
			       version.res_encoding, version.res_text_vc
			from hfj_resource record
			join hfj_res_ver version on version.res_id = record.res_id and version.res_ver = record.res_ver
			where record.res_deleted_at is null and version.res_deleted_at is null
			""";

	private static final String ONE_RECORD = COLUMNS + " and record.res_type = ? and record.fhir_id = ?";

	// what Type?patient=Patient/[id] matches: the records whose patient parameter's path refers to the patient
	private static final String RECORDS_OF_PATIENT = COLUMNS + """
			  and record.res_id in (
			    select link.src_resource_id
			    from hfj_res_link link
			    join hfj_resource patient on patient.res_id = link.target_resource_id
			    where patient.res_type = 'Patient' and patient.fhir_id = ? and patient.res_deleted_at is null
			      and link.src_path = any(?))
			order by record.res_id
			""";

	private record StoredVersion(long pid, String type, String id, long version, Date updated, String json) {}

	private final FhirContext fhirContext;
	private final JdbcTemplate jdbc;
	private final DaoRegistry daos;
	private final IResourceHistoryTableDao versions;
	private final IJpaStorageResourceParser storageParser;
	private final ISearchParamRegistry searchParameters;
	private final boolean tagsInline;
	private final TransactionTemplate readOnly;

	CurrentVersions(FhirContext fhirContext, JdbcTemplate jdbc, DaoRegistry daos, IResourceHistoryTableDao versions,
			IJpaStorageResourceParser storageParser, ISearchParamRegistry searchParameters, JpaStorageSettings storage,
			PlatformTransactionManager transactions) {
		this.fhirContext = fhirContext;
		this.jdbc = jdbc;
		this.daos = daos;
		this.versions = versions;
		this.storageParser = storageParser;
		this.searchParameters = searchParameters;
		// with tags in tables of their own the text alone is not the whole record
		this.tagsInline = storage.getTagStorageMode() == StorageSettings.TagStorageModeEnum.INLINE;
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
	}

	/** The current version of one record; empty when there is none, or it is deleted. */
	public Optional<IBaseResource> read(String type, String id) {
		List<StoredVersion> found = jdbc.query(ONE_RECORD, statement -> {
			statement.setString(1, type);
			statement.setString(2, id);
		}, (row, number) -> storedVersion(row));
		if (found.isEmpty()) {
			return Optional.empty();
		}
		StoredVersion version = found.get(0);
		if (version.json() == null || !tagsInline) {
			try {
				return Optional.of(daos.getResourceDao(type).read(new IdType(type, id), new SystemRequestDetails()));
			} catch (ResourceNotFoundException | ResourceGoneException e) {
				return Optional.empty();
			}
		}
		return Optional.of(parse(fhirContext.newJsonParser(), classOf(type), version));
	}

	/**
	 * The current records of these types about the patient (what {@code Type?patient=Patient/[id]} matches for each),
	 * in one read-only transaction.
	 */
	public List<IBaseResource> ofPatient(String patientId, Collection<Class<? extends IBaseResource>> types) {
		Map<String, Class<? extends IBaseResource>> byName = types.stream()
				.collect(Collectors.toMap(type -> fhirContext.getResourceType(type), type -> type));
		List<String> paths = new ArrayList<>();
		byName.keySet().forEach(type -> paths.addAll(searchParameters.getActiveSearchParam(type, PATIENT,
				ISearchParamRegistry.SearchParamLookupContextEnum.SEARCH).getPathsSplitForResourceType(type)));
		return readOnly.execute(status -> {
			List<StoredVersion> stored = jdbc.query(RECORDS_OF_PATIENT, statement -> {
				statement.setString(1, patientId);
				Array pathArray = statement.getConnection().createArrayOf("varchar", paths.toArray());
				statement.setArray(2, pathArray);
			}, (row, number) -> storedVersion(row));
			IParser parser = fhirContext.newJsonParser();
			List<IBaseResource> records = new ArrayList<>();
			List<JpaPid> notInline = new ArrayList<>();
			for (StoredVersion version : stored) {
				if (version.json() == null || !tagsInline) {
					notInline.add(JpaPid.fromId(version.pid()));
				} else {
					records.add(parse(parser, byName.get(version.type()), version));
				}
			}
			if (!notInline.isEmpty()) {
				SystemRequestDetails registry = new SystemRequestDetails();
				for (ResourceHistoryTable version : versions.findCurrentVersionsByResourcePidsAndFetchResourceTable(notInline)) {
					records.add(storageParser.toResource(registry, byName.get(version.getResourceType()), version, null, false));
				}
			}
			return records;
		});
	}

	// the stored text with the id and the version metadata HAPI keeps beside it
	private static IBaseResource parse(IParser parser, Class<? extends IBaseResource> type, StoredVersion version) {
		Resource record = (Resource) parser.parseResource(type, version.json());
		record.setId(new IdType(version.type(), version.id(), Long.toString(version.version())));
		record.getMeta().setVersionId(Long.toString(version.version()));
		record.getMeta().setLastUpdated(version.updated());
		return record;
	}

	private Class<? extends IBaseResource> classOf(String type) {
		return fhirContext.getResourceDefinition(type).getImplementingClass();
	}

	private static StoredVersion storedVersion(ResultSet row) throws SQLException {
		boolean json = ResourceEncodingEnum.JSON.name().equals(row.getString("res_encoding"));
		return new StoredVersion(row.getLong("res_id"), row.getString("res_type"), row.getString("fhir_id"),
				row.getLong("res_ver"), row.getTimestamp("res_updated"), json ? row.getString("res_text_vc") : null);
	}
}
