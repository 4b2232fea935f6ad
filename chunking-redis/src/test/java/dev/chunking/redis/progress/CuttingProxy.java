package dev.chunking.redis.progress;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP proxy on a free local port that forwards to a Redis server and loses connections on demand
 * (after chunking-postgres's test proxy): cut every live connection, or refuse new ones for a while
 * (a server that is unreachable). Thread-safe.
 */
final class CuttingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> live = new ArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean refusing;

    CuttingProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "cutting-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The port clients connect to. */
    int port() {
        return server.getLocalPort();
    }

    /** How many connections clients opened through this proxy, refused ones included. */
    int accepted() {
        return accepted.get();
    }

    /** Closes every new connection at once, before the server sees it, until told otherwise. */
    void refuse(boolean value) {
        refusing = value;
    }

    /** Closes every live connection, both ways, at once. */
    void cutAll() {
        synchronized (live) {
            for (Socket socket : live) {
                closeQuietly(socket);
            }
            live.clear();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                accepted.incrementAndGet();
                if (refusing) {
                    client.close();
                    continue;
                }
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(targetHost, targetPort));
                synchronized (live) {
                    live.add(client);
                    live.add(upstream);
                }
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) { // closed: the proxy ends
                return;
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) { // cut or closed by either side
                closeQuietly(from);
                closeQuietly(to);
            }
            closeQuietly(from);
            closeQuietly(to);
        }, "cutting-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) { // already closed
            return;
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        cutAll();
    }
}
