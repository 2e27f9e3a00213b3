package org.immunis.consent;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.sql.Array;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Consent;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The patients with a data-sharing objection in force, in a table of the registry's own ({@code immunis_objection}: one
 * row per objection in force). Every stored Consent updates its row inside the database transaction that stores it, so
 * the table and the records never disagree, on any server sharing the database, and a filed or withdrawn objection
 * counts from the next request. The sharing decision asks it with one indexed query per batch of patients instead of a
 * FHIR search of Consents.
 *
 * <p>Its hooks sit on HAPI's storage-wide interceptor service, not the REST endpoint's: the registry's own writes of a
 * Consent count as much as a requester's. The table is made by the registry's schema migrations (db/registry).
 */
@Component
@Interceptor
public class ObjectionRegister implements SmartInitializingSingleton {

	private static final String TABLE = "immunis_objection";

	private final JdbcTemplate jdbc;
	private final IInterceptorService storageInterceptors;

	ObjectionRegister(JdbcTemplate jdbc, IInterceptorService storageInterceptors) {
		this.jdbc = jdbc;
		this.storageInterceptors = storageInterceptors;
	}

	@Override
	public void afterSingletonsInstantiated() {
		storageInterceptors.registerInterceptor(this);
	}

	/** Whether the patient has an objection in force. */
	public boolean objects(String patientId) {
		return !objecting(List.of(patientId)).isEmpty();
	}

	/** The patients among these with an objection in force. */
	Set<String> objecting(Collection<String> patientIds) {
		if (patientIds.isEmpty()) {
			return Set.of();
		}
		List<String> found = jdbc.query("select distinct patient_id from " + TABLE + " where patient_id = any(?)",
				statement -> {
					Array ids = statement.getConnection().createArrayOf("varchar", patientIds.toArray());
					statement.setArray(1, ids);
				},
				(row, number) -> row.getString(1));
		return new HashSet<>(found);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	void created(IBaseResource resource) {
		register(resource);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	void updated(IBaseResource previous, IBaseResource resource) {
		register(resource);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
	void deleted(IBaseResource resource) {
		if (resource instanceof Consent) {
			jdbc.update("delete from " + TABLE + " where consent_id = ?", resource.getIdElement().getIdPart());
		}
	}

	private void register(IBaseResource resource) {
		if (!(resource instanceof Consent consent)) {
			return;
		}
		String consentId = consent.getIdElement().getIdPart();
		jdbc.update("delete from " + TABLE + " where consent_id = ?", consentId);
		String patientId = DataSharingObjection.patientId(consent);
		if (patientId != null && DataSharingObjection.inForce(consent)) {
			jdbc.update("insert into " + TABLE + " (consent_id, patient_id) values (?, ?)", consentId, patientId);
		}
	}
}
