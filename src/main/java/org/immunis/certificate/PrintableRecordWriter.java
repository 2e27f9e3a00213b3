package org.immunis.certificate;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/** Lays out the printable immunization record as a PDF (Apache PDFBox): US Letter pages, one column of text. */
final class PrintableRecordWriter {

	private static final float MARGIN = 54;
	private static final float QR_SIDE = 190;
	private static final float[] DOSE_COLUMNS = {0, 80, 330};
	private static final float[] DUE_COLUMNS = {0, 120, 160, 230, 310, 390};

	byte[] write(PrintableRecord record) {
		try (PDDocument document = new PDDocument()) {
			PDDocumentInformation information = document.getDocumentInformation();
			information.setTitle("Immunization record of " + record.patientName());
			information.setCreator(record.registryName());
			Page page = new Page(document);
			page.text(page.bold, 18, record.registryName());
			page.text(page.bold, 14, "Immunization record");
			page.gap(6);
			page.text(page.regular, 11, "Name: " + record.patientName());
			page.text(page.regular, 11, "Date of birth: " + record.birthDate());
			page.text(page.regular, 11, "Issued: " + record.issued());
			if (record.mayBeIncomplete()) {
				page.gap(6);
				page.text(page.bold, 11, PrintableRecord.INCOMPLETE_NOTE);
			}
			doses(page, record.summary());
			due(page, record.summary());
			healthCard(document, page, record.healthCardQrCodes());
			page.close();
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			document.save(out);
			return out.toByteArray();
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot write the printable record", e);
		}
	}

	private static void doses(Page page, RecordSummary summary) throws IOException {
		page.gap(10);
		page.text(page.bold, 13, "Immunizations");
		page.row(page.bold, 10, DOSE_COLUMNS, "Date", "Vaccine", "Counts toward the series");
		for (RecordSummary.Group group : summary.groups()) {
			page.gap(4);
			page.text(page.bold, 11, group.name());
			for (RecordSummary.Dose dose : group.doses()) {
				page.row(page.regular, 10, DOSE_COLUMNS, dose.date().toString(), dose.vaccine(), dose.counts());
			}
		}
	}

	private static void due(Page page, RecordSummary summary) throws IOException {
		page.gap(10);
		page.text(page.bold, 13, "Due");
		if (summary.due().isEmpty()) {
			page.text(page.regular, 10, "No dose is due.");
			return;
		}
		page.row(page.bold, 10, DUE_COLUMNS, "Vaccine group", "Dose", "When", "Recommended", "Earliest", "Overdue from");
		for (RecordSummary.Due due : summary.due()) {
			page.row(page.regular, 10, DUE_COLUMNS, due.group(), Integer.toString(due.doseNumber()), due.when(),
					due.recommended().toString(), orDash(due.earliest()), orDash(due.pastDue()));
		}
	}

	private static String orDash(Object date) {
		return date == null ? "-" : date.toString();
	}

	private static void healthCard(PDDocument document, Page page, List<BufferedImage> qrCodes) throws IOException {
		page.gap(12);
		// the heading stays with the first code
		page.room(QR_SIDE + 60);
		page.text(page.bold, 13, "SMART Health Card");
		page.text(page.regular, 10, qrCodes.size() == 1
				? "Scan this code with a SMART Health Card app or verifier to check these immunizations."
				: "Scan all " + qrCodes.size() + " codes, in any order, with a SMART Health Card app or verifier.");
		// two codes side by side, each with its number when there are several
		for (int first = 0; first < qrCodes.size(); first += 2) {
			List<PDImageXObject> row = new ArrayList<>();
			List<String> captions = new ArrayList<>();
			for (int i = first; i < Math.min(first + 2, qrCodes.size()); i++) {
				row.add(LosslessFactory.createFromImage(document, qrCodes.get(i)));
				captions.add(qrCodes.size() > 1 ? "Code " + (i + 1) + " of " + qrCodes.size() : "");
			}
			page.images(row, QR_SIDE, captions);
		}
	}

	/** The page being written, and where: starts a new page when the next line would not fit. */
	private static final class Page {

