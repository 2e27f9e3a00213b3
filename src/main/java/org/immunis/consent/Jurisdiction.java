package org.immunis.consent;

import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Patient;

/**
 * Where a board of health's residents live: the towns or districts of its Organization's address, matched
 * case-insensitively against a patient's current addresses (an old one does not count). The sharing decision and the
 * bulk export's jurisdiction groups place residents the same way.
 */
public final class Jurisdiction {

	private Jurisdiction() {}

	/** The town and district of an address, normalized. */
	public static Set<String> places(Address address) {
		Set<String> places = new HashSet<>();
		if (address.hasCity()) {
			places.add(address.getCity().trim().toLowerCase(Locale.ROOT));
		}
		if (address.hasDistrict()) {
			places.add(address.getDistrict().trim().toLowerCase(Locale.ROOT));
		}
		return places;
	}

	/** Whether the patient lives (a current address) in one of these places. */
	public static boolean livesIn(Patient patient, Collection<String> places) {
		return patient.getAddress().stream()
				.filter(address -> address.getUse() != Address.AddressUse.OLD)
				.anyMatch(address -> places(address).stream().anyMatch(places::contains));
	}
}
