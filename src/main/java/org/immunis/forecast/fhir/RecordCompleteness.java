package org.immunis.forecast.fhir;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.instance.model.api.IIdType;

/**
 * Whether the immunization history a requester sees of a patient may be missing doses that the registry holds (the
 * patient objected to sharing, so the requester sees only its own records). The forecast then says so. When not, the
 * requester sees all of the patient's records or none, which lets the forecast read them without counting them first.
 */
public interface RecordCompleteness {

	boolean mayBeIncomplete(IIdType patientId, RequestDetails request);
}
