package org.immunis.portal;

import java.util.Map;
import org.immunis.identity.BrowserPages;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The registry's pages for people: the start page (rather than a 401), and the patient portal, a static SMART app
 * (src/main/portal) that learns from {@code settings.json} which client it signs in as.
 */
@RestController
class PortalController {

	private final PortalProperties properties;

	PortalController(PortalProperties properties) {
		this.properties = properties;
	}

	@GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
	String root() {
		return BrowserPages.page("Immunization Registry",
				"<p>This is the state's immunization registry: a FHIR R4 server for providers, schools, boards of health"
						+ " and families' apps.</p><ul>"
						+ "<li>Families: <a href=\"/portal/\">the family portal</a> (your children's shots, what is due,"
						+ " proof of vaccination, who looked at your records)</li>"
						+ "<li>FHIR API: <a href=\"/fhir/metadata\">/fhir</a> (every request but metadata needs a bearer token)</li>"
						+ "<li>SMART on FHIR: <a href=\"/.well-known/smart-configuration\">/.well-known/smart-configuration</a></li>"
						+ "</ul>");
	}

	// the portal's pages address each other relatively, so its address ends with a slash
	@GetMapping("/portal")
	RedirectView portal() {
		return new RedirectView("/portal/", true);
	}

	@GetMapping("/portal/")
	ModelAndView portalPage() {
		return new ModelAndView("forward:/portal/index.html");
	}

	@GetMapping(path = "/portal/settings.json", produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, String> settings() {
		return Map.of("clientId", properties.clientId());
	}
}
