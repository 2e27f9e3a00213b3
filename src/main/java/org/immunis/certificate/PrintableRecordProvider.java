package org.immunis.certificate;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.immunis.fhir.FhirProvider;
import org.immunis.forecast.AdministeredDose;
import org.immunis.forecast.Assessment;
import org.immunis.forecast.ForecastEngine;

/**
 * {@code Patient/[id]/$printable-record}: the immunization record for school or camp as a PDF (served as the raw bytes
 * of a Binary unless a FHIR format is asked for), with the Health Card of the same doses as QR codes.
 */
final class PrintableRecordProvider implements FhirProvider {

	static final String PDF = "application/pdf";

	private final VaccinationRecordReader reader;
	private final HealthCardIssuer issuer;
	private final ForecastEngine engine;
	private final VaccineNames vaccineNames;
	private final PrintableRecordWriter writer;
	private final String registryName;
	private final Clock clock;

	PrintableRecordProvider(VaccinationRecordReader reader, HealthCardIssuer issuer, ForecastEngine engine,
			VaccineNames vaccineNames, PrintableRecordWriter writer, String registryName, Clock clock) {
		this.reader = reader;
		this.issuer = issuer;
		this.engine = engine;
		this.vaccineNames = vaccineNames;
		this.writer = writer;
		this.registryName = registryName;
		this.clock = clock;
	}

	@Operation(name = ProofOperations.PRINTABLE_RECORD, typeName = "Patient", idempotent = true)
	public Binary printableRecord(@IdParam IdType patientId, RequestDetails request) {
		VaccinationRecord record = reader.read(patientId, request);
		if (record.immunizations().isEmpty()) {
			throw new UnprocessableEntityException("Patient/" + patientId.getIdPart()
					+ " has no immunizations this requester may see: there is no record to print");
		}
		LocalDate today = LocalDate.now(clock);
		Patient patient = record.patient();
		List<AdministeredDose> doses = DoseHistory.doses(record.immunizations());
		Assessment assessment = engine.assess(DoseHistory.patient(patient), doses, today);
		HealthCardIssuer.Card card = issuer.issue(record, record.immunizations(), HealthCardBundle.IDENTITY_CLAIMS, request);
		PrintableRecord printable = new PrintableRecord(registryName, name(patient),
				LocalDate.parse(patient.getBirthDateElement().getValueAsString().substring(0, 10)), today,
				RecordSummary.of(doses, assessment, vaccineNames), record.mayBeIncomplete(),
				HealthCardQr.contents(card.jws()).stream().map(HealthCardQr::image).toList());
		Binary binary = new Binary();
		binary.setContentType(PDF);
		binary.setData(writer.write(printable));
		return binary;
	}

	private static String name(Patient patient) {
		HumanName name = patient.getNameFirstRep();
		String given = name.getGiven().stream().map(part -> part.getValue()).collect(Collectors.joining(" "));
		return (given + " " + (name.getFamily() == null ? "" : name.getFamily())).trim();
	}
}
