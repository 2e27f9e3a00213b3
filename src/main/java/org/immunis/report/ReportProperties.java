package org.immunis.report;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The coverage reports ({@code Measure/[id]/$evaluate-measure}).
 *
 * @param smallCellThreshold counts from 1 to one less than this are suppressed for everyone but the registry admin
 * @param pageSize how many patients are read, decided and assessed per batch
 * @param threads how many batches are read, decided and assessed at once (the cores the reports may use)
 * @param schoolRequirements the state's school-entry requirements per grade ({@code kindergarten}, {@code grade-7})
 */
@ConfigurationProperties("immunis.report")
public record ReportProperties(int smallCellThreshold, int pageSize, int threads, Map<String, List<SchoolRequirement>> schoolRequirements) {

	public ReportProperties {
		schoolRequirements = schoolRequirements == null ? Map.of() : Map.copyOf(schoolRequirements);
		if (threads < 1) {
			throw new IllegalArgumentException("immunis.report.threads must be at least 1");
		}
	}

	/**
	 * One row of a grade's requirements.
	 *
	 * @param label the vaccine as the table names it
	 * @param vaccineGroup the CDSi vaccine group
	 * @param antigen the CDSi antigen, if one antigen of the group decides
	 * @param doses the valid doses needed
	 * @param cvx only these vaccines count (Tdap: 115); empty for any of the group
	 * @param source where the row comes from
	 */
	public record SchoolRequirement(String label, String vaccineGroup, String antigen, int doses, Set<String> cvx,
			String source) {

		Requirement requirement() {
			return new Requirement(label, vaccineGroup, antigen, doses, cvx, false, source);
		}
	}
}
