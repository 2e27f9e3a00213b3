package org.immunis.forecast.fhir;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.function.BiPredicate;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Consent;

/**
 * The history may be incomplete when the requester is neither the patient nor a registry administrator and the
 * patient has an active data-sharing objection (a Consent with the objection profile). Until the consent package
 * answers this itself, this is the registry's answer.
 */
final class ObjectionRecordCompleteness implements RecordCompleteness {

	static final String OBJECTION_PROFILE = "http://immunis.org/fhir/StructureDefinition/data-sharing-objection";

	private final DaoRegistry daoRegistry;
	private final BiPredicate<IIdType, RequestDetails> seesWholeRecord;

	/**
	 * @param seesWholeRecord whether the requester is the patient or a registry administrator (who see every record)
	 */
	ObjectionRecordCompleteness(DaoRegistry daoRegistry, BiPredicate<IIdType, RequestDetails> seesWholeRecord) {
		this.daoRegistry = daoRegistry;
		this.seesWholeRecord = seesWholeRecord;
	}

	@Override
	public boolean mayBeIncomplete(IIdType patientId, RequestDetails request) {
		return !seesWholeRecord.test(patientId, request) && hasActiveObjection(patientId);
	}

	/**
	 * Looked up as the registry itself: the requester may not be allowed to read the Consent, but whether its view is
	 * complete is the registry's to say.
	 */
	private boolean hasActiveObjection(IIdType patientId) {
		SearchParameterMap params = SearchParameterMap.newSynchronous()
				.add(Consent.SP_PATIENT, new ReferenceParam(patientId.toUnqualifiedVersionless().getValue()))
				.add(Consent.SP_STATUS, new TokenParam("active"));
		return daoRegistry.getResourceDao(Consent.class).searchForResources(params, new SystemRequestDetails()).stream()
				.anyMatch(consent -> consent.getMeta().hasProfile(OBJECTION_PROFILE));
	}
}
