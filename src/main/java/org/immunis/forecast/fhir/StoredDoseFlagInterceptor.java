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
import ca.uhn.fhir.rest.api.server.storage.DeferredInterceptorBroadcasts;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.ImmunizationEvaluation;
import org.hl7.fhir.r4.model.Patient;
import org.immunis.fhir.FhirInterceptor;
import org.immunis.fhir.RegistryOperations;
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
 * <p>A single create reads the Patient and searches the patient's Immunizations, both as the registry itself (the
 * flag is about the whole record, not what a requester may see). The doses of a transaction bundle are assessed
 * together once HAPI has stored all its entries, one assessment per patient; a patient created in the same bundle has
 * no record beyond it, so then nothing is read back from the database.
 */
@Interceptor
final class StoredDoseFlagInterceptor implements FhirInterceptor {

	private static final Logger log = LoggerFactory.getLogger(StoredDoseFlagInterceptor.class);
	private static final String FLAG_PATH = "ImmunizationEvaluation.immunizationEvent";

	private final ForecastEngine engine;
	private final ForecastInputReader reader;
	private final AssessmentWriter writer;
	private final DaoRegistry daoRegistry;
	private final Clock clock;

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
		if (transaction != null && transaction.isFhirTransaction()) {
			return; // assessed with the rest of its bundle in afterTransaction
		}
		patientOf(resource).ifPresent(patientId ->
				flagSafely(patientId, List.of((Immunization) resource), () -> storedHistory(patientId, resource)));
	}

	/** HAPI calls this for every transaction bundle, and for every entry of a batch, before the commit. */
	@Hook(Pointcut.STORAGE_TRANSACTION_PROCESSED)
	void afterTransaction(DeferredInterceptorBroadcasts broadcasts) {
		TransactionChanges changes = TransactionChanges.of(broadcasts.getDeferredInterceptorBroadcasts());
		Map<String, List<Immunization>> newDosesByPatient = new LinkedHashMap<>();
		changes.created().forEach(resource -> patientOf(resource).ifPresent(patientId ->
				newDosesByPatient.computeIfAbsent(patientId.getValue(), id -> new ArrayList<>()).add((Immunization) resource)));
		newDosesByPatient.forEach((patient, newDoses) -> {
			IIdType patientId = new IdType(patient);
			Patient created = changes.createdPatient(patientId.getIdPart());
			flagSafely(patientId, newDoses, created != null
					? () -> new PatientHistory(created, changes.immunizationsOf(patient))
					: () -> storedHistory(patientId, null));
		});
	}

	/**
	 * A dose's flags go with it: deleting a flagged Immunization deletes the flags that name it, then retries. A
	 * validation of the delete ({@code $validate mode=delete}) changes nothing: the flags are only not counted as
	 * conflicts.
	 */
	@Hook(Pointcut.STORAGE_PRESTORAGE_DELETE_CONFLICTS)
	DeleteConflictOutcome deleteFlagsOfDeletedDoses(DeleteConflictList conflicts, RequestDetails request) {
		if (RegistryOperations.isValidation(request)) {
			conflicts.removeIf(conflict -> FLAG_PATH.equals(conflict.getSourcePath()));
			return null;
		}
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

	/** The Patient of a completed Immunization, the doses the engine evaluates. */
	private static Optional<IIdType> patientOf(IBaseResource resource) {
		if (resource instanceof Immunization immunization
				&& immunization.getStatus() == Immunization.ImmunizationStatus.COMPLETED
				&& immunization.getPatient().getReferenceElement().hasIdPart()) {
			return Optional.of(new IdType("Patient", immunization.getPatient().getReferenceElement().getIdPart()));
		}
		return Optional.empty();
	}

	private record PatientHistory(Patient patient, List<Immunization> immunizations) {}

	private void flagSafely(IIdType patientId, List<Immunization> newDoses, Supplier<PatientHistory> history) {
		try {
			flag(newDoses, assess(history.get()));
		} catch (RuntimeException e) {
			// the flag is advice: a record the engine cannot assess is stored all the same
			log.warn("Immunizations of {} not evaluated: {}", patientId.getValue(), e.getMessage());
		}
	}

	/** The patient's Immunizations as stored, flushed writes of this database transaction included. */
	private PatientHistory storedHistory(IIdType patientId, IBaseResource justCreated) {
		SystemRequestDetails registry = new SystemRequestDetails();
		Patient patient = daoRegistry.getResourceDao(Patient.class).read(patientId, registry);
		List<Immunization> immunizations = PatientRecords.immunizations(daoRegistry, patientId, registry);
		if (justCreated instanceof Immunization dose) {
			immunizations.removeIf(other -> dose.getIdElement().getIdPart().equals(other.getIdElement().getIdPart()));
			immunizations.add(dose);
		}
		return new PatientHistory(patient, immunizations);
	}

	private record PatientAssessment(String patientReference, Assessment assessment) {}

	private PatientAssessment assess(PatientHistory history) {
		List<Immunization> doses = new ArrayList<>(history.immunizations());
		// in the order stored, so that of two doses given the same day the one stored later is the extra one
		doses.sort(Comparator.comparingLong(StoredDoseFlagInterceptor::storageOrder));
		LocalDate today = LocalDate.now(clock);
		ForecastInput input = reader.read(history.patient(), doses, List.of(), List.of(), today);
		return new PatientAssessment(input.patientReference(), engine.assess(input.patient(), input.doses(), today));
	}

	private void flag(List<Immunization> newDoses, PatientAssessment known) {
		for (Immunization stored : newDoses) {
			String storedReference = "Immunization/" + stored.getIdElement().getIdPart();
			for (VaccineGroupAssessment group : known.assessment().vaccineGroups()) {
				for (DoseEvaluation dose : group.doses()) {
					if (storedReference.equals(dose.dose().id()) && dose.status() != EvaluationStatus.VALID) {
						ImmunizationEvaluation evaluation = writer.evaluation(known.patientReference(),
								known.assessment().assessmentDate(), group, dose);
						daoRegistry.getResourceDao(ImmunizationEvaluation.class).create(evaluation, new SystemRequestDetails());
						log.debug("{} flagged for {}: {} {}", storedReference, group.vaccineGroup(), dose.status().cdsiName(),
								dose.reason());
					}
				}
			}
		}
	}

	// The database's own key grows with every record stored (the ids the registry assigns are random).
	private static long storageOrder(Immunization immunization) {
		JpaPid pid = IDao.RESOURCE_PID.get(immunization);
		return pid == null ? Long.MAX_VALUE : pid.getId();
	}
}
