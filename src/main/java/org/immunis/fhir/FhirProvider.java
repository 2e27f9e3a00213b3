package org.immunis.fhir;

/** A plain provider (system interactions, operations) that is mounted on the FHIR endpoint. */
public interface FhirProvider {}
