package org.immunis.input;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The body of a FHIR request before HAPI reads it: at most {@code immunis.input.max-request-size} as sent and once
 * decompressed (413), gzip the only content encoding (415), and a FHIR text body well-formed UTF-8 (400) rather than
 * silently repaired with replacement characters. HAPI gets the checked, decompressed body.
 */
class IncomingBodyFilter extends OncePerRequestFilter {

	private final long maxBytes;
	private final OutcomeResponse outcomes;

	IncomingBodyFilter(InputLimitsProperties limits, OutcomeResponse outcomes) {
		this.maxBytes = limits.maxRequestSize().toBytes();
		this.outcomes = outcomes;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > maxBytes) {
			outcomes.send(response, 413, tooLarge());
			return;
		}
		if (isForm(request)) {
			// a search sent as a form (POST [type]/_search): Tomcat reads its parameters itself, within server.tomcat.max-http-form-post-size
			chain.doFilter(request, response);
			return;
		}
		String encoding = request.getHeader("Content-Encoding");
		boolean gzip = encoding != null && encoding.strip().equalsIgnoreCase("gzip");
		if (encoding != null && !gzip && !encoding.strip().equalsIgnoreCase("identity")) {
			outcomes.send(response, 415, "Content-Encoding '" + encoding.strip() + "' is not supported; send gzip or no encoding");
			return;
		}
		byte[] body;
		try {
			body = IncomingBody.read(request.getInputStream(), maxBytes);
			if (gzip && body.length > 0) {
				body = IncomingBody.gunzip(body, maxBytes);
			}
		} catch (IncomingBody.TooLarge e) {
			outcomes.send(response, 413, tooLarge());
			return;
		} catch (IOException e) {
			outcomes.send(response, 400, "The request body could not be read" + (gzip ? " as gzip" : ""));
			return;
		}
		if (isFhirText(request) && !IncomingBody.isUtf8(body)) {
			outcomes.send(response, 400, "The request body is not valid UTF-8");
			return;
		}
		chain.doFilter(new CheckedBody(request, body), response);
	}

	private String tooLarge() {
		return "The request body is larger than the registry accepts (" + maxBytes + " bytes, also once decompressed)";
	}

	private static boolean isForm(HttpServletRequest request) {
		String contentType = request.getContentType();
		return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
	}

	// FHIR JSON or XML (or any text) in UTF-8, the default and the only charset FHIR allows; a Binary's raw bytes are not text
	private static boolean isFhirText(HttpServletRequest request) {
		String contentType = request.getContentType();
		if (contentType == null) {
			return true;
		}
		String type = contentType.toLowerCase(Locale.ROOT);
		String charset = request.getCharacterEncoding();
		return (type.contains("json") || type.contains("xml") || type.startsWith("text/"))
				&& (charset == null || charset.equalsIgnoreCase("utf-8"));
	}

	/** The request as HAPI sees it: the checked body, no longer compressed. */
	private static final class CheckedBody extends HttpServletRequestWrapper {

		private final byte[] body;

		CheckedBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(body);
			return new ServletInputStream() {
				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("the body has been read already");
				}
			};
		}

		@Override
		public BufferedReader getReader() {
			String charset = getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding();
			return new BufferedReader(new InputStreamReader(getInputStream(), Charset.forName(charset)));
		}

		@Override
		public int getContentLength() {
			return body.length;
		}

		@Override
		public long getContentLengthLong() {
			return body.length;
		}

		@Override
		public String getHeader(String name) {
			if ("Content-Encoding".equalsIgnoreCase(name)) {
				return null;
			}
			if ("Content-Length".equalsIgnoreCase(name)) {
				return Integer.toString(body.length);
			}
			return super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			String value = getHeader(name);
			if ("Content-Encoding".equalsIgnoreCase(name) || "Content-Length".equalsIgnoreCase(name)) {
				return value == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(value));
			}
			return super.getHeaders(name);
		}
	}
}
