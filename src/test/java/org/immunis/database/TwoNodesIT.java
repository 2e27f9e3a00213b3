package org.immunis.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * Two registry nodes on one database behind HAProxy (docs/operations.md, "More than one registry node"): a token the
 * embedded authorization server issued is good on every node and after both restarted, paging links lead through the
 * load balancer whichever node answers, and a rolling restart under load (drain, stop, start, readmit, one node at a
 * time) loses no request.
 */
class TwoNodesIT {

	private static final Path ROOT = Path.of("target", "two-nodes").toAbsolutePath();
	private static final HttpClient HTTP = HttpClient.newHttpClient();
	private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
	private static final Pattern NEXT = Pattern.compile("\"relation\"\\s*:\\s*\"next\"\\s*,\\s*\"url\"\\s*:\\s*\"([^\"]+)\"");
	private static final Pattern FULL_URL = Pattern.compile("\"fullUrl\"\\s*:\\s*\"([^\"]+)\"");

	@Test
	void twoNodesAnswerAlikeAndARollingRestartUnderLoadLosesNoRequest() throws Exception {
		ExternalProgram.require("haproxy", "haproxy");
		FileSystemUtils.deleteRecursively(ROOT);
		EmbeddedDatabaseProperties shared = new EmbeddedDatabaseProperties(true, ROOT.resolve("database"), true, "on", 0,
				Duration.ofSeconds(2), Map.of());
		try (EmbeddedDatabase database = EmbeddedDatabase.start(shared)) {
			String[] onSharedDatabase = {
					"--immunis.database.embedded.enabled=false",
					"--spring.datasource.url=" + database.jdbcUrl(),
					"--spring.datasource.username=postgres",
					"--spring.datasource.password=",
					"--spring.datasource.hikari.maximum-pool-size=8",
					// the token asked for before the rolling restart must not expire before it is tried after it
					"--immunis.identity.authorization-server.access-token-lifetime=2h"};
			List<ServerProcess> nodes = new ArrayList<>();
			try {
				nodes.add(ServerProcess.start(ROOT.resolve("node1"), onSharedDatabase));
				nodes.add(ServerProcess.start(ROOT.resolve("node2"), onSharedDatabase));
				try (RegistryLoadBalancer balancer = RegistryLoadBalancer.start(ROOT, nodes)) {
					String token = clientCredentialsToken(balancer);
					for (int i = 0; i < 6; i++) {
						assertThat(get(balancer.fhirBase() + "/Patient?_count=1", token).statusCode())
								.as("request %d, on node %d", i, i % 2 + 1).isEqualTo(200);
					}
					pagingLinksLeadThroughTheBalancer(balancer, token);

					Set<String> acknowledged;
					long restartStarted;
					try (PatientLoad load = PatientLoad.start(balancer.fhirBase(), 2)) {
						load.awaitAcknowledged(20);
						restartStarted = System.nanoTime();
						for (int i = 0; i < nodes.size(); i++) {
							String node = "node" + (i + 1);
							balancer.drain(node);
							nodes.get(i).close();
							nodes.set(i, ServerProcess.start(ROOT.resolve(node), onSharedDatabase));
							balancer.readmit(node, nodes.get(i).port());
						}
						load.awaitAcknowledged(load.acknowledged().size() + 20);
						load.close();
						acknowledged = load.acknowledged();
						System.out.printf("Rolling restart of two nodes under load: %d writes acknowledged, %d errors (%s, %d"
										+ " without answer), longest wait for an acknowledged write %.1f s%n",
								acknowledged.size(), load.errors(), load.otherAnswers(), load.noAnswer(),
								load.longestGapSecondsSince(restartStarted));
						assertThat(load.errors()).isZero();
					}
					assertThat(PatientLoad.missing(balancer.fhirBase(), acknowledged)).isEmpty();
					// issued before both nodes restarted: the signing key is the database's, not a node's
					assertThat(get(balancer.fhirBase() + "/Patient?_count=1", token).statusCode()).isEqualTo(200);
				}
			} finally {
				nodes.forEach(ServerProcess::close);
			}
		}
	}

	private static void pagingLinksLeadThroughTheBalancer(RegistryLoadBalancer balancer, String token) throws Exception {
		String family = "Paging" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		for (int i = 0; i < 5; i++) {
			assertThat(ServerProcess.fhirAt(balancer.fhirBase(), "POST", "Patient", """
					{"resourceType":"Patient","identifier":[{"system":"urn:oid:2.16.840.1.113883.3.9999.1","value":"%s"}],
					 "name":[{"family":"%s","given":["P%d"]}],"gender":"male","birthDate":"2019-01-0%d"}
					""".formatted(UUID.randomUUID(), family, i, i + 1)).orElseThrow().statusCode()).isEqualTo(201);
		}
		List<String> seen = new ArrayList<>();
		String page = balancer.fhirBase() + "/Patient?family=" + family + "&_count=2";
		while (page != null) {
			HttpResponse<String> answer = get(page.replace("&amp;", "&"), token);
			assertThat(answer.statusCode()).as(page).isEqualTo(200);
			Matcher entries = FULL_URL.matcher(answer.body());
			while (entries.find()) {
				assertThat(entries.group(1)).startsWith(balancer.fhirBase());
				seen.add(entries.group(1));
			}
			Matcher next = NEXT.matcher(answer.body());
			page = next.find() ? next.group(1) : null;
			assertThat(page == null || page.startsWith(balancer.fhirBase())).as("next link %s", page).isTrue();
		}
		assertThat(seen).hasSize(5).doesNotHaveDuplicates();
	}

	/** A token of the demo EHR from the embedded authorization server, asked through the load balancer. */
	private static String clientCredentialsToken(RegistryLoadBalancer balancer) throws Exception {
		HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(balancer.base() + "/oauth2/token"))
				.header("Authorization", "Basic " + Base64.getEncoder()
						.encodeToString("demo-ehr:demo-ehr-secret".getBytes(StandardCharsets.UTF_8)))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=system/*.rs"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		Matcher token = ACCESS_TOKEN.matcher(answer.body());
		assertThat(token.find()).isTrue();
		return token.group(1);
	}

	private static HttpResponse<String> get(String url, String token) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
				.header("Accept", "application/fhir+json").build(), HttpResponse.BodyHandlers.ofString());
	}
}
