package org.immunis.identity;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMART resource scope in normalized form, whether it was written in v1 ({@code patient/Immunization.read}) or v2
 * ({@code patient/Immunization.rs}) syntax.
 *
 * @param context whose records the scope reaches: the patient in context, the user's, or the client system's
 * @param resourceType a FHIR resource type, or {@code *} for all
 * @param interactions what the scope allows on that type
 */
public record SmartScope(Context context, String resourceType, Set<Interaction> interactions) {

	public enum Context {
		PATIENT,
		USER,
		SYSTEM
	}

	private static final Pattern SYNTAX = Pattern.compile("(patient|user|system)/([A-Z][A-Za-z]*|\\*)\\.([a-z*]+)");
	private static final String V2_ORDER = "cruds";

	public SmartScope {
		interactions = Set.copyOf(interactions);
	}

	/**
	 * Reads one scope string. Anything that is not a resource scope (openid, launch/patient), is malformed, or narrows by
	 * search parameters ({@code ?category=...}, which the registry does not enforce) gives no resource scope, so it grants
	 * nothing.
	 */
	public static Optional<SmartScope> parse(String scope) {
		Matcher matcher = SYNTAX.matcher(scope);
		if (!matcher.matches()) {
			return Optional.empty();
		}
		Context context = Context.valueOf(matcher.group(1).toUpperCase());
		return interactionsOf(matcher.group(3))
				.map(interactions -> new SmartScope(context, matcher.group(2), interactions));
	}

	public boolean covers(String type, Interaction interaction) {
		return ("*".equals(resourceType) || resourceType.equals(type)) && interactions.contains(interaction);
	}

	private static Optional<Set<Interaction>> interactionsOf(String suffix) {
		switch (suffix) {
			case "read":
				return Optional.of(EnumSet.of(Interaction.READ, Interaction.SEARCH));
			case "write":
				return Optional.of(EnumSet.of(Interaction.CREATE, Interaction.UPDATE, Interaction.DELETE));
			case "*":
				return Optional.of(EnumSet.allOf(Interaction.class));
			default:
				return v2Interactions(suffix);
		}
	}

	// SMART v2 requires the letters in the order c, r, u, d, s (the order of Interaction), each at most once.
	private static Optional<Set<Interaction>> v2Interactions(String letters) {
		Set<Interaction> interactions = EnumSet.noneOf(Interaction.class);
		int position = -1;
		for (char letter : letters.toCharArray()) {
			int next = V2_ORDER.indexOf(letter);
			if (next <= position) {
				return Optional.empty();
			}
			position = next;
			interactions.add(Interaction.values()[next]);
		}
		return Optional.of(interactions);
	}
}
