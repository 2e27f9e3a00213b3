package org.immunis.consent;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.immunis.access.AccessPolicy;
import org.immunis.access.PatientSharing;
import org.immunis.access.RecordFacts;
import org.immunis.identity.Interaction;
import org.immunis.identity.Requester;
import org.immunis.records.RecordTypes;
import org.immunis.identity.Role;
import org.springframework.stereotype.Component;

/**
 * The sharing decision for work over a whole population (reports, exports): which records, read by the server for
 * itself, the requester may see. What the decision needs of a batch of patients is loaded once, for all their records.
 */
@Component
public class PopulationSharing {

	private final PatientSharingLookup lookup;
	private final ReferencedRecords referenced;
	private final FhirContext fhirContext;

	PopulationSharing(PatientSharingLookup lookup, ReferencedRecords referenced, FhirContext fhirContext) {
		this.lookup = lookup;
		this.referenced = referenced;
		this.fhirContext = fhirContext;
	}

	/** The records the requester may see, in their order; the others are as if they did not exist. */
	public <T extends IBaseResource> List<T> visible(Requester requester, List<T> records) {
		return batch(requester, patientsOf(records)).visible(records);
	}

	/**
	 * What the requester is shown of these records, exactly as a read would show them: the records it may see, each in
	 * its {@link OutgoingView} (references to records it may not see removed; a record that cannot be shown without them
	 * left out). The records referred to are loaded as the server, one query per type, and decided for the requester.
	 */
	public List<IBaseResource> shown(Requester requester, List<? extends IBaseResource> records) {
		List<? extends IBaseResource> visible = visible(requester, records);
		if (requester.role() == Role.REGISTRY_ADMIN || visible.isEmpty()) {
			return List.copyOf(visible);
		}
		Set<String> targets = new HashSet<>();
		visible.forEach(record -> targets.addAll(OutgoingView.referencesToDecide(fhirContext, record)));
		Set<String> visibleTargets = new HashSet<>();
		if (!targets.isEmpty()) {
			for (IBaseResource target : visible(requester, referenced.load(targets))) {
				visibleTargets.add(target.fhirType() + "/" + target.getIdElement().getIdPart());
			}
		}
		List<IBaseResource> shown = new ArrayList<>(visible.size());
		for (IBaseResource record : visible) {
			IBaseResource view = OutgoingView.of(fhirContext, record, visibleTargets::contains);
			if (view != null) {
				shown.add(view);
			}
		}
		return shown;
	}

	/** The decision for records of these patients (and records about no patient), with one lookup for all of them. */
	public Batch batch(Requester requester, Collection<String> patientIds) {
		Map<String, PatientSharing> patients = AccessPolicy.objectionApplies(requester.role())
				? lookup.load(requester, patientIds) : Map.of();
		return new Batch(requester, patients);
	}

	/** What the decision knows of a batch of patients for one requester. */
	public static final class Batch {

		private final Requester requester;
		private final Map<String, PatientSharing> patients;

		private Batch(Requester requester, Map<String, PatientSharing> patients) {
			this.requester = requester;
			this.patients = patients;
		}

		/** The records the requester may see, in their order. */
		public <T extends IBaseResource> List<T> visible(List<T> records) {
			List<T> visible = new ArrayList<>();
			for (T record : records) {
				RecordFacts view = RecordFacts.of(record);
				// a patient outside the batch counts as objecting: deny by default
				PatientSharing patient = view.patientId() == null ? PatientSharing.SHARING
						: patients.getOrDefault(view.patientId(), PatientSharing.OBJECTING);
				if (AccessPolicy.decide(requester, Interaction.READ, view, patient).allowed()) {
					visible.add(record);
				}
			}
			return visible;
		}
	}

	private static Set<String> patientsOf(List<? extends IBaseResource> records) {
		Set<String> patients = new HashSet<>();
		for (IBaseResource record : records) {
			String patient = RecordTypes.patientOf(record);
			if (patient != null) {
				patients.add(patient);
			}
		}
		return patients;
	}
}
