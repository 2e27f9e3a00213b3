package org.immunis.identity;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The embedded authorization server as a trusted issuer: its keys are read in-process.
 *
 * @param issuer its fixed {@code iss}; null when it names itself after each request's base URL, as it does by default
 * @param keys its signing keys
 */
public record LocalIssuer(String issuer, JWKSource<SecurityContext> keys) {}
