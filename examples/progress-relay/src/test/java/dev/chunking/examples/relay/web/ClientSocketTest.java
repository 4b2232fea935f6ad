package dev.chunking.examples.relay.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.domain.OperationId;
import dev.chunking.examples.relay.hub.Hub;
import dev.chunking.examples.relay.hub.Position;
import dev.chunking.examples.relay.hub.Selection;
import dev.chunking.redis.progress.OperationState;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientSocketTest {
    private final Hub hub = new Hub(new Hub.History() {
        @Override
        public Optional<OperationState> state(OperationId operation) {
            return Optional.empty();
        }

        @Override
        public List<OperationState> replay(OperationId operation) {
            return List.of();
        }
    }, 10, 10, 5);
    private final List<Callback> pending = new ArrayList<>();
    private final List<String> closes = new ArrayList<>();

    @AfterEach
    void close() {
        hub.close();
    }

    /** A session whose writes never complete until the test says so, as with a client that stopped reading. */
    private Session session() {
        return (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "sendText" -> pending.add((Callback) args[1]);
                case "close" -> closes.add(args[0] + " " + args[1]);
                case "isOpen" -> {
                    return closes.isEmpty();
                }
                default -> { }
            }
            return null;
        });
    }

    @Test
    void closesAClientWhoseQueueOverflowsWith1013AndAReasonAndCountsIt() {
        LongAdder overflows = new LongAdder();
        ClientSocket socket = new ClientSocket(hub, 3, "{\"type\":\"hello\"}", overflows);
        socket.onWebSocketOpen(session()); // the hello is the first message waiting
        assertThat(socket.send("a")).isTrue();
        assertThat(socket.send("b")).isTrue();
        assertThat(socket.waiting()).isEqualTo(3);
        assertThat(socket.send("c")).isFalse();
        assertThat(closes).containsExactly("1013 send queue full: 4 messages waiting, limit 3 (sendQueueLimit); "
                + "read faster or follow fewer operations");
        assertThat(overflows.sum()).isEqualTo(1);
        assertThat(socket.send("d")).isFalse();
        assertThat(closes).hasSize(1);
        assertThat(overflows.sum()).isEqualTo(1);
    }

    @Test
    void aWrittenMessageFreesItsPlaceInTheQueue() {
        ClientSocket socket = new ClientSocket(hub, 2, "{\"type\":\"hello\"}", new LongAdder());
        socket.onWebSocketOpen(session());
        assertThat(socket.send("a")).isTrue();
        pending.forEach(Callback::succeed);
        pending.clear();
        assertThat(socket.waiting()).isZero();
        assertThat(socket.send("b")).isTrue();
        assertThat(socket.send("c")).isTrue();
        pending.get(0).fail(new IllegalStateException("broken pipe"));
        assertThat(socket.waiting()).isEqualTo(1);
        assertThat(closes).isEmpty();
    }

    @Test
    void readsASubscribeWithItsOperationsAndPositions() throws Exception {
        Selection s = ClientSocket.parse("{\"type\":\"subscribe\",\"all\":false,\"operations\":[\"a\",\"b\"],"
                + "\"seen\":{\"a\":{\"epoch\":\"e1\",\"sequence\":7}}}");
        assertThat(s.all()).isFalse();
        assertThat(s.operations()).isEqualTo(Set.of(OperationId.of("a"), OperationId.of("b")));
        assertThat(s.seen()).isEqualTo(Map.of(OperationId.of("a"), new Position("e1", 7)));
        assertThat(ClientSocket.parse("{\"type\":\"subscribe\",\"all\":true}").all()).isTrue();
    }

    @Test
    void refusesMessagesThatAreNotASubscribe() {
        assertThatThrownBy(() -> ClientSocket.parse("{\"type\":\"cancel\"}")).hasMessage("expected {\"type\":\"subscribe\",...}");
        assertThatThrownBy(() -> ClientSocket.parse("{\"type\":\"subscribe\",\"seen\":{\"a\":{\"epoch\":\"\",\"sequence\":0}}}"))
                .hasMessageContaining("position: epoch must be set and sequence at least 1");
        assertThatThrownBy(() -> ClientSocket.parse("not json")).isInstanceOf(java.io.IOException.class);
        String many = "{\"type\":\"subscribe\",\"operations\":[" + String.join(",",
                java.util.stream.IntStream.range(0, 2001).mapToObj(i -> "\"op" + i + "\"").toList()) + "]}";
        assertThatThrownBy(() -> ClientSocket.parse(many)).hasMessage("a subscribe may name at most 2000 operations, got 2001");
    }
}
