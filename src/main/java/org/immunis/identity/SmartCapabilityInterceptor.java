package org.immunis.identity;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;
import org.immunis.fhir.FhirInterceptor;
import org.springframework.stereotype.Component;

/**
 * Describes the server's security in the CapabilityStatement: SMART on FHIR, with where to get tokens, and CORS only when
 * browser apps from other origins are allowed ({@link CorsProperties}).
 */
@Component
@Interceptor
class SmartCapabilityInterceptor implements FhirInterceptor {

	private static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";

	private final SmartEndpoints endpoints;
	private final CorsProperties cors;

	SmartCapabilityInterceptor(SmartEndpoints endpoints, CorsProperties cors) {
		this.endpoints = endpoints;
		this.cors = cors;
	}

	@Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
	void describeSecurity(IBaseConformance capabilities) {
		for (CapabilityStatement.CapabilityStatementRestComponent rest : ((CapabilityStatement) capabilities).getRest()) {
			rest.getSecurity().setCors(cors.enabled())
					.setDescription("OAuth2 bearer tokens (SMART App Launch and SMART Backend Services); see "
							+ ".well-known/smart-configuration for the supported scopes")
					.addService(new CodeableConcept(new Coding(
							"http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR", "SMART on FHIR")));
		}
	}

	/**
	 * Where to get tokens depends on the address the request came in on (when no issuer is configured), while HAPI
	 * keeps the generated CapabilityStatement for a minute: the endpoints go into a copy made for each answer, so one
	 * client's Host header is never shown to another.
	 */
	@Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
	boolean addTokenEndpoints(ServletRequestDetails request, ResponseDetails response) {
		if (request.getRestOperationType() != RestOperationTypeEnum.METADATA
				|| !(response.getResponseResource() instanceof CapabilityStatement generated)) {
			return true;
		}
		SmartEndpoints.Endpoints server = endpoints.of(request.getServletRequest());
		CapabilityStatement shown = generated.copy();
		for (CapabilityStatement.CapabilityStatementRestComponent rest : shown.getRest()) {
			Extension oauth = rest.getSecurity().addExtension().setUrl(OAUTH_URIS);
			if (server.token() != null) {
				oauth.addExtension("token", new UriType(server.token()));
			}
			if (server.authorize() != null) {
				oauth.addExtension("authorize", new UriType(server.authorize()));
			}
		}
		response.setResponseResource(shown);
		return true;
	}
}
