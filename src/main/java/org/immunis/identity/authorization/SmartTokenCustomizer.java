package org.immunis.identity.authorization;

import java.util.ArrayList;
import java.util.function.BiConsumer;
import org.immunis.identity.IdentityProperties;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Puts the requester into the tokens the embedded authorization server issues, under the configured claim names: a
 * system client's registered role and organization, or the logged-in person's role, organization, patients and study,
 * the SMART patient context they picked, and fhirUser.
 */
final class SmartTokenCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

	/** The attribute of an authorization that holds the patient picked at launch. */
	static final String LAUNCH_PATIENT = "immunis.launch-patient";

	private final IdentityProperties identity;
	private final DirectoryUsers users;

	SmartTokenCustomizer(IdentityProperties identity, DirectoryUsers users) {
		this.identity = identity;
		this.users = users;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		IdentityProperties.ClaimNames names = identity.claims();
		BiConsumer<String, Object> claim = (name, value) -> {
			if (value != null) {
				context.getClaims().claim(name, value);
			}
		};
		if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
			// the app learns whom the person acts for (self and dependents) from the identity token, meant for it to read
			users.find(context.getPrincipal().getName()).ifPresent(user -> {
				claim.accept(names.fhirUser(), user.fhirUser());
				claim.accept(names.patients(), user.patients().isEmpty() ? null : new ArrayList<>(user.patients()));
			});
			return;
		}
		if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			return;
		}
		// the claims are kept with the authorization in the database, as JSON that reads back plain collections only
		context.getClaims().audience(new ArrayList<>(identity.audiences()));
		claim.accept("client_id", context.getRegisteredClient().getClientId());
		if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
			claim.accept(names.role(), context.getRegisteredClient().getClientSettings().getSetting(RegisteredClients.ROLE));
			claim.accept(names.organization(),
					context.getRegisteredClient().getClientSettings().getSetting(RegisteredClients.ORGANIZATION));
			return;
		}
		users.find(context.getPrincipal().getName()).ifPresent(user -> {
			claim.accept(names.role(), user.role());
			claim.accept(names.organization(), user.organization());
			claim.accept(names.patients(), user.patients().isEmpty() ? null : new ArrayList<>(user.patients()));
			claim.accept(names.study(), user.study());
			claim.accept(names.fhirUser(), user.fhirUser());
		});
		OAuth2Authorization authorization = context.getAuthorization();
		if (authorization != null && context.getAuthorizedScopes().contains("launch/patient")) {
			claim.accept(names.launchPatient(), authorization.getAttribute(LAUNCH_PATIENT));
		}
	}
}
