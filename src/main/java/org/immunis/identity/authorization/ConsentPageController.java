package org.immunis.identity.authorization;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The consent page of the embedded authorization server: the person sees what the app asks for and, when it asks for a
 * patient context ({@code launch/patient}), picks which of their patients (self or a dependent) the app will see.
 */
@RestController
@ConditionalOnProperty(name = "immunis.identity.authorization-server.enabled", havingValue = "true")
class ConsentPageController {

	private final DirectoryUsers users;

	ConsentPageController(DirectoryUsers users) {
		this.users = users;
	}

	@GetMapping(path = "/oauth2/consent", produces = MediaType.TEXT_HTML_VALUE)
	String consentPage(
			Principal person,
			@RequestParam("client_id") String clientId,
			@RequestParam("scope") String scope,
			@RequestParam("state") String state) {
		List<String> scopes = Arrays.stream(scope.split(" ")).filter(value -> !value.isBlank()).toList();
		StringBuilder page = new StringBuilder("<!DOCTYPE html><html><head><title>immunis: allow access</title></head><body>")
				.append("<h1>").append(htmlEscape(clientId)).append(" asks to use the immunization registry</h1>")
				.append("<form method=\"post\" action=\"/oauth2/authorize\">")
				.append(hidden("client_id", clientId))
				.append(hidden("state", state))
				.append("<ul>");
		scopes.forEach(value -> page.append("<li><label><input type=\"checkbox\" name=\"scope\" checked value=\"")
				.append(htmlEscape(value)).append("\"> ").append(htmlEscape(value)).append("</label></li>"));
		page.append("</ul>");
		if (scopes.contains("launch/patient")) {
			List<String> patients = users.find(person.getName()).map(AuthorizationServerProperties.User::patients)
					.orElse(List.of());
			page.append("<fieldset><legend>Whose records?</legend>");
			patients.forEach(patient -> page.append("<label><input type=\"radio\" name=\"patient\" required value=\"")
					.append(htmlEscape(patient)).append("\"> Patient/").append(htmlEscape(patient)).append("</label><br>"));
			page.append("</fieldset>");
		}
		return page.append("<button type=\"submit\">Allow</button></form></body></html>").toString();
	}

	private static String hidden(String name, String value) {
		return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + htmlEscape(value) + "\">";
	}
}
