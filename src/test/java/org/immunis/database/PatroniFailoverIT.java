package org.immunis.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * High availability as docs/operations.md describes it: the registry on a Patroni cluster behind HAProxy loses its
 * primary's machine while clients write, carries on against the promoted replica, and every record it acknowledged is
 * there. Prints the seconds no write was acknowledged and the errors the clients saw.
 */
class PatroniFailoverIT {

	private static final Path ROOT = Path.of("target", "patroni-failover").toAbsolutePath();

	@Test
	void theRegistryCarriesOnAgainstThePromotedReplicaWithEveryAcknowledgedWrite() throws Exception {
		PatroniCluster.requirePrograms();
		FileSystemUtils.deleteRecursively(ROOT);
		try (PatroniCluster cluster = PatroniCluster.start(ROOT);
				ServerProcess server = ServerProcess.start(ROOT.resolve("registry"),
						"--immunis.database.embedded.enabled=false",
						"--spring.datasource.url=" + cluster.jdbcUrl(),
						"--spring.datasource.username=postgres",
						"--spring.datasource.password=" + PatroniCluster.PASSWORD)) {
			PatroniCluster.Member primary = cluster.members().get(0);
			PatroniCluster.Member replica = cluster.members().get(1);
			Set<String> acknowledged;
			double secondsUnavailable;
			int errors;
			try (PatientLoad load = PatientLoad.start(server, 4)) {
				int beforeFailure = load.awaitAcknowledged(40).acknowledged().size();
				long failedAt = System.nanoTime();
				primary.crash();
				PatroniCluster.await("the replica to be promoted", Duration.ofMinutes(1), () -> replica.answers("primary"));
				load.awaitAcknowledged(load.acknowledged().size() + 40);
				load.close();
				acknowledged = load.acknowledged();
				secondsUnavailable = load.longestGapSecondsSince(failedAt);
				errors = load.errors();
				assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(beforeFailure + 40);
				System.out.printf("Failover: primary killed under load; %d writes acknowledged, %.1f s without an"
								+ " acknowledged write, %d errors seen (%s, %d without answer)%n",
						acknowledged.size(), secondsUnavailable, errors, load.otherAnswers(), load.noAnswer());
			}
			assertThat(PatientLoad.missing(server, acknowledged)).isEmpty();
			assertThat(secondsUnavailable).isLessThan(60);
		}
	}
}
