package org.immunis.certificate;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public keys Health Cards are verified with, at {@code <iss>/.well-known/jwks.json}: public, open to any origin. */
@RestController
class JwksController {

	static final String PATH = "/.well-known/jwks.json";

	private final SigningKeyStore keys;

	JwksController(SigningKeyStore keys) {
		this.keys = keys;
	}

	@GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> jwks() {
		return keys.publicKeys().toJSONObject(true);
	}
}
