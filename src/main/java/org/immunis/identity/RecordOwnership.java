package org.immunis.identity;

import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseCoding;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The ownership stamp: which organization recorded a record. It is a {@code meta.tag} with the registry-only system
 * {@link #SYSTEM} and the organization's logical id as code, so that consent rules and clients can filter on it in SQL
 * with {@code _tag=http://immunis.org/fhir/CodeSystem/recorded-by|123}. Only the server sets it.
 */
public final class RecordOwnership {

	public static final String SYSTEM = "http://immunis.org/fhir/CodeSystem/recorded-by";

	private RecordOwnership() {}

	/** The logical id of the organization that recorded this record, or null if none is stamped. */
	public static String recordedBy(IBaseResource resource) {
		return stamps(resource).stream().map(IBaseCoding::getCode).findFirst().orElse(null);
	}

	/** The {@code _tag} search value that finds the records an organization recorded. */
	public static String tagSearchValue(String organizationId) {
		return SYSTEM + "|" + organizationId;
	}

	static List<IBaseCoding> stamps(IBaseResource resource) {
		return resource.getMeta().getTag().stream()
				.filter(tag -> SYSTEM.equals(tag.getSystem()))
				.map(tag -> (IBaseCoding) tag)
				.toList();
	}

	static void replaceStamp(IBaseResource resource, String organizationId) {
		resource.getMeta().getTag().removeIf(tag -> SYSTEM.equals(tag.getSystem()));
		if (organizationId != null) {
			resource.getMeta().addTag().setSystem(SYSTEM).setCode(organizationId).setDisplay("recorded by Organization/" + organizationId);
		}
	}
}
