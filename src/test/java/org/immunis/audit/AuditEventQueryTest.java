package org.immunis.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditEventQueryTest {

	@Test
	void conditionsAreJoinedByAndWithEveryValueBound() {
		AuditEventQuery query = new AuditEventQuery().patients(List.of("p1", "p2")).outcomes(List.of("4"))
				.recorded(AuditEventQuery.Comparison.GE, Instant.parse("2026-01-01T00:00:00Z")).byRecorded(true);

		assertThat(query.where()).isEqualTo(" where patient = any(?) and outcome = any(?) and recorded >= ?");
		assertThat(query.orderBy()).isEqualTo(" order by recorded desc, seq desc");
		assertThat(query.arguments()).hasSize(3).first()
				.satisfies(argument -> assertThat(((AuditEventQuery.SqlArray) argument).values()).containsExactly("p1", "p2"));
	}

	@Test
	void anIdIsALoggedEventsUuidOrTheFormerIdOfOneCopiedFromHapi() {
		String logged = "0b1e2d3c-4f5a-4b6c-8d7e-9f0a1b2c3d4e";
		AuditEventQuery query = new AuditEventQuery().ids(List.of(logged, "1234"));

		assertThat(query.where()).isEqualTo(" where (id = any(?) or legacy_id = any(?))");
		assertThat(query.arguments()).extracting(argument -> List.of(((AuditEventQuery.SqlArray) argument).values()))
				.containsExactly(List.of(java.util.UUID.fromString(logged)), List.of(logged, "1234"));
	}

	@Test
	void withoutASortEventsComeInTheOrderTheyWereStored() {
		assertThat(new AuditEventQuery().where()).isEmpty();
		assertThat(new AuditEventQuery().orderBy()).isEqualTo(" order by seq");
	}
}
