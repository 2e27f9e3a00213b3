package org.immunis.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuditRecordTest {

	private static AuditRecord naming(List<String> patients) {
		return new AuditRecord("user-1", "ehr", "provider", "Organization/clinic", Set.of(), "search-type", "E", "Immunization",
				"patient=p1,p2", patients, 200, null, Instant.parse("2026-01-02T03:04:05Z"));
	}

	@Test
	void aRequestAboutNoPatientOrOneIsOneRecord() {
		AuditRecord none = naming(List.of());
		AuditRecord one = naming(List.of("p1"));

		assertThat(none.perPatient()).containsExactly(none);
		assertThat(one.perPatient()).containsExactly(one);
	}

	@Test
	void aRequestAboutSeveralPatientsIsOneRecordPerPatientAndOtherwiseTheSame() {
		AuditRecord both = naming(List.of("p1", "p2"));

		assertThat(both.perPatient()).containsExactly(naming(List.of("p1")), naming(List.of("p2")));
	}
}
