package org.immunis.identity.authorization;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import jakarta.servlet.http.HttpServletRequest;
import org.immunis.identity.BrowserPages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The registry's login page for the embedded authorization server; the form posts to Spring Security's login. */
@RestController
@ConditionalOnProperty(name = "immunis.identity.authorization-server.enabled", havingValue = "true")
class LoginPageController {

	@GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
	String loginPage(HttpServletRequest request) {
		StringBuilder body = new StringBuilder();
		if (request.getParameter("error") != null) {
			body.append("<p class=\"alert\" role=\"alert\">The user name or the password is not right. Please try again.</p>");
		}
		if (request.getParameter("logout") != null) {
			body.append("<p class=\"notice\" role=\"status\">You are signed out.</p>");
		}
		body.append("<p>Sign in to see your family's vaccination records.</p>")
				.append("<form method=\"post\" action=\"/login\">")
				.append("<label for=\"username\">User name</label>")
				.append("<input type=\"text\" id=\"username\" name=\"username\" autocomplete=\"username\" required autofocus>")
				.append("<label for=\"password\">Password</label>")
				.append("<input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"current-password\" required>");
		if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken csrf) {
			body.append("<input type=\"hidden\" name=\"").append(htmlEscape(csrf.getParameterName()))
					.append("\" value=\"").append(htmlEscape(csrf.getToken())).append("\">");
		}
		body.append("<button type=\"submit\">Sign in</button></form>");
		return BrowserPages.page("Sign in to the Immunization Registry", body.toString());
	}
}
