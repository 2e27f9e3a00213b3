package org.immunis.identity;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Where SMART apps get their tokens: the embedded authorization server, or the configured external one. */
@Component
class SmartEndpoints {

	record Endpoints(String issuer, String authorize, String token, String jwks) {}

	private final IdentityProperties properties;
	private final ObjectProvider<LocalIssuer> localIssuer;

	SmartEndpoints(IdentityProperties properties, ObjectProvider<LocalIssuer> localIssuer) {
		this.properties = properties;
		this.localIssuer = localIssuer;
	}

	Endpoints of(HttpServletRequest request) {
		LocalIssuer local = localIssuer.getIfAvailable();
		if (local == null) {
			IdentityProperties.ExternalAuthorizationServer external = properties.externalAuthorizationServer();
			return external == null
					? new Endpoints(null, null, null, null)
					: new Endpoints(external.issuer(), external.authorizationEndpoint(), external.tokenEndpoint(), external.jwksUri());
		}
		String issuer = local.issuer() != null
				? local.issuer()
				: ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
		return new Endpoints(issuer, issuer + "/oauth2/authorize", issuer + "/oauth2/token", issuer + "/oauth2/jwks");
	}
}
