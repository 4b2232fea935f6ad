package dev.chunking.examples.relay.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test driver against a real headless Chromium and a page served from a local HTTP server. */
class HeadlessChromiumIT {
    private static final String PAGE = """
            <!doctype html>
            <html><head><meta charset="utf-8"><title>Counter page</title></head>
            <body><p>count: <span id="counter">0</span></p>
            <script>
              let count = 0;
              setInterval(() => { document.getElementById('counter').textContent = String(++count); }, 50);
            </script></body></html>
            """;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private static HttpServer server;
    private static HeadlessChromium browser;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/counter", exchange -> {
            byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        browser = HeadlessChromium.launch();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @BeforeEach
    void loadTheCounterPage() {
        browser.navigate("http://127.0.0.1:" + server.getAddress().getPort() + "/counter");
    }

    @Test
    void evaluateReturnsTheTitleOfTheLoadedPage() {
        assertThat(browser.evaluate("document.title").asText()).isEqualTo("Counter page");
    }

    @Test
    void evaluateAwaitsAPromiseAndReturnsItsValue() {
        assertThat(browser.evaluate("new Promise(resolve => setTimeout(() => resolve({answer: 42}), 20))")
                .path("answer").asInt()).isEqualTo(42);
    }

    @Test
    void waitForReturnsOnceTheCounterOfThePageHasReachedFive() {
        browser.waitFor("Number(document.getElementById('counter').textContent) >= 5", Duration.ofSeconds(10));

        assertThat(browser.evaluate("Number(document.getElementById('counter').textContent)").asInt())
                .isGreaterThanOrEqualTo(5);
    }

    @Test
    void anErrorThrownByThePageSurfacesAsAnExceptionWithItsMessage() {
        assertThatThrownBy(() -> browser.evaluate("(() => { throw new Error('the page broke on purpose'); })()"))
                .isInstanceOf(PageScriptException.class)
                .hasMessageContaining("the page broke on purpose");
    }

    @Test
    void aRejectedPromiseSurfacesAsAnExceptionWithItsMessage() {
        assertThatThrownBy(() -> browser.evaluate("Promise.reject(new Error('rejected on purpose'))"))
                .isInstanceOf(PageScriptException.class)
                .hasMessageContaining("rejected on purpose");
    }

    @Test
    void screenshotWritesAPngFileOfMoreThanOneKilobyte(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("shots/counter.png");

        browser.screenshot(png);

        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).isGreaterThan(1024);
        assertThat(Arrays.copyOf(bytes, PNG_SIGNATURE.length)).isEqualTo(PNG_SIGNATURE);
    }

    @Test
    void waitForFailsWithAnAssertionErrorNamingThePredicateAndShowingThePageText() {
        assertThatThrownBy(() -> browser.waitFor("document.title === 'a title it never has'", Duration.ofMillis(300)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("document.title === 'a title it never has'")
                .hasMessageContaining("count: ");
    }

    @Test
    void navigatingToAPortNobodyListensOnFailsWithTheNetworkError() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        assertThatThrownBy(() -> browser.navigate("http://127.0.0.1:" + port + "/"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ERR_CONNECTION_REFUSED");
    }

    @Test
    void aCommandTheBrowserRejectsFailsWithTheMessageOfTheProtocol() {
        assertThatThrownBy(() -> browser.send("Page.noSuchCommand", null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Page.noSuchCommand")
                .hasMessageContaining("wasn't found");
    }
}
