package org.immunis.identity.authorization;

/** A scope in words for the consent page, with the scope itself for those who know them. */
final class ScopeWords {

	private ScopeWords() {}

	static String of(String scope) {
		String words = switch (scope) {
			case "openid" -> "know who you are";
			case "fhirUser" -> "read your own record in the registry";
			case "launch/patient" -> "work with the records of the person you pick below";
			case "offline_access" -> "stay signed in until you sign out";
			case "online_access" -> "stay signed in while you use it";
			default -> words(scope);
		};
		return words + " (" + scope + ")";
	}

	private static String words(String scope) {
		int slash = scope.indexOf('/');
		int dot = scope.indexOf('.', slash);
		if (slash < 0 || dot < 0) {
			return "use " + scope;
		}
		String type = scope.substring(slash + 1, dot);
		String rights = scope.substring(dot + 1);
		boolean writes = rights.contains("c") || rights.contains("u") || rights.contains("write") || rights.equals("*");
		String what = "*".equals(type) ? "all records" : type + " records";
		return (writes ? "read and change " : "read ") + what;
	}
}
