package org.immunis.portal;

import org.immunis.identity.BrowserPages;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** People who open the registry's address get a page that says what is here, rather than a 401. */
@RestController
class PortalController {

	@GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
	String root() {
		return BrowserPages.page("Immunization Registry",
				"<p>This is the state's immunization registry: a FHIR R4 server for providers, schools, boards of health"
						+ " and families' apps.</p><ul>"
						+ "<li>FHIR API: <a href=\"/fhir/metadata\">/fhir</a> (every request but metadata needs a bearer token)</li>"
						+ "<li>SMART on FHIR: <a href=\"/.well-known/smart-configuration\">/.well-known/smart-configuration</a></li>"
						+ "</ul>");
	}
}
