package org.immunis.fhir;

/**
 * An interceptor of the REST endpoint. Its server hooks fire for every request, and its storage hooks for the storage
 * work a request causes, transaction entries included, each exactly once: HAPI calls storage hooks on its global
 * interceptor service and on the request's, so an interceptor registered on both would run twice. Work the server
 * does for itself (SystemRequestDetails) does not reach these hooks; the registry offers no background job (bulk
 * export, subscriptions) that would read patient data outside a request.
 */
public interface FhirInterceptor {}
