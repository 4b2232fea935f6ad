package dev.chunking.examples.relay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A WebSocket client on a bare socket that subscribes and then never reads again, with a tiny
 * receive buffer: what a frozen tab or a stalled network looks like to the relay, down to TCP.
 */
final class StalledClient implements AutoCloseable {
    private final Socket socket = new Socket();

    StalledClient(String baseUrl, String subscribe) throws IOException {
        URI uri = URI.create(baseUrl);
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
        OutputStream out = socket.getOutputStream();
        String key = Base64.getEncoder().encodeToString("stalled-client-k".getBytes(StandardCharsets.US_ASCII));
        out.write(("GET /ws HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the relay closed the connection during the handshake: " + head);
            }
            head.append((char) b);
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("the relay refused the upgrade: " + head);
        }
        byte[] payload = subscribe.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {1, 2, 3, 4};
        out.write(0x81); // FIN, text
        out.write(0x80 | 126); // masked, 16-bit length
        out.write(payload.length >> 8);
        out.write(payload.length & 0xff);
        out.write(mask);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ mask[i % 4]);
        }
        out.flush();
        // and never read again
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
