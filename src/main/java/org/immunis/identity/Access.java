package org.immunis.identity;

/**
 * One access to decide on.
 *
 * @param resourceType the FHIR resource type
 * @param interaction what is done with it
 * @param record what is known of the record concerned; null when not (yet) known, e.g. before a read has loaded it
 */
public record Access(String resourceType, Interaction interaction, RecordFacts record) {

	public static Access toType(String resourceType, Interaction interaction) {
		return new Access(resourceType, interaction, null);
	}

	public static Access toRecord(String resourceType, Interaction interaction, RecordFacts record) {
		return new Access(resourceType, interaction, record);
	}
}
