package org.immunis.identity.authorization;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/** OAuth errors of the token endpoint always say what went wrong in {@code error_description} (RFC 6749 5.2). */
final class DescribedOAuthErrors implements AuthenticationFailureHandler {

	private final HttpMessageConverter<OAuth2Error> errors = new OAuth2ErrorHttpMessageConverter();

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
			throws IOException, ServletException {
		OAuth2Error error = failure instanceof OAuth2AuthenticationException oauth
				? oauth.getError()
				: new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST);
		String assertionProblem = assertionProblem(failure);
		if (assertionProblem != null) {
			error = new OAuth2Error(error.getErrorCode(), "the client assertion was refused: " + assertionProblem, error.getUri());
		} else if (error.getDescription() == null) {
			error = new OAuth2Error(error.getErrorCode(), describe(error.getErrorCode()), error.getUri());
		}
		ServletServerHttpResponse http = new ServletServerHttpResponse(response);
		// RFC 6749 5.2: a client that failed to authenticate gets 401, every other error 400
		http.setStatusCode(OAuth2ErrorCodes.INVALID_CLIENT.equals(error.getErrorCode()) ? HttpStatus.UNAUTHORIZED : HttpStatus.BAD_REQUEST);
		errors.write(error, null, http);
	}

	/** Why a client assertion was refused, from the checks that refused it; null when no assertion was refused. */
	static String assertionProblem(Throwable failure) {
		for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof JwtValidationException invalid) {
				return invalid.getErrors().stream().map(OAuth2Error::getDescription).filter(Objects::nonNull)
						.map(description -> description.replaceFirst("^The ", "the "))
						.collect(Collectors.joining("; "));
			}
			if (cause instanceof JwtException) {
				return "it is not a JWT signed with one of the client's registered keys (RS384 or ES384)";
			}
		}
		return null;
	}

	static String describe(String code) {
		return switch (code) {
			case OAuth2ErrorCodes.INVALID_CLIENT -> "the client is unknown or its authentication failed";
			case OAuth2ErrorCodes.INVALID_GRANT ->
					"the code, refresh token or PKCE verifier is not valid, was already used, or was issued to another client";
			case OAuth2ErrorCodes.INVALID_SCOPE -> "a requested scope is not one this client may ask for";
			case OAuth2ErrorCodes.UNAUTHORIZED_CLIENT -> "this client may not use this grant type";
			case OAuth2ErrorCodes.UNSUPPORTED_GRANT_TYPE -> "the grant type is not supported";
			case OAuth2ErrorCodes.INVALID_REQUEST -> "a required parameter is missing, repeated or malformed";
			default -> "the token request was refused (" + code + ")";
		};
	}
}