		// fonts belong to one document: PDFBox's objects are not shared between documents written at the same time
		final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
		final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

		private final PDDocument document;
		private PDPageContentStream content;
		private float y;

		Page(PDDocument document) throws IOException {
			this.document = document;
			newPage();
		}

		void text(PDType1Font font, float size, String text) throws IOException {
			for (String line : wrap(font, size, printable(font, text), width())) {
				line(font, size, MARGIN, line, size * 1.35f);
			}
		}

		/** A table row: each cell wrapped within its column. */
		void row(PDType1Font font, float size, float[] columns, String... cells) throws IOException {
			List<List<String>> wrapped = new ArrayList<>();
			int height = 1;
			for (int i = 0; i < cells.length; i++) {
				float columnWidth = (i + 1 < columns.length ? columns[i + 1] : width()) - columns[i] - 8;
				List<String> lines = wrap(font, size, printable(font, cells[i]), columnWidth);
				wrapped.add(lines);
				height = Math.max(height, lines.size());
			}
			float leading = size * 1.3f;
			room(height * leading);
			for (int line = 0; line < height; line++) {
				y -= leading;
				for (int i = 0; i < cells.length; i++) {
					if (line < wrapped.get(i).size()) {
						show(font, size, MARGIN + columns[i], wrapped.get(i).get(line));
					}
				}
			}
		}

		void images(List<PDImageXObject> images, float side, List<String> captions) throws IOException {
			float caption = 14;
			room(side + 6 + caption);
			y -= side + 6;
			for (int i = 0; i < images.size(); i++) {
				float x = MARGIN + i * (side + 40);
				content.drawImage(images.get(i), x, y, side, side);
				if (!captions.get(i).isEmpty()) {
					content.beginText();
					content.setFont(regular, 9);
					content.newLineAtOffset(x, y - 11);
					content.showText(captions.get(i));
					content.endText();
				}
			}
			y -= caption;
		}

		void gap(float points) {
			y -= points;
		}

		void close() throws IOException {
			content.close();
		}

		private void line(PDType1Font font, float size, float x, String text, float leading) throws IOException {
			room(leading);
			y -= leading;
			show(font, size, x, text);
		}

		private void show(PDType1Font font, float size, float x, String text) throws IOException {
			content.beginText();
			content.setFont(font, size);
			content.newLineAtOffset(x, y);
			content.showText(text);
			content.endText();
		}

		void room(float needed) throws IOException {
			if (y - needed < MARGIN) {
				content.close();
				newPage();
			}
		}

		private void newPage() throws IOException {
			PDPage page = new PDPage(PDRectangle.LETTER);
			document.addPage(page);
			content = new PDPageContentStream(document, page);
			y = page.getMediaBox().getHeight() - MARGIN;
		}

		private float width() {
			return PDRectangle.LETTER.getWidth() - 2 * MARGIN;
		}

		private static List<String> wrap(PDType1Font font, float size, String text, float width) throws IOException {
			List<String> lines = new ArrayList<>();
			StringBuilder line = new StringBuilder();
			for (String word : text.split(" ")) {
				String candidate = line.length() == 0 ? word : line + " " + word;
				if (line.length() > 0 && font.getStringWidth(candidate) / 1000 * size > width) {
					lines.add(line.toString());
					line = new StringBuilder(word);
				} else {
					line = new StringBuilder(candidate);
				}
			}
			lines.add(line.toString());
			return lines;
		}

		/** The text with each character the font cannot show replaced by '?'. */
		private static String printable(PDType1Font font, String text) {
			StringBuilder shown = new StringBuilder(text.length());
			text.codePoints().forEach(codePoint -> {
				String character = Character.isWhitespace(codePoint) ? " " : new String(Character.toChars(codePoint));
				shown.append(encodable(font, character) ? character : "?");
			});
			return shown.toString();
		}

		private static boolean encodable(PDType1Font font, String character) {
			try {
				font.encode(character);
				return true;
			} catch (IOException | IllegalArgumentException e) {
				return false;
			}
		}
	}
}
