package org.immunis.forecast.fhir;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.hl7.fhir.instance.model.api.IIdType;

/**
 * The history may be incomplete when the requester is neither the patient nor a registry administrator and the
 * patient has a data-sharing objection in force.
 */
final class ObjectionRecordCompleteness implements RecordCompleteness {

	private final Predicate<String> objects;
	private final BiPredicate<IIdType, RequestDetails> seesWholeRecord;

	/**
	 * @param objects whether the patient (by id) has an objection in force, asked as the registry itself: the requester
	 *     may not be allowed to read the Consent, but whether its view is complete is the registry's to say
	 * @param seesWholeRecord whether the requester is the patient or a registry administrator (who see every record)
	 */
	ObjectionRecordCompleteness(Predicate<String> objects, BiPredicate<IIdType, RequestDetails> seesWholeRecord) {
		this.objects = objects;
		this.seesWholeRecord = seesWholeRecord;
	}

	@Override
	public boolean mayBeIncomplete(IIdType patientId, RequestDetails request) {
		return !seesWholeRecord.test(patientId, request) && objects.test(patientId.getIdPart());
	}
}
