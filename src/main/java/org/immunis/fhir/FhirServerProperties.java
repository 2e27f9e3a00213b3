package org.immunis.fhir;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the FHIR endpoint offers.
 *
 * @param exposedResourceTypes the resource types served over REST; every other type is refused
 * @param internalResourceTypes types HAPI needs to store for itself but that are not served over REST
 * @param defaultPageSize search page size when the client asks for none
 * @param maxPageSize the largest page a client may ask for
 * @param serverAddress the public base URL (behind a proxy); empty to take it from each request
 */
@ConfigurationProperties("immunis.fhir")
public record FhirServerProperties(
		List<String> exposedResourceTypes,
		List<String> internalResourceTypes,
		int defaultPageSize,
		int maxPageSize,
		String serverAddress) {}
