package org.immunis.portal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The patient portal at {@code /portal}, a SMART app the registry serves.
 *
 * @param clientId the OAuth2 client the portal signs in as: a public client (PKCE) whose redirect URIs include the
 *     portal's address ({@code https://registry.example/portal/}) at the authorization server
 */
@ConfigurationProperties("immunis.portal")
public record PortalProperties(@DefaultValue("immunis-portal") String clientId) {}
