package org.immunis.database;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Listens on a port of every loopback address this machine has, so that a PostgreSQL starting on that port cannot
 * (it binds {@code localhost}, and starts if it can bind any of its addresses).
 */
final class PortHold implements AutoCloseable {

	private final List<ServerSocket> sockets;

	private PortHold(List<ServerSocket> sockets) {
		this.sockets = sockets;
	}

	static PortHold loopback(int port) throws IOException {
		List<ServerSocket> sockets = new ArrayList<>();
		for (InetAddress address : InetAddress.getAllByName("localhost")) {
			ServerSocket socket = new ServerSocket();
			try {
				socket.bind(new InetSocketAddress(address, port));
				sockets.add(socket);
			} catch (BindException e) {
				socket.close();
				boolean addressNotOffered = String.valueOf(e.getMessage()).contains("Cannot assign requested address");
				if (!addressNotOffered) {
					sockets.forEach(PortHold::closeQuietly);
					throw e;
				}
			}
		}
		if (sockets.isEmpty()) {
			throw new IllegalStateException("no loopback address could be held on port " + port);
		}
		return new PortHold(sockets);
	}

	@Override
	public void close() {
		sockets.forEach(PortHold::closeQuietly);
	}

	private static void closeQuietly(ServerSocket socket) {
		try {
			socket.close();
		} catch (IOException e) {
			// closing a listening socket that nobody connected to
		}
	}
}
