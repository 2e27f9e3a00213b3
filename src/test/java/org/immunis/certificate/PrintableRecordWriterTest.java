package org.immunis.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.immunis.forecast.AdministeredDose;
import org.immunis.forecast.Assessment;
import org.immunis.forecast.ForecastEngine;
import org.immunis.forecast.Gender;
import org.immunis.forecast.PatientFacts;
import org.junit.jupiter.api.Test;

class PrintableRecordWriterTest {

	private static final ForecastEngine ENGINE = ForecastEngine.withBundledSchedule();
	private static final VaccineNames NAMES = new VaccineNames(Map.of("08", "Hep B, adolescent or pediatric", "20", "DTaP"));

	private static RecordSummary summary(List<AdministeredDose> doses, LocalDate today) {
		Assessment assessment = ENGINE.assess(new PatientFacts(LocalDate.of(2023, 1, 1), Gender.FEMALE), doses, today);
		return RecordSummary.of(doses, assessment, NAMES);
	}

	private static final List<AdministeredDose> DOSES = List.of(
			new AdministeredDose("Immunization/1", LocalDate.of(2023, 1, 1), "08", null),
			new AdministeredDose("Immunization/2", LocalDate.of(2023, 1, 29), "20", null),
			new AdministeredDose("Immunization/3", LocalDate.of(2023, 2, 20), "999", null));

	@Test
	void dosesAreGroupedByVaccineGroupWithWhetherTheyCount() {
		RecordSummary summary = summary(DOSES, LocalDate.of(2023, 3, 15));

		assertThat(summary.groups()).extracting(RecordSummary.Group::name).contains("HepB", "DTaP/Tdap/Td", RecordSummary.OTHER_VACCINES);
		RecordSummary.Group dtap = summary.groups().stream().filter(group -> group.name().equals("DTaP/Tdap/Td")).findFirst().orElseThrow();
		assertThat(dtap.doses()).singleElement().satisfies(dose -> {
			assertThat(dose.vaccine()).isEqualTo("DTaP");
			assertThat(dose.counts()).startsWith("No (Not Valid").contains("Too Young");
		});
		RecordSummary.Group other = summary.groups().get(summary.groups().size() - 1);
		assertThat(other.doses()).singleElement().satisfies(dose -> {
			assertThat(dose.vaccine()).isEqualTo("CVX 999");
			assertThat(dose.counts()).isEqualTo("Not evaluated");
		});
	}

	@Test
	void whatIsDueComesOverdueFirst() {
		RecordSummary summary = summary(DOSES, LocalDate.of(2024, 6, 1));

		assertThat(summary.due()).isNotEmpty();
		List<String> when = summary.due().stream().map(RecordSummary.Due::when).toList();
		assertThat(when).isSortedAccordingTo(java.util.Comparator.comparing(value -> switch (value) {
			case RecordSummary.OVERDUE -> 0;
			case RecordSummary.DUE_NOW -> 1;
			default -> 2;
		}));
		assertThat(summary.due()).anySatisfy(due -> {
			assertThat(due.group()).isEqualTo("HepB");
			assertThat(due.doseNumber()).isEqualTo(2);
			assertThat(due.when()).isEqualTo(RecordSummary.OVERDUE);
		});
		// an 18-month-old's record says nothing yet of what is recommended for teenagers and adults
		assertThat(summary.due()).extracting(RecordSummary.Due::group).doesNotContain("HPV", "Zoster", "Meningococcal B")
				.allSatisfy(group -> assertThat(summary.due().stream().filter(due -> due.group().equals(group)).findFirst().orElseThrow()
						.recommended()).isBeforeOrEqualTo(LocalDate.of(2025, 6, 1)));
	}

	@Test
	void theRecordReadsBackWithEverythingItShows() throws Exception {
		PrintableRecord record = new PrintableRecord("Test registry", "Ana Núñez \u4e2d", LocalDate.of(2023, 1, 1),
				LocalDate.of(2023, 3, 15), summary(DOSES, LocalDate.of(2023, 3, 15)), true,
				List.of(HealthCardQr.image("shc:/5676")));

		byte[] pdf = new PrintableRecordWriter().write(record);

		try (PDDocument document = Loader.loadPDF(pdf)) {
			String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
			assertThat(text).contains("Test registry", "Name: Ana Núñez ?", "Date of birth: 2023-01-01", "Issued: 2023-03-15",
					PrintableRecord.INCOMPLETE_NOTE, "HepB", "2023-01-01 Hep B, adolescent or pediatric Yes", "2023-01-29 DTaP No (Not Valid",
					"Other vaccines", "CVX 999", "Due", "SMART Health Card");
		}
	}
}
