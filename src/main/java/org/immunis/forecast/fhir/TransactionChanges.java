package org.immunis.forecast.fhir;

import ca.uhn.fhir.interceptor.api.HookParams;
import ca.uhn.fhir.interceptor.api.Pointcut;
import com.google.common.collect.ListMultimap;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Patient;

/** The resources a FHIR transaction created and updated, as HAPI hands its deferred pre-commit hooks over. */
record TransactionChanges(List<IBaseResource> created, List<IBaseResource> updated) {

	static TransactionChanges of(ListMultimap<Pointcut, HookParams> deferredBroadcasts) {
		return new TransactionChanges(
				deferredBroadcasts.get(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED).stream()
						.map(params -> params.get(IBaseResource.class)).toList(),
				// an update's hook names the resource as it was, then as it is now
				deferredBroadcasts.get(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED).stream()
						.map(params -> params.get(IBaseResource.class, 1)).toList());
	}

	/** The Patient with this id if the transaction created it, else null. */
	Patient createdPatient(String idPart) {
		return created.stream()
				.filter(resource -> resource instanceof Patient && idPart.equals(resource.getIdElement().getIdPart()))
				.map(Patient.class::cast)
				.findFirst().orElse(null);
	}

	/** The Immunizations, of any status, the transaction created or updated for this patient ({@code Patient/id}). */
	List<Immunization> immunizationsOf(String patientReference) {
		String idPart = patientReference.substring(patientReference.indexOf('/') + 1);
		return Stream.concat(created.stream(), updated.stream())
				.filter(Immunization.class::isInstance)
				.map(Immunization.class::cast)
				.filter(immunization -> idPart.equals(immunization.getPatient().getReferenceElement().getIdPart()))
				.toList();
	}
}
