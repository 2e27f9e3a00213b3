package org.immunis.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Immunization;
import org.junit.jupiter.api.Test;

class RecordOwnershipTest {

	@Test
	void theStampIsATagOfTheRegistrySystem() {
		Immunization immunization = new Immunization();
		immunization.getMeta().addTag("http://example.org/other", "keep", null);

		RecordOwnership.replaceStamp(immunization, "clinic-1");

		assertThat(RecordOwnership.recordedBy(immunization)).isEqualTo("clinic-1");
		assertThat(immunization.getMeta().getTag(RecordOwnership.SYSTEM, "clinic-1")).isNotNull();
		assertThat(immunization.getMeta().getTag("http://example.org/other", "keep")).isNotNull();
		assertThat(RecordOwnership.tagSearchValue("clinic-1")).isEqualTo("http://immunis.org/fhir/CodeSystem/recorded-by|clinic-1");
	}

	@Test
	void replacingTheStampLeavesExactlyOne() {
		Immunization immunization = new Immunization();
		immunization.getMeta().addTag(RecordOwnership.SYSTEM, "forged-1", null);
		immunization.getMeta().addTag(RecordOwnership.SYSTEM, "forged-2", null);

		RecordOwnership.replaceStamp(immunization, "clinic-1");

		assertThat(RecordOwnership.stamps(immunization)).hasSize(1);
		assertThat(RecordOwnership.recordedBy(immunization)).isEqualTo("clinic-1");
	}

	@Test
	void noOrganizationMeansNoStamp() {
		Immunization immunization = new Immunization();
		immunization.getMeta().addTag(RecordOwnership.SYSTEM, "forged", null);

		RecordOwnership.replaceStamp(immunization, null);

		assertThat(RecordOwnership.recordedBy(immunization)).isNull();
	}
}
