package org.immunis.identity.authorization;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/** The people registered with the embedded authorization server: their logins, and what their tokens say of them. */
final class DirectoryUsers implements UserDetailsService {

	private final Map<String, AuthorizationServerProperties.User> users;

	DirectoryUsers(List<AuthorizationServerProperties.User> users) {
		this.users = users.stream().collect(Collectors.toMap(AuthorizationServerProperties.User::username, Function.identity()));
	}

	Optional<AuthorizationServerProperties.User> find(String username) {
		return Optional.ofNullable(users.get(username));
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		AuthorizationServerProperties.User user = find(username)
				.orElseThrow(() -> new UsernameNotFoundException("no such user"));
		return User.withUsername(user.username()).password(user.password()).authorities(List.of()).build();
	}
}
