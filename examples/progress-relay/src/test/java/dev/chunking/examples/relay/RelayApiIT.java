package dev.chunking.examples.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP API of two instances against the test Redis: starts, uploads, previews, cancels and refusals. */
class RelayApiIT {
    private Relays relays;

    @BeforeEach
    void start() throws Exception {
        relays = Relays.start(2, b -> b.maxUploadBytes(100_000).bytesPerSecond(200_000).bufferSize(8192)
                .progressInterval(Duration.ofMillis(50)));
    }

    @AfterEach
    void stop() throws Exception {
        relays.close();
    }

    private static JsonNode json(HttpResponse<String> answer) throws Exception {
        return TestClient.JSON.readTree(answer.body());
    }

    private HttpResponse<String> upload(int instance, String query, byte[] body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(relays.url(instance) + "/api/uploads?" + query))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anUploadIsChunkedAndItsPreviewServedByEveryInstance() throws Exception {
        TestClient client = TestClient.followingAll(relays.url(1));
        byte[] text = "Première phrase. Second sentence here.\n\nA new paragraph, with 文字 and more words.\n".repeat(300)
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> answer = upload(0, "name=notes.txt&strategy=recursive&maxSize=200", text);
        assertThat(answer.statusCode()).isEqualTo(202);
        String op = json(answer).path("operation").asText();
        assertThat(json(answer).path("instance").asText()).isEqualTo("relay-1");
        client.awaitFinal(op);
        assertThat(client.view(op).event().path("bytesDone").asLong()).isEqualTo(text.length);

        for (int i = 0; i < 2; i++) {
            HttpResponse<String> preview = relays.get(i, "/api/operations/" + op + "/preview");
            assertThat(preview.statusCode()).isEqualTo(200);
            JsonNode chunks = json(preview).path("chunks");
            assertThat(chunks).hasSize(5);
            assertThat(chunks.get(0).path("start").asLong()).isZero();
            assertThat(chunks.get(1).path("start").asLong()).isEqualTo(chunks.get(0).path("end").asLong());
            String source = new String(text, StandardCharsets.UTF_8);
            JsonNode second = chunks.get(1);
            int from = source.offsetByCodePoints(0, second.path("start").asInt());
            assertThat(source.substring(from)).startsWith(second.path("text").asText());
        }
        client.close();
    }

    @Test
    void anUploadOverTheLimitIsRefusedWith413() throws Exception {
        HttpResponse<String> answer = upload(0, "name=big.txt", new byte[100_001]);
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(json(answer).path("error").asText())
                .isEqualTo("the upload is larger than the relay's limit of 100000 bytes (maxUploadBytes, --max-upload-bytes); "
                        + "send a smaller file or raise the limit");
        assertThat(relays.get(0).settings().maxUploadBytes()).isEqualTo(100_000);
    }

    @Test
    void badRequestsAreRefusedWithOneLineThatSaysWhatToFix() throws Exception {
        relays.document("ok.txt", 1000);
        List<String[]> cases = List.of(
                new String[] {"{\"path\":\"../secret\"}", "400", "path '../secret' refused (PARENT_SEGMENT"},
                new String[] {"{\"path\":\"missing.txt\"}", "400", "missing.txt"},
                new String[] {"{\"path\":\"ok.txt\",\"strategy\":\"nope\"}", "400", "unknown strategy 'nope'; known: "},
                new String[] {"{\"path\":\"ok.txt\",\"maxSize\":0}", "400", "maxSize must be 1 to 1000000, got 0"},
                new String[] {"{\"path\":\"ok.txt\",\"maxSize\":\"ten\"}", "400", "maxSize must be a whole number, got \"ten\""},
                new String[] {"{\"path\":\"ok.txt\",\"overlap\":1000}", "400", "overlap must be 0 to maxSize - 1 (999), got 1000"},
                new String[] {"{}", "400", "the request needs \"path\""},
                new String[] {"[1]", "400", "the body must be a JSON object"},
                new String[] {"{nope", "400", "the body is not JSON"});
        for (String[] c : cases) {
            HttpResponse<String> answer = relays.post(0, "/api/operations", c[0]);
            assertThat(answer.statusCode()).as(c[0]).isEqualTo(Integer.parseInt(c[1]));
            assertThat(json(answer).path("error").asText()).as(c[0]).contains(c[2]);
        }
        assertThat(relays.get(0, "/api/operations/nothing-here/preview").statusCode()).isEqualTo(404);
        assertThat(relays.get(0, "/no/such/page").statusCode()).isEqualTo(404);
        HttpResponse<String> odd = relays.post(0, "/api/operations/cancel", "");
        assertThat(odd.statusCode()).isEqualTo(404);
        assertThat(json(odd).path("error").asText()).isEqualTo("no such request: POST /api/operations/cancel (see docs/protocol.md)");

        HttpResponse<String> plain = relays.post(0, "/api/operations", "{\"path\":\"ok.txt\"}", "text/plain", null);
        assertThat(plain.statusCode()).isEqualTo(415);
        assertThat(json(plain).path("error").asText()).isEqualTo("send the body as application/json (Content-Type), got text/plain");
        HttpResponse<String> huge = relays.post(0, "/api/operations", "{\"path\":\"" + "x".repeat(70_000) + "\"}");
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(json(huge).path("error").asText()).startsWith("the request body is larger than 65536 bytes");
    }

