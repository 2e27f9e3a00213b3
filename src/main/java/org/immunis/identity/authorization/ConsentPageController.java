package org.immunis.identity.authorization;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import org.immunis.identity.BrowserPages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The consent page of the embedded authorization server: the person sees what the app asks for and, when it asks for a
 * patient context ({@code launch/patient}), picks which of their patients (self or a dependent, by name and birth date)
 * the app will see; then allows or denies. Denying posts no scope, which Spring Authorization Server answers to the app
 * with {@code access_denied}.
 */
@RestController
@ConditionalOnProperty(name = "immunis.identity.authorization-server.enabled", havingValue = "true")
class ConsentPageController {

	private final DirectoryUsers users;
	private final PatientLabels labels;

	ConsentPageController(DirectoryUsers users, PatientLabels labels) {
		this.users = users;
		this.labels = labels;
	}

	@GetMapping(path = "/oauth2/consent", produces = MediaType.TEXT_HTML_VALUE)
	String consentPage(
			Principal person,
			@RequestParam("client_id") String clientId,
			@RequestParam("scope") String scope,
			@RequestParam("state") String state) {
		List<String> scopes = Arrays.stream(scope.split(" ")).filter(value -> !value.isBlank()).toList();
		StringBuilder page = new StringBuilder()
				.append("<p>The app <strong>").append(htmlEscape(clientId))
				.append("</strong> asks to use your records in the immunization registry.</p>")
				.append("<form method=\"post\" action=\"/oauth2/authorize\">")
				.append(hidden("client_id", clientId))
				.append(hidden("state", state))
				.append("<fieldset><legend>What the app may do</legend>");
		scopes.forEach(value -> page.append("<label class=\"choice\"><input type=\"checkbox\" name=\"scope\" checked value=\"")
				.append(htmlEscape(value)).append("\"> ").append(htmlEscape(ScopeWords.of(value))).append("</label>"));
		page.append("</fieldset>");
		if (scopes.contains("launch/patient")) {
			List<String> patients = users.find(person.getName()).map(AuthorizationServerProperties.User::patients)
					.orElse(List.of());
			page.append("<fieldset><legend>Whose records may the app see?</legend>");
			patients.forEach(patient -> page.append("<label class=\"choice\"><input type=\"radio\" name=\"patient\" required value=\"")
					.append(htmlEscape(patient)).append("\"> ").append(htmlEscape(labels.of(patient))).append("</label>"));
			page.append("</fieldset>");
		}
		page.append("<button type=\"submit\">Allow</button></form>")
				.append("<form method=\"post\" action=\"/oauth2/authorize\">")
				.append(hidden("client_id", clientId))
				.append(hidden("state", state))
				.append("<button type=\"submit\" class=\"secondary\">Deny</button></form>");
		return BrowserPages.page("Allow access?", page.toString());
	}

	private static String hidden(String name, String value) {
		return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + htmlEscape(value) + "\">";
	}
}
