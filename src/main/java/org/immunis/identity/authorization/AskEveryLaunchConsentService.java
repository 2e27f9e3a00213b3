package org.immunis.identity.authorization;

import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;

/**
 * Remembers no consent, so that the consent page, where the person picks the patient, comes at every launch: a guardian
 * launching an app for one child must not find it still pointed at the other.
 */
final class AskEveryLaunchConsentService implements OAuth2AuthorizationConsentService {

	@Override
	public void save(OAuth2AuthorizationConsent consent) {}

	@Override
	public void remove(OAuth2AuthorizationConsent consent) {}

	@Override
	public OAuth2AuthorizationConsent findById(String registeredClientId, String principalName) {
		return null;
	}
}
