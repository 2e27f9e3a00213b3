package org.immunis.forecast.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IDao;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.model.DeleteConflict;
import ca.uhn.fhir.jpa.api.model.DeleteConflictList;
import ca.uhn.fhir.jpa.delete.DeleteConflictOutcome;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.ImmunizationEvaluation;
import org.hl7.fhir.r4.model.Patient;
import org.immunis.fhir.FhirInterceptor;
import org.immunis.forecast.Assessment;
import org.immunis.forecast.DoseEvaluation;
import org.immunis.forecast.EvaluationStatus;
import org.immunis.forecast.ForecastEngine;
import org.immunis.forecast.VaccineGroupAssessment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flags, without refusing it, a newly stored dose that does not count: given too early (age), too soon after the
 * previous dose, a duplicate of a dose on record (extraneous), or sub-standard. After the create, inside its database
 * transaction, it evaluates the patient's doses with the engine and stores, for each vaccine group where the new dose
 * is not valid, an ImmunizationEvaluation (doseStatus notvalid with CDC's reason) whose immunizationEvent is the new
 * Immunization.
 *
 * <p>Cost: one read of the Patient by id and one indexed search of the patient's Immunizations per patient and
 * database transaction, both as the registry itself (the flag is about the whole record, not what a requester may
 * see). HAPI runs this hook for the entries of a transaction bundle after all of them are stored, so the first
 * Immunization of a patient assesses the patient's whole history, new doses included, and the others of the bundle
 * reuse that assessment.
 */
@Interceptor
final class StoredDoseFlagInterceptor implements FhirInterceptor {

	private static final Logger log = LoggerFactory.getLogger(StoredDoseFlagInterceptor.class);
	private static final String FLAG_PATH = "ImmunizationEvaluation.immunizationEvent";
	private static final String ASSESSMENTS = StoredDoseFlagInterceptor.class.getName() + ".assessments";

	private final ForecastEngine engine;
	private final ForecastInputReader reader;
	private final AssessmentWriter writer;
	private final DaoRegistry daoRegistry;
	private final Clock clock;

	private record PatientAssessment(String patientReference, Assessment assessment) {}

	StoredDoseFlagInterceptor(ForecastEngine engine, ForecastInputReader reader, AssessmentWriter writer,
			DaoRegistry daoRegistry, Clock clock) {
		this.engine = engine;
		this.reader = reader;
		this.writer = writer;
		this.daoRegistry = daoRegistry;
		this.clock = clock;
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	void afterCreate(IBaseResource resource, TransactionDetails transaction) {
		if (resource instanceof Immunization immunization
				&& immunization.getStatus() == Immunization.ImmunizationStatus.COMPLETED
				&& immunization.getPatient().getReferenceElement().hasIdPart()) {
			try {
				flagIfNotValid(immunization, transaction);
			} catch (RuntimeException e) {
				// the flag is advice: a record the engine cannot assess is stored all the same
				log.warn("Immunization/{} not evaluated: {}", immunization.getIdElement().getIdPart(), e.getMessage());
			}
		}
	}

	/** A dose's flags go with it: deleting a flagged Immunization deletes the flags that name it, then retries. */
	@Hook(Pointcut.STORAGE_PRESTORAGE_DELETE_CONFLICTS)
	DeleteConflictOutcome deleteFlagsOfDeletedDoses(DeleteConflictList conflicts) {
		List<DeleteConflict> flags = new ArrayList<>();
		conflicts.forEach(conflict -> {
			if (FLAG_PATH.equals(conflict.getSourcePath())) {
				flags.add(conflict);
			}
		});
		if (flags.isEmpty()) {
			return null;
		}
		IFhirResourceDao<ImmunizationEvaluation> evaluations = daoRegistry.getResourceDao(ImmunizationEvaluation.class);
		flags.forEach(flag -> evaluations.delete(flag.getSourceId(), new SystemRequestDetails()));
		return new DeleteConflictOutcome().setShouldRetryCount(1);
	}

	private void flagIfNotValid(Immunization stored, TransactionDetails transaction) {
		IIdType patientId = new IdType("Patient", stored.getPatient().getReferenceElement().getIdPart());
		String storedReference = "Immunization/" + stored.getIdElement().getIdPart();
		Map<String, PatientAssessment> assessments = transaction == null
				? new HashMap<>() : transaction.getOrCreateUserData(ASSESSMENTS, HashMap::new);
		PatientAssessment known = assessments.get(patientId.getValue());
		if (known == null || !includes(known.assessment(), storedReference)) {
			known = assess(patientId, stored);
			assessments.put(patientId.getValue(), known);
		}
		for (VaccineGroupAssessment group : known.assessment().vaccineGroups()) {
			for (DoseEvaluation dose : group.doses()) {
				if (storedReference.equals(dose.dose().id()) && dose.status() != EvaluationStatus.VALID) {
					ImmunizationEvaluation evaluation = writer.evaluation(known.patientReference(),
							known.assessment().assessmentDate(), group, dose);
					daoRegistry.getResourceDao(ImmunizationEvaluation.class).create(evaluation, new SystemRequestDetails());
					log.info("{} flagged for {}: {} {}", storedReference, group.vaccineGroup(), dose.status().cdsiName(),
							dose.reason());
				}
			}
		}
	}

	private PatientAssessment assess(IIdType patientId, Immunization stored) {
		SystemRequestDetails registry = new SystemRequestDetails();
		Patient patient = daoRegistry.getResourceDao(Patient.class).read(patientId, registry);
		String storedId = stored.getIdElement().getIdPart();
		List<Immunization> history = PatientImmunizations.of(daoRegistry, patientId, registry);
		history.removeIf(other -> storedId.equals(other.getIdElement().getIdPart()));
		history.add(stored);
		// in the order stored, so that of two doses given the same day the one stored later is the extra one
		history.sort(Comparator.comparingLong(StoredDoseFlagInterceptor::storageOrder));
		LocalDate today = LocalDate.now(clock);
		ForecastInput input = reader.read(patient, history, List.of(), List.of(), today);
		return new PatientAssessment(input.patientReference(), engine.assess(input.patient(), input.doses(), today));
	}

	// The database's own key grows with every record stored (the ids the registry assigns are random).
	private static long storageOrder(Immunization immunization) {
		JpaPid pid = IDao.RESOURCE_PID.get(immunization);
		return pid == null ? Long.MAX_VALUE : pid.getId();
	}

	private static boolean includes(Assessment assessment, String immunizationReference) {
		return assessment.vaccineGroups().stream()
				.flatMap(group -> group.doses().stream())
				.anyMatch(dose -> immunizationReference.equals(dose.dose().id()));
	}
}
