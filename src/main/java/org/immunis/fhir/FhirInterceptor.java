package org.immunis.fhir;

/**
 * An interceptor registered on HAPI's one interceptor service, so that its hooks fire for REST requests and for
 * storage work outside them (transactions, batch jobs) alike.
 */
public interface FhirInterceptor {}
