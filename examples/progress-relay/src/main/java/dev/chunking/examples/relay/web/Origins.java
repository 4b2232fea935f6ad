package dev.chunking.examples.relay.web;

import java.util.Set;

/**
 * Which browser origins may call an instance (its API and its WebSocket): the page's own origin
 * (the {@code Host} it was served from), and the instance's configured origins (its address and
 * its peers'), known once it listens. A request without an {@code Origin} header is not a
 * browser's cross-site request and is allowed. Thread-safe.
 */
public final class Origins {
    private volatile Set<String> allowed = Set.of();

    /**
     * Sets the configured origins.
     *
     * @param origins e.g. {@code http://127.0.0.1:8081}, without a trailing slash
     */
    public void allow(Set<String> origins) {
        allowed = Set.copyOf(origins);
    }

    /**
     * Whether a request may go on.
     *
     * @param origin the request's {@code Origin} header, null when absent
     * @param host the request's {@code Host} header, null when absent
     * @return true for no origin, the same origin as the host, or a configured one
     */
    public boolean permits(String origin, String host) {
        return origin == null || allowed.contains(origin) || (host != null && origin.equals("http://" + host));
    }
}