    @Test
    void aPageFromAnotherSiteCannotStartOrCancelRunsButAPeersPageCan() throws Exception {
        String doc = relays.document("guarded.txt", 1000);
        HttpResponse<String> evil = relays.post(0, "/api/operations", "{\"path\":\"" + doc + "\"}", "application/json",
                "http://evil.example");
        assertThat(evil.statusCode()).isEqualTo(403);
        assertThat(json(evil).path("error").asText())
                .isEqualTo("origin http://evil.example may not call this relay; start it with --peer http://evil.example to allow it");
        assertThat(relays.post(0, "/api/operations/x/cancel", "", "text/plain", "http://evil.example").statusCode()).isEqualTo(403);
        HttpResponse<String> peer = relays.post(0, "/api/operations", "{\"path\":\"" + doc + "\"}", "application/json", relays.url(1));
        assertThat(peer.statusCode()).isEqualTo(202);
        assertThat(peer.headers().firstValue("Access-Control-Allow-Origin")).contains(relays.url(1));
    }

    @Test
    void anOperationIsCancelledThroughAnyInstance() throws Exception {
        String doc = relays.document("long.txt", 2_000_000);
        TestClient client = TestClient.followingAll(relays.url(0));
        String op = relays.chunk(0, doc);
        client.await(() -> client.view(op) != null && client.view(op).sequence() >= 2, "the run to start");
        HttpResponse<String> answer = relays.post(1, "/api/operations/" + op + "/cancel", "");
        assertThat(answer.statusCode()).isEqualTo(202);
        client.awaitFinal(op);
        assertThat(client.view(op).event().path("kind").asText()).isEqualTo("CANCELLED");
        assertThat(client.view(op).event().path("bytesDone").asLong()).isLessThan(2_000_000);
        client.close();
    }

    @Test
    void theSameOperationIdCannotRunTwiceOnAnyInstance() throws Exception {
        String doc = relays.document("twice.txt", 1_000_000);
        String body = "{\"path\":\"" + doc + "\",\"operation\":\"mine\"}";
        TestClient client = TestClient.followingAll(relays.url(0));
        assertThat(relays.post(0, "/api/operations", body).statusCode()).isEqualTo(202);
        HttpResponse<String> again = relays.post(0, "/api/operations", body);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).path("error").asText()).isEqualTo("operation mine is running on this relay; choose another id");
        HttpResponse<String> elsewhere = relays.post(1, "/api/operations", body);
        assertThat(elsewhere.statusCode()).isEqualTo(409);
        assertThat(json(elsewhere).path("error").asText()).isEqualTo("operation mine is running on relay-1; choose another id");
        relays.post(0, "/api/operations/mine/cancel", "");
        client.awaitFinal("mine");
        // once it ended, the id is free again, on any instance
        client.await(() -> {
            try {
                return relays.post(1, "/api/operations", body).statusCode() == 202;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "the id to be free");
        client.close();
    }

    @Test
    void theConfigAndHealthDescribeTheInstance() throws Exception {
        JsonNode config = json(relays.get(0, "/api/config"));
        assertThat(config.path("instance").asText()).isEqualTo("relay-1");
        assertThat(config.path("peers").get(0).asText()).isEqualTo(relays.url(1));
        JsonNode health = json(relays.get(1, "/health"));
        assertThat(health.path("instance").asText()).isEqualTo("relay-2");
        assertThat(health.path("connections").asInt()).isZero();
        assertThat(health.path("slowClientsClosed").asLong()).isZero();
    }
}
