package dev.chunking.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on a free local port that forwards to a test server (PostgreSQL, Redis) and can lose
 * connections on demand: cut every live connection once the clients sent a number of bytes (so a
 * cut can land in the middle of a COPY or a command), or refuse every new connection (a server
 * that is down). How the adapters' tests lose a connection without stopping a shared server.
 * Thread-safe.
 */
public final class CuttingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> live = new ArrayList<>();
    private final AtomicLong clientBytes = new AtomicLong();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger cuts = new AtomicInteger();
    private volatile boolean refusing;
    private volatile long cutAfterBytes = Long.MAX_VALUE;
    private volatile int cutsLeft;

    /**
     * Starts the proxy.
     *
     * @param targetHost the server's host
     * @param targetPort the server's port
     * @throws IOException if no local port can be opened
     */
    public CuttingProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "cutting-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The port clients connect to. */
    public int port() {
        return server.getLocalPort();
    }

    /** How many connections clients opened through this proxy, refused ones included. */
    public int accepted() {
        return accepted.get();
    }

    /** How many times live connections were cut. */
    public int cuts() {
        return cuts.get();
    }

    /**
     * Cuts all live connections each time the clients sent {@code bytes} more bytes, {@code times}
     * times; the count restarts at 0 after each cut.
     */
    public void cutAfterClientBytes(long bytes, int times) {
        clientBytes.set(0);
        cutsLeft = times;
        cutAfterBytes = bytes;
    }

    /** Closes every new connection at once, before the server sees it, until told otherwise. */
    public void refuse(boolean value) {
        refusing = value;
    }

    /** Closes every live connection, both ways, at once. */
    public void cutAll() {
        synchronized (live) {
            for (Socket socket : live) {
                closeQuietly(socket);
            }
            live.clear();
        }
        cuts.incrementAndGet();
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
                pump(client, upstream, true);
                pump(upstream, client, false);
            } catch (IOException e) { // closed: the proxy ends
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    long sent = fromClient && cutsLeft > 0 ? clientBytes.addAndGet(n) : 0;
                    if (fromClient && cutsLeft > 0 && sent >= cutAfterBytes) {
                        int keep = (int) Math.max(0, n - (sent - cutAfterBytes)); // forward up to the threshold, then cut
                        out.write(buffer, 0, keep);
                        out.flush();
                        clientBytes.set(0);
                        cutsLeft--;
                        cutAll();
                        return;
                    }
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
