package org.immunis.report;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Measure;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.StringType;
import org.immunis.fhir.FhirProvider;
import org.immunis.identity.Requester;

/**
 * The registry's measures: {@code Measure/[id]} (the definitions in the implementation guide, read-only) and
 * {@code Measure/[id]/$evaluate-measure} (FHIR R4 / DEQM), which counts the patients the requester may see.
 */
final class EvaluateMeasureProvider implements IResourceProvider, FhirProvider {

	private final Map<String, Measure> definitions;
	private final CoverageMeasures measures;
	private final MeasureRun run;
	private final Clock clock;

	EvaluateMeasureProvider(List<Measure> definitions, CoverageMeasures measures, MeasureRun run, Clock clock) {
		this.definitions = definitions.stream()
				.collect(Collectors.toUnmodifiableMap(measure -> measure.getIdElement().getIdPart(), Function.identity()));
		this.measures = measures;
		this.run = run;
		this.clock = clock;
	}

	@Override
	public Class<? extends IBaseResource> getResourceType() {
		return Measure.class;
	}

	@Read
	public Measure read(@IdParam IdType id) {
		Measure measure = definitions.get(id.getIdPart());
		if (measure == null) {
			throw notKnown("Measure/" + id.getIdPart());
		}
		return measure;
	}

	@Search
	public List<Measure> all() {
		return definitions.values().stream().sorted((a, b) -> a.getUrl().compareTo(b.getUrl())).toList();
	}

	@Operation(name = "$evaluate-measure", idempotent = true)
	public MeasureReport evaluate(
			@IdParam IdType id,
			@OperationParam(name = "periodStart", min = 1, max = 1) StringType periodStart,
			@OperationParam(name = "periodEnd", min = 1, max = 1) StringType periodEnd,
			@OperationParam(name = "subject", max = 1) StringType subject,
			@OperationParam(name = "town", max = 1) StringType town,
			@OperationParam(name = "reportType", max = 1) StringType reportType,
			RequestDetails request) {
		CoverageMeasure measure = definitions.containsKey(id.getIdPart()) ? measures.byId(id.getIdPart()).orElse(null) : null;
		if (measure == null) {
			throw notKnown("Measure/" + id.getIdPart());
		}
		LocalDate start = date("periodStart", periodStart);
		LocalDate end = date("periodEnd", periodEnd);
		if (start.isAfter(end)) {
			throw new InvalidRequestException("periodStart (" + start + ") is after periodEnd (" + end + ")");
		}
		boolean subjectList = subjectList(reportType);
		if (subject != null && town != null) {
			throw new InvalidRequestException("Give either subject (a Group) or town, not both");
		}
		Requester requester = Requester.of(request)
				.orElseThrow(() -> new InvalidRequestException("$evaluate-measure needs a requester"));
		return run.evaluate(measure, new MeasureRun.Question(requester, value(subject), value(town), start, end, subjectList),
				Date.from(clock.instant()), request);
	}

	private static boolean subjectList(StringType reportType) {
		String type = value(reportType);
		if (type == null || "summary".equals(type)) {
			return false;
		}
		if ("subject-list".equals(type)) {
			return true;
		}
		throw new InvalidRequestException("reportType must be summary or subject-list, not '" + type + "'");
	}

	private static LocalDate date(String name, StringType value) {
		String text = value(value);
		if (text == null) {
			throw new InvalidRequestException(name + " is required (a date, YYYY-MM-DD)");
		}
		try {
			return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
		} catch (DateTimeParseException e) {
			throw new InvalidRequestException(name + " must be a date (YYYY-MM-DD), not '" + text + "'");
		}
	}

	private static String value(StringType value) {
		return value == null || value.getValue() == null || value.getValue().isBlank() ? null : value.getValue().trim();
	}

	/** Exactly what HAPI answers for an id that does not exist. */
	static ResourceNotFoundException notKnown(String id) {
		return new ResourceNotFoundException(ca.uhn.fhir.i18n.Msg.code(2001) + "Resource " + id + " is not known");
	}
}
