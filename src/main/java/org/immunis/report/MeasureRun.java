package org.immunis.report;

import ca.uhn.fhir.interceptor.api.HookParams;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SimplePreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Patient;
import org.immunis.consent.PopulationSharing;
import org.immunis.consent.Roster;
import org.immunis.identity.Requester;
import org.immunis.identity.Role;

/**
 * One evaluation of a measure for a requester: the subject resolved under the sharing decision, the population read
 * and decided page by page, each patient assessed by CDSi, the counts written with small cells withheld (except for the
 * registry admin). The patients a subject list names are shown to the audit trail as any read's would be.
 */
final class MeasureRun {

	/** What was asked, by whom. */
	record Question(Requester requester, String subject, String town, LocalDate periodStart, LocalDate periodEnd,
			boolean subjectList) {}

	private final DaoRegistry daos;
	private final PopulationSharing sharing;
	private final ReportPopulation population;
	private final MeasureEvaluator evaluator;
	private final MeasureReportWriter writer = new MeasureReportWriter();
	private final int smallCellThreshold;

	MeasureRun(DaoRegistry daos, PopulationSharing sharing, ReportPopulation population, MeasureEvaluator evaluator,
			int smallCellThreshold) {
		this.daos = daos;
		this.sharing = sharing;
		this.population = population;
		this.evaluator = evaluator;
		this.smallCellThreshold = smallCellThreshold;
	}

	MeasureReport evaluate(CoverageMeasure measure, Question question, Date now, RequestDetails request) {
		ReportSubject subject = subject(question);
		MeasureTally tally = new MeasureTally(measure, question.subjectList());
		Set<String> roster = subject.memberSet();
		population.forEachPage(question.requester(), subject, patients -> {
			List<PatientOutcome> outcomes = new ArrayList<>();
			for (ReportedPatient patient : patients) {
				evaluator.evaluate(measure, patient, question.periodStart(), question.periodEnd(), roster.contains(patient.id()))
						.ifPresent(outcomes::add);
			}
			return outcomes;
		}, outcomes -> outcomes.forEach(tally::add));
		if (question.subjectList()) {
			showToAudit(tally, request);
		}
		boolean admin = question.requester().role() == Role.REGISTRY_ADMIN;
		return writer.write(tally, new MeasureReportWriter.Request(question.periodStart(), question.periodEnd(),
				subject.reference(), question.subjectList(), scope(question), admin ? null : smallCellThreshold), now);
	}

	private ReportSubject subject(Question question) {
		if (question.town() != null) {
			return new ReportSubject(null, question.town(), null);
		}
		if (question.subject() == null) {
			return ReportSubject.EVERYONE;
		}
		IdType id = new IdType(question.subject());
		if (!"Group".equals(id.getResourceType()) || !id.hasIdPart()) {
			throw new InvalidRequestException("subject must be a Group (Group/[id]); a town is given as town");
		}
		String reference = "Group/" + id.getIdPart();
		Group group;
		try {
			group = (Group) daos.getResourceDao(Group.class).read(new IdType(reference), new SystemRequestDetails());
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			throw unknownSubject(reference);
		}
		if (sharing.visible(question.requester(), List.of(group)).isEmpty()) {
			throw unknownSubject(reference);
		}
		if (!Roster.isRoster(group)) {
			throw new InvalidRequestException(reference + " is not a roster of patients (an actual Group of type person)");
		}
		return new ReportSubject(reference, null, Roster.activeMembers(group));
	}

	// a roster hidden from the requester answers exactly as one that does not exist; a 400, as the operation itself is
	// known (a 404 would say the Measure is not known)
	private static InvalidRequestException unknownSubject(String reference) {
		return new InvalidRequestException("subject: Resource " + reference + " is not known");
	}

	// the audit trail records the patients a request disclosed from what storage shows it
	private static void showToAudit(MeasureTally tally, RequestDetails request) {
		if (!(request instanceof ServletRequestDetails) || request.getInterceptorBroadcaster() == null || tally.outcomes().isEmpty()) {
			return;
		}
		List<IBaseResource> named = new ArrayList<>();
		for (PatientOutcome outcome : tally.outcomes()) {
			named.add(new Patient().setId(outcome.patient().id()));
		}
		SimplePreResourceShowDetails details = new SimplePreResourceShowDetails(named);
		request.getInterceptorBroadcaster().callHooks(Pointcut.STORAGE_PRESHOW_RESOURCES, new HookParams()
				.add(ca.uhn.fhir.rest.api.server.IPreResourceShowDetails.class, details)
				.add(RequestDetails.class, request)
				.addIfMatchesType(ServletRequestDetails.class, request));
	}

	private static String scope(Question question) {
		switch (question.requester().role()) {
			case REGISTRY_ADMIN:
				return "Counts every patient of the registry: the registry admin sees every record.";
			case BOARD_OF_HEALTH:
				return "Counts only residents of the board's jurisdiction who do not object to data sharing.";
			case SCHOOL:
				return "Counts only children on the school's rosters who do not object to data sharing.";
			case PROVIDER:
				return "Counts patients who object to data sharing only if this provider recorded for them, and then only"
						+ " the immunizations it recorded.";
			default:
				return "Counts only patients who do not object to data sharing.";
		}
	}
}
