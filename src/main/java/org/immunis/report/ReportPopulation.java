package org.immunis.report;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringParam;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Patient;
import org.immunis.consent.PopulationSharing;
import org.immunis.identity.Requester;
import org.immunis.records.StoredPatients;

/**
 * Reads a report's patients as the server, page by page, and passes each page through the requester's sharing
 * decision before anything of it is used: first the Patients, then the Immunizations of the patients left. Pages are
 * decided and assessed on the report threads, several at a time. A hidden patient or immunization is as if it were not
 * stored: it counts nowhere.
 */
final class ReportPopulation {

	private final DaoRegistry daos;
	private final PopulationSharing sharing;
	private final PatientRecordReader reader;
	private final int pageSize;
	private final ExecutorService workers;
	private final int threads;

	ReportPopulation(DaoRegistry daos, PopulationSharing sharing, PatientRecordReader reader, int pageSize,
			ExecutorService workers, int threads) {
		this.daos = daos;
		this.sharing = sharing;
		this.reader = reader;
		this.pageSize = pageSize;
		this.workers = workers;
		this.threads = threads;
	}

	/**
	 * Reads the subject's patients a page at a time; each page is decided, completed with its immunizations and handed to
	 * {@code work} on one of the report threads (so that reading, deciding and assessing use every core), and what
	 * {@code work} makes of each page goes to {@code inOrder} on the calling thread, in the order of the pages.
	 */
	<R> void forEachPage(Requester requester, ReportSubject subject, Function<List<ReportedPatient>, R> work,
			Consumer<R> inOrder) {
		Deque<Future<R>> pending = new ArrayDeque<>();
		try {
			forEachStoredPage(subject, patients -> {
				pending.add(workers.submit(() -> work.apply(decided(requester, patients))));
				// a bounded read-ahead: the pages in work are all the report holds in memory
				while (pending.size() > 2 * threads) {
					inOrder.accept(done(pending.poll()));
				}
			});
			while (!pending.isEmpty()) {
				inOrder.accept(done(pending.poll()));
			}
		} finally {
			pending.forEach(future -> future.cancel(true));
		}
	}

	private static <R> R done(Future<R> page) {
		try {
			return page.get();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while a report was running", e);
		} catch (ExecutionException e) {
			if (e.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			throw new IllegalStateException(e.getCause());
		}
	}

	/** The subject's stored patients, a page at a time, before any decision. */
	private void forEachStoredPage(ReportSubject subject, Consumer<List<Patient>> consumer) {
		if (subject.isRoster()) {
			for (int from = 0; from < subject.members().size(); from += pageSize) {
				List<String> ids = subject.members().subList(from, Math.min(from + pageSize, subject.members().size()));
				consumer.accept(StoredPatients.byIds(daos, ids));
			}
			return;
		}
		SearchParameterMap query = new SearchParameterMap();
		if (subject.town() != null) {
			query.add(Patient.SP_ADDRESS_CITY, new StringParam(subject.town()));
		}
		IBundleProvider results = daos.getResourceDao(Patient.class).search(query, new SystemRequestDetails());
		for (int from = 0; ; from += pageSize) {
			List<IBaseResource> page = results.getResources(from, from + pageSize);
			if (page.isEmpty()) {
				return;
			}
			List<Patient> patients = new ArrayList<>();
			for (IBaseResource resource : page) {
				Patient patient = (Patient) resource;
				// the city search matches by prefix and any address: the report counts the current town only
				if (subject.town() == null || PatientRecordReader.livesIn(patient, subject.town())) {
					patients.add(patient);
				}
			}
			consumer.accept(patients);
		}
	}

	private List<ReportedPatient> decided(Requester requester, List<Patient> patients) {
		if (patients.isEmpty()) {
			return List.of();
		}
		PopulationSharing.Batch decision = sharing.batch(requester,
				patients.stream().map(patient -> patient.getIdElement().getIdPart()).toList());
		List<Patient> visible = decision.visible(patients);
		if (visible.isEmpty()) {
			return List.of();
		}
		Map<String, List<Immunization>> byPatient = new HashMap<>();
		// an immunization names one of these patients (it was searched by them): the same lookup decides it
		for (Immunization immunization : decision.visible(immunizationsOf(visible))) {
			String patient = immunization.getPatient().getReferenceElement().getIdPart();
			byPatient.computeIfAbsent(patient, key -> new ArrayList<>()).add(immunization);
		}
		List<ReportedPatient> reported = new ArrayList<>();
		for (Patient patient : visible) {
			if (patient.hasBirthDate()) {
				reported.add(reader.read(patient, byPatient.getOrDefault(patient.getIdElement().getIdPart(), List.of())));
			}
		}
		return reported;
	}


	private List<Immunization> immunizationsOf(List<Patient> patients) {
		SearchParameterMap query = SearchParameterMap.newSynchronous();
		ReferenceOrListParam references = new ReferenceOrListParam();
		patients.forEach(patient -> references.addOr(new ReferenceParam("Patient/" + patient.getIdElement().getIdPart())));
		query.add(Immunization.SP_PATIENT, references);
		// every immunization of the page's patients; HAPI's default cap on a synchronous search would cut them short
		query.setLoadSynchronousUpTo(Integer.MAX_VALUE);
		List<Immunization> immunizations = new ArrayList<>();
		daos.getResourceDao(Immunization.class).search(query, new SystemRequestDetails()).getAllResources()
				.forEach(resource -> immunizations.add((Immunization) resource));
		return immunizations;
	}
}
