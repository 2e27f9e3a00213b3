package org.immunis.identity;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The scopes granted to a token: all of them as written, and the SMART resource scopes among them in normalized form.
 */
public record GrantedScopes(Set<String> values, List<SmartScope> resourceScopes) {

	public GrantedScopes {
		values = Set.copyOf(values);
		resourceScopes = List.copyOf(resourceScopes);
	}

	public static GrantedScopes parse(Collection<String> scopes) {
		return new GrantedScopes(
				Set.copyOf(scopes),
				scopes.stream().map(SmartScope::parse).flatMap(Optional::stream).toList());
	}

	public boolean contains(String scope) {
		return values.contains(scope);
	}

	/** The resource scopes that allow this interaction on this type. */
	public List<SmartScope> covering(String type, Interaction interaction) {
		return resourceScopes.stream().filter(scope -> scope.covers(type, interaction)).toList();
	}
}
