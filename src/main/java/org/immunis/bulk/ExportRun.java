package org.immunis.bulk;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Patient;
import org.immunis.consent.PopulationSharing;
import org.immunis.identity.Requester;
import org.immunis.records.RecordKind;
import org.immunis.records.RecordType;
import org.immunis.records.RecordTypes;

/**
 * Runs one export as its requester: reads the patients a page at a time as the server, passes every record through the
 * requester's sharing decision and outgoing view ({@link PopulationSharing#shown}, the same as a read), and writes what
 * is left as NDJSON files to the job store. Reports after every page, and stops when the job was cancelled or taken
 * over, or the server is stopping.
 */
final class ExportRun {

	/** The export stopped before its end: cancelled, taken over, or its server stopping. */
	static final class Stopped extends RuntimeException {
		Stopped(String why) {
			super(why);
		}
	}

	private final DaoRegistry daos;
	private final PopulationSharing sharing;
	private final ExportPopulation population;
	private final ExportJobStore store;
	private final FhirContext fhirContext;
	private final int resourcesPerFile;

	ExportRun(DaoRegistry daos, PopulationSharing sharing, ExportPopulation population, ExportJobStore store,
			FhirContext fhirContext, int resourcesPerFile) {
		this.daos = daos;
		this.sharing = sharing;
		this.population = population;
		this.store = store;
		this.fhirContext = fhirContext;
		this.resourcesPerFile = resourcesPerFile;
	}

	/** Writes the job's files; answers the patients whose records it wrote. */
	Set<String> run(ExportJob job, Requester requester, String worker, BooleanSupplier stopping) {
		ExportRequest request = job.request();
		Output output = new Output(job.id(), worker);
		List<String> patientRecordTypes = request.types().stream().filter(type -> !"Patient".equals(type))
				.filter(RecordTypes::isAboutPatients).toList();
		// the progress counts only what the requester is given: how many patients were read would count hidden ones
		if (request.types().contains("Patient") || !patientRecordTypes.isEmpty()) {
			population.forEachPage(request, page -> {
				writePatients(page, request, requester, patientRecordTypes, output);
				report(job, worker, stopping, "resources written: " + output.written);
			});
		}
		for (String type : request.types()) {
			if (RecordTypes.is(type, RecordKind.DIRECTORY)) {
				population.forEachPageOfType(type, page -> {
					sharing.shown(requester, page).stream().filter(record -> changedSince(record, request.since())).forEach(output::add);
					report(job, worker, stopping, "resources written: " + output.written);
				});
			}
		}
		output.flushAll();
		return output.patients;
	}

	// a page of patients: those the requester may see (as it may see them), then their records of each type
	private void writePatients(List<Patient> page, ExportRequest request, Requester requester, List<String> recordTypes,
			Output output) {
		List<IBaseResource> shownPatients = sharing.shown(requester, page);
		for (IBaseResource patient : shownPatients) {
			if (request.types().contains("Patient") && changedSince(patient, request.since())) {
				output.add(patient);
			}
		}
		List<String> visibleIds = shownPatients.stream().map(patient -> patient.getIdElement().getIdPart()).toList();
		for (String type : recordTypes) {
			if (!visibleIds.isEmpty()) {
				sharing.shown(requester, recordsOf(type, visibleIds, request.since())).forEach(output::add);
			}
		}
	}

	private void report(ExportJob job, String worker, BooleanSupplier stopping, String progress) {
		if (stopping.getAsBoolean()) {
			throw new Stopped("the server is stopping");
		}
		if (!store.report(job.id(), worker, progress)) {
			throw new Stopped("the export was cancelled or taken over");
		}
	}

	private List<IBaseResource> recordsOf(String type, List<String> patientIds, Instant since) {
		String parameter = RecordTypes.of(type).flatMap(RecordType::patientParameter).orElseThrow();
		ReferenceOrListParam patients = new ReferenceOrListParam();
		patientIds.forEach(id -> patients.addOr(new ReferenceParam("Patient/" + id)));
		SearchParameterMap query = SearchParameterMap.newSynchronous().add(parameter, patients);
		if (since != null) {
			query.setLastUpdated(new DateRangeParam(new DateParam(ParamPrefixEnum.GREATERTHAN_OR_EQUALS, Date.from(since)), null));
		}
		// every record of the page's patients; HAPI's default cap on a synchronous search would cut them short
		query.setLoadSynchronousUpTo(Integer.MAX_VALUE);
		return daos.getResourceDao(type).search(query, new SystemRequestDetails()).getAllResources();
	}

	private static boolean changedSince(IBaseResource resource, Instant since) {
		Date updated = resource.getMeta().getLastUpdated();
		return since == null || updated == null || !updated.toInstant().isBefore(since);
	}

	/** The NDJSON files being written, one per type at a time, stored when full and at the end. */
	private final class Output {

		private final String jobId;
		private final String worker;
		private final IParser parser = fhirContext.newJsonParser().setPrettyPrint(false);
		private final Map<String, Part> parts = new LinkedHashMap<>();
		private final Set<String> patients = new LinkedHashSet<>();
		private int files;
		private long written;

		Output(String jobId, String worker) {
			this.jobId = jobId;
			this.worker = worker;
		}

		void add(IBaseResource resource) {
			Part part = parts.computeIfAbsent(resource.fhirType(), type -> new Part());
			byte[] line = parser.encodeResourceToString(resource).getBytes(StandardCharsets.UTF_8);
			part.content.write(line, 0, line.length);
			part.content.write('\n');
			part.count++;
			String patient = RecordTypes.patientOf(resource);
			if (patient != null) {
				part.patients.add(patient);
				patients.add(patient);
			}
			written++;
			if (part.count >= resourcesPerFile) {
				flush(resource.fhirType(), part);
			}
		}

		void flushAll() {
			parts.forEach((type, part) -> {
				if (part.count > 0) {
					flush(type, part);
				}
			});
		}

		private void flush(String type, Part part) {
			files++;
			if (!store.addFile(jobId, worker, files, type, part.count, new ArrayList<>(part.patients), part.content.toByteArray())) {
				throw new Stopped("the export was cancelled or taken over");
			}
			parts.put(type, new Part());
		}
	}

	private static final class Part {
		private final ByteArrayOutputStream content = new ByteArrayOutputStream();
		private final Set<String> patients = new LinkedHashSet<>();
		private int count;
	}
}
