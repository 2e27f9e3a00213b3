package org.immunis.forecast.fhir;

import ca.uhn.fhir.jpa.dao.IJpaStorageResourceParser;
import ca.uhn.fhir.jpa.dao.data.IResourceHistoryTableDao;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.jpa.model.entity.ResourceHistoryTable;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.sql.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The current versions of a stored patient's records of some types, read as the registry: the records whose
 * {@code patient} search parameter names the patient, i.e. exactly what {@code Type?patient=Patient/[id]} matches, found
 * in HAPI's reference index ({@code hfj_res_link}) and loaded and parsed by HAPI's storage layer, without a search (no
 * search builder, no stored result list, no paging). What the requester may see of them is decided by the caller.
 */
final class PatientCompartment {

	/** The search parameter of Immunization and Condition that names the patient. */
	private static final String PATIENT = "patient";

	private static final String RECORDS_OF_PATIENT = """
			select distinct link.src_resource_id
			from hfj_res_link link
			join hfj_resource patient on patient.res_id = link.target_resource_id
			join hfj_resource record on record.res_id = link.src_resource_id
			where patient.res_type = 'Patient' and patient.fhir_id = ? and patient.res_deleted_at is null
			  and link.source_resource_type = ? and link.src_path = any(?) and record.res_deleted_at is null
			order by link.src_resource_id
			""";

	private final JdbcTemplate jdbc;
	private final IResourceHistoryTableDao versions;
	private final IJpaStorageResourceParser parser;
	private final ISearchParamRegistry searchParameters;
	private final TransactionTemplate readOnly;

	PatientCompartment(JdbcTemplate jdbc, IResourceHistoryTableDao versions, IJpaStorageResourceParser parser,
			ISearchParamRegistry searchParameters, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.versions = versions;
		this.parser = parser;
		this.searchParameters = searchParameters;
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
	}

	/** The patient's current records of each of these types, in one read-only transaction. */
	List<IBaseResource> records(String patientId, Collection<Class<? extends IBaseResource>> types) {
		return readOnly.execute(status -> {
			List<IBaseResource> records = new ArrayList<>();
			for (Class<? extends IBaseResource> type : types) {
				records.addAll(recordsOf(patientId, type));
			}
			return records;
		});
	}

	private List<IBaseResource> recordsOf(String patientId, Class<? extends IBaseResource> type) {
		String typeName = type.getSimpleName();
		List<String> paths = searchParameters.getActiveSearchParam(typeName, PATIENT,
				ISearchParamRegistry.SearchParamLookupContextEnum.SEARCH).getPathsSplitForResourceType(typeName);
		List<Long> pids = jdbc.query(RECORDS_OF_PATIENT, statement -> {
			statement.setString(1, patientId);
			statement.setString(2, typeName);
			Array pathArray = statement.getConnection().createArrayOf("varchar", paths.toArray());
			statement.setArray(3, pathArray);
		}, (row, number) -> row.getLong(1));
		if (pids.isEmpty()) {
			return List.of();
		}
		List<IBaseResource> records = new ArrayList<>();
		SystemRequestDetails registry = new SystemRequestDetails();
		for (ResourceHistoryTable version : versions.findCurrentVersionsByResourcePidsAndFetchResourceTable(
				JpaPid.fromLongList(pids))) {
			if (!version.isDeleted()) {
				records.add(parser.toResource(registry, type, version, null, false));
			}
		}
		return records;
	}
}
