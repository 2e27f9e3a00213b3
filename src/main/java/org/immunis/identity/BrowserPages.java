package org.immunis.identity;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.util.StringUtils;

/**
 * The registry's pages for people in a browser (login, consent, errors): one look, its stylesheet at
 * {@code /assets/registry.css}, served without a token. FHIR clients never get these: they ask for FHIR or JSON.
 */
public final class BrowserPages {

	private BrowserPages() {}

	/** Whether the request comes from a browser page load (it prefers HTML to FHIR and JSON). */
	public static boolean wantsHtml(HttpServletRequest request) {
		String accept = request.getHeader("Accept");
		if (!StringUtils.hasText(accept) || request.getParameter("_format") != null) {
			return false;
		}
		List<MediaType> types = MediaType.parseMediaTypes(accept);
		MediaType.sortBySpecificityAndQuality(types);
		for (MediaType type : types) {
			if (type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType()) {
				return true;
			}
			if (type.getSubtype().contains("json") || type.getSubtype().contains("xml")) {
				return false;
			}
		}
		return false;
	}

	/** A whole page: the registry's header, a heading and the body (already HTML). */
	public static String page(String title, String bodyHtml) {
		return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
				+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
				+ "<title>" + htmlEscape(title) + " · Immunization Registry</title>"
				+ "<link rel=\"stylesheet\" href=\"/assets/registry.css\"></head><body>"
				+ "<header class=\"registry-header\"><a href=\"/\" class=\"registry-name\">Immunization Registry</a></header>"
				+ "<main class=\"card\"><h1>" + htmlEscape(title) + "</h1>" + bodyHtml + "</main></body></html>";
	}

	/** An error page: what happened in plain words, and where to go on. */
	public static String errorPage(int status, String title, String explanation) {
		return page(title, "<p>" + htmlEscape(explanation) + "</p><p class=\"muted\">Error " + status
				+ "</p><p><a class=\"button\" href=\"/\">Go to the registry</a></p>");
	}
}
