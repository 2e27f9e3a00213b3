package org.immunis.consent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.immunis.identity.Requester;
import org.springframework.stereotype.Component;

/**
 * The sharing decision for work over a whole population (reports, exports): which of a batch of records, read by the
 * server for itself, the requester may see. What the decision needs of the batch's patients is loaded in one go.
 */
@Component
public class PopulationSharing {

	private final PatientSharingLookup lookup;

	PopulationSharing(PatientSharingLookup lookup) {
		this.lookup = lookup;
	}

	/** The records of the batch the requester may see, in their order; the others are as if they did not exist. */
	public <T extends IBaseResource> List<T> visible(Requester requester, List<T> records) {
		Viewer viewer = new Viewer(requester.role(), requester.organizationId(), requester.patients());
		Map<String, PatientSharing> patients = ConsentPolicy.objectionApplies(viewer.role())
				? lookup.load(viewer, patientsOf(records)) : Map.of();
		List<T> visible = new ArrayList<>();
		for (T record : records) {
			RecordView view = RecordViews.of(record);
			// a patient the lookup knows nothing of counts as objecting: deny by default
			PatientSharing patient = view.patientId() == null ? PatientSharing.SHARING
					: patients.getOrDefault(view.patientId(), PatientSharing.OBJECTING);
			if (ConsentPolicy.decide(viewer, view, patient).visible()) {
				visible.add(record);
			}
		}
		return visible;
	}

	private static Set<String> patientsOf(List<? extends IBaseResource> records) {
		Set<String> patients = new HashSet<>();
		for (IBaseResource record : records) {
			String patient = RecordViews.patientOf(record);
			if (patient != null) {
				patients.add(patient);
			}
		}
		return patients;
	}
}
