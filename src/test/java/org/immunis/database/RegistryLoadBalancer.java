package org.immunis.database;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HAProxy in front of registry nodes, with the project's {@code config/haproxy/registry.cfg}, and its runtime API
 * (the admin socket) a rolling restart drains a node with.
 */
final class RegistryLoadBalancer implements AutoCloseable {

	private final Process process;
	private final Path adminSocket;
	private final int port;

	private RegistryLoadBalancer(Process process, Path adminSocket, int port) {
		this.process = process;
		this.adminSocket = adminSocket;
		this.port = port;
	}

	static RegistryLoadBalancer start(Path folder, List<ServerProcess> nodes) throws IOException, InterruptedException {
		String haproxy = ExternalProgram.require("haproxy", "haproxy");
		int port = freePort();
		Path adminSocket = folder.resolve("haproxy.sock");
		ProcessBuilder builder = new ProcessBuilder(haproxy, "-db", "-f", Path.of("config", "haproxy", "registry.cfg").toString())
				.redirectErrorStream(true).redirectOutput(folder.resolve("haproxy.log").toFile());
		Map<String, String> environment = builder.environment();
		environment.put("IMMUNIS_FRONTEND", "127.0.0.1:" + port);
		environment.put("IMMUNIS_HAPROXY_ADMIN_SOCKET", adminSocket.toString());
		for (int i = 0; i < nodes.size(); i++) {
			environment.put("IMMUNIS_NODE" + (i + 1), "127.0.0.1:" + nodes.get(i).port());
		}
		RegistryLoadBalancer balancer = new RegistryLoadBalancer(builder.start(), adminSocket, port);
		for (int i = 1; i <= nodes.size(); i++) {
			balancer.awaitStatus("node" + i, "UP");
		}
		return balancer;
	}

	String fhirBase() {
		return "http://127.0.0.1:" + port + "/fhir";
	}

	String base() {
		return "http://127.0.0.1:" + port;
	}

	/** Takes no new request to this node and waits until its requests under way have ended. */
	void drain(String node) throws IOException, InterruptedException {
		admin("set server immunis/" + node + " state maint");
		PatroniCluster.await(node + "'s requests under way to end", java.time.Duration.ofMinutes(1),
				() -> "0".equals(stat(node, "scur").orElse("")));
	}

	/** Sends requests to this node again, now at this port, once its health check passes. */
	void readmit(String node, int port) throws IOException, InterruptedException {
		admin("set server immunis/" + node + " addr 127.0.0.1 port " + port);
		admin("set server immunis/" + node + " state ready");
		awaitStatus(node, "UP");
	}

	private void awaitStatus(String node, String status) throws IOException, InterruptedException {
		PatroniCluster.await(node + " to be " + status, java.time.Duration.ofMinutes(1),
				() -> stat(node, "status").map(value -> value.startsWith(status)).orElse(false));
	}

	/** A column of HAProxy's statistics for this server of the registry's backend. */
	private Optional<String> stat(String node, String column) throws IOException {
		List<String> lines;
		try {
			lines = admin("show stat").lines().toList();
		} catch (IOException e) {
			// the socket is not there yet while HAProxy starts
			return Optional.empty();
		}
		if (lines.isEmpty()) {
			return Optional.empty();
		}
		List<String> header = Arrays.asList(lines.get(0).replaceFirst("^# ", "").split(","));
		return lines.stream().skip(1)
				.map(line -> line.split(",", -1))
				.filter(fields -> fields.length > 1 && fields[0].equals("immunis") && fields[1].equals(node))
				.map(fields -> fields[header.indexOf(column)])
				.findFirst();
	}

	private String admin(String command) throws IOException {
		try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
			channel.connect(UnixDomainSocketAddress.of(adminSocket));
			channel.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8)));
			ByteArrayOutputStream answer = new ByteArrayOutputStream();
			ByteBuffer buffer = ByteBuffer.allocate(8192);
			while (channel.read(buffer) > 0) {
				answer.write(buffer.array(), 0, buffer.position());
				buffer.clear();
			}
			return answer.toString(StandardCharsets.UTF_8);
		}
	}

	@Override
	public void close() {
		process.destroyForcibly();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
