package dev.chunking.examples.relay.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real headless Chromium driven over the Chrome DevTools Protocol: {@link #launch()} starts the
 * browser with a fresh profile, after which a test can {@link #navigate(String) load a page},
 * {@link #evaluate(String) run JavaScript in it}, {@link #waitFor(String, Duration) wait for a
 * condition} and {@link #screenshot(Path) save a screenshot}. {@link #close()} ends the browser and
 * its child processes and deletes the profile. Uses only the JDK's WebSocket client and Jackson.
 * Not thread-safe: one test thread drives one browser.
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration NAVIGATION_TIMEOUT = Duration.ofSeconds(20);
    private static final long POLL_MILLIS = 50;
    private static final int PAGE_TEXT_LIMIT = 2000;
    private static final int STDERR_LINES_KEPT = 200;
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://[^\\s/]+:(\\d+)/\\S*)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final StderrDrain stderr;
    private final HttpClient http;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private WebSocket socket;

    private HeadlessChromium(Process process, Path profile, StderrDrain stderr, HttpClient http) {
        this.process = process;
        this.profile = profile;
        this.stderr = stderr;
        this.http = http;
    }

    /**
     * Starts {@code /usr/bin/chromium} (or the executable named by the environment variable
     * {@code CHROMIUM}) headless with a new temporary profile and connects to its page.
     *
     * @return the connected browser, showing {@code about:blank}
     * @throws IllegalStateException when the browser does not start within 20 seconds, with what
     *                               it wrote to stderr so far
     * @throws UncheckedIOException  when the process or the profile directory cannot be created
     */
    public static HeadlessChromium launch() {
        String executable = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        Path profile;
        Process process;
        try {
            profile = Files.createTempDirectory("headless-chromium-");
            process = new ProcessBuilder(executable, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--remote-debugging-port=0", "--user-data-dir=" + profile, "--window-size=1200,900", "about:blank")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + executable, e);
        }
        StderrDrain stderr = StderrDrain.start(process);
        HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(CALL_TIMEOUT).build();
        HeadlessChromium browser = new HeadlessChromium(process, profile, stderr, http);
        try {
            browser.connect(executable);
            return browser;
        } catch (RuntimeException | Error e) {
            browser.close();
            throw e;
        }
    }

    private void connect(String executable) {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        Matcher listening = LISTENING.matcher(await(stderr.listening, STARTUP_TIMEOUT,
                () -> executable + " did not print 'DevTools listening on ws://...' (waited up to " + STARTUP_TIMEOUT + ")"));
        if (!listening.find()) {
            throw new IllegalStateException("unexpected DevTools line from " + executable + stderr.describe());
        }
        String pageUrl = pageTarget(Integer.parseInt(listening.group(2)), deadline);
        socket = await(http.newWebSocketBuilder().connectTimeout(CALL_TIMEOUT)
                .buildAsync(URI.create(pageUrl), new Receiver()), CALL_TIMEOUT,
                () -> "cannot open the DevTools WebSocket " + pageUrl);
    }

    /** The webSocketDebuggerUrl of the first target of type "page"; polls until one exists. */
    private String pageTarget(int port, long deadline) {
        HttpRequest list = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                .timeout(CALL_TIMEOUT).GET().build();
        String last = "";
        while (true) {
            try {
                HttpResponse<String> response = http.send(list, HttpResponse.BodyHandlers.ofString());
                last = response.body();
                for (JsonNode target : JSON.readTree(last)) {
                    if ("page".equals(target.path("type").asText()) && target.hasNonNull("webSocketDebuggerUrl")) {
                        return target.get("webSocketDebuggerUrl").asText();
                    }
                }
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while looking for the page target", e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no page target in /json/list: " + last + stderr.describe());
            }
            pause();
        }
    }

    /**
     * Sends one DevTools command and waits up to 10 seconds for its result.
     *
     * @param method the command, such as {@code Page.navigate}
     * @param params its parameters; {@code null} for none
     * @return the command's {@code result} object
     * @throws IllegalStateException when the browser answers with an error (its CDP message is in
     *                               the exception's message), does not answer in time or is gone
     */
    public JsonNode send(String method, ObjectNode params) {
        long id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params == null ? JSON.createObjectNode() : params);
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            String text = JSON.writeValueAsString(message);
            await(socket.sendText(text, true), CALL_TIMEOUT, () -> "cannot send " + method);
            JsonNode response = await(answer, CALL_TIMEOUT, () -> "no answer to " + method + " within " + CALL_TIMEOUT);
            JsonNode error = response.get("error");
            if (error != null) {
                throw new IllegalStateException(method + " failed: " + error.path("message").asText()
                        + " (code " + error.path("code").asText() + ")"
                        + (error.has("data") ? ": " + error.get("data").asText() : ""));
            }
            return response.path("result");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            pending.remove(id);
        }
    }

    /**
     * Loads a URL in the page and waits until the new document's {@code readyState} is
     * {@code 'complete'}.
     *
     * @param url the address to load
     * @throws IllegalStateException when the navigation fails (such as
     *                               {@code net::ERR_CONNECTION_REFUSED}) or does not complete in 20 seconds
     */
    public void navigate(String url) {
        JsonNode result = send("Page.navigate", JSON.createObjectNode().put("url", url));
        String error = result.path("errorText").asText("");
        if (!error.isEmpty()) {
            throw new IllegalStateException("navigation to " + url + " failed: " + error);
        }
        String loader = result.path("loaderId").asText("");
        long deadline = System.nanoTime() + NAVIGATION_TIMEOUT.toNanos();
        // Runtime.evaluate reaches the new document only once the frame has committed the
        // navigation's loader; before that, readyState would be the previous page's
        while (!(loader.isEmpty() || loader.equals(currentLoader())) || !"complete".equals(readyState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("navigation to " + url + " did not complete within " + NAVIGATION_TIMEOUT);
            }
            pause();
        }
    }

    private String currentLoader() {
        return send("Page.getFrameTree", null).path("frameTree").path("frame").path("loaderId").asText("");
    }

    private String readyState() {
        try {
            return evaluate("document.readyState").asText("");
        } catch (IllegalStateException e) {
            if (contextGone(e)) {
                return ""; // the old document went away under the call: not ready yet
            }
            throw e;
        }
    }

    /** Whether a failed Runtime.evaluate met a document being replaced, which a retry gets past. */
    private static boolean contextGone(IllegalStateException e) {
        String message = String.valueOf(e.getMessage());
        return message.startsWith("Runtime.evaluate failed") && message.contains("context");
    }

    /**
     * Evaluates a JavaScript expression in the page, awaiting it when it is a promise.
     *
     * @param expression the expression
     * @return its value as JSON ({@link NullNode} for {@code undefined}; {@code NaN}, infinities,
     *         {@code -0} and bigints as their text)
     * @throws PageScriptException   when the expression throws or its promise rejects; the message
     *                               holds the exception's text
     * @throws IllegalStateException when the browser fails the call
     */
    public JsonNode evaluate(String expression) {
        ObjectNode params = JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true);
        JsonNode result = send("Runtime.evaluate", params);
        JsonNode thrown = result.get("exceptionDetails");
        if (thrown != null) {
            String description = thrown.path("exception").path("description").asText("");
            if (description.isEmpty()) {
                description = thrown.path("exception").path("value").asText("");
            }
            throw new PageScriptException("evaluating `" + expression + "` threw: "
                    + thrown.path("text").asText("") + " " + description);
        }
        JsonNode value = result.path("result");
        if (value.has("unserializableValue")) {
            return TextNode.valueOf(value.get("unserializableValue").asText());
        }
        return value.has("value") ? value.get("value") : NullNode.getInstance();
    }

    /**
     * Evaluates a JavaScript predicate every 50 ms until it is truthy. An exception thrown by the
     * predicate counts as false (the element it reads may not exist yet), and so does a call that
     * meets the document being replaced.
     *
     * @param jsPredicate a JavaScript expression, such as {@code document.title === 'Done'}
     * @param timeout     how long to wait
     * @throws AssertionError when the predicate is still not truthy after the timeout; the message
     *                        names the predicate, its last exception if any, and shows the page's
     *                        text (the first 2000 characters of {@code document.body.innerText})
     */
    public void waitFor(String jsPredicate, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastError = null;
        while (true) {
            try {
                if (evaluate("!!(" + jsPredicate + "\n)").asBoolean()) {
                    return;
                }
                lastError = null;
            } catch (PageScriptException e) {
                lastError = e.getMessage();
            } catch (IllegalStateException e) {
                if (!contextGone(e)) {
                    throw e;
                }
                lastError = e.getMessage();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for `" + jsPredicate + "`"
                        + (lastError == null ? "" : "; it last threw: " + lastError)
                        + "\npage text:\n" + pageText());
            }
            pause();
        }
    }

    private String pageText() {
        try {
            String text = evaluate("document.body ? document.body.innerText : '(no body)'").asText();
            return text.length() > PAGE_TEXT_LIMIT ? text.substring(0, PAGE_TEXT_LIMIT) + "..." : text;
        } catch (RuntimeException e) {
            return "(cannot read the page text: " + e.getMessage() + ")";
        }
    }

    /**
     * Saves a PNG screenshot of the page's viewport, creating the parent directories.
     *
     * @param png the file to write
     * @throws UncheckedIOException  when the file cannot be written
     * @throws IllegalStateException when the browser fails the capture
     */
    public void screenshot(Path png) {
        JsonNode result = send("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
        byte[] bytes = Base64.getDecoder().decode(result.path("data").asText());
        try {
            Path parent = png.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(png, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
    }

    /**
     * Closes the DevTools connection, ends the browser and all its child processes and deletes the
     * temporary profile.
     */
    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
        }
        List<ProcessHandle> all = new ArrayList<>();
        process.descendants().forEach(all::add); // before the parent dies and they are re-parented
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(5, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                handle.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                all.forEach(ProcessHandle::destroyForcibly);
                break;
            }
        }
        failPending(new IllegalStateException("the browser was closed"));
        deleteProfile();
    }

    private void deleteProfile() {
        for (int attempt = 0; attempt < 3 && Files.exists(profile); attempt++) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                // a file vanished while walking: try again
            }
        }
    }

    private void failPending(Throwable cause) {
        pending.values().forEach(answer -> answer.completeExceptionally(cause));
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the browser", e);
        }
    }

    private <T> T await(CompletableFuture<T> future, Duration timeout, Supplier<String> what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(what.get() + stderr.describe(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what.get() + ": " + e.getCause() + stderr.describe(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what.get(), e);
        }
    }

    /** Joins the fragments of each text message and hands complete ones to their waiting call. */
    private final class Receiver implements WebSocket.Listener {
        private final StringBuilder message = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                String text = message.toString();
                message.setLength(0);
                dispatch(text);
            }
            webSocket.request(1);
            return null;
        }

        private void dispatch(String text) {
            try {
                JsonNode node = JSON.readTree(text);
                JsonNode id = node.get("id");
                if (id != null) { // an answer; messages without an id are events, not used here
                    CompletableFuture<JsonNode> answer = pending.get(id.asLong());
                    if (answer != null) {
                        answer.complete(node);
                    }
                }
            } catch (IOException e) {
                failPending(new IllegalStateException("unreadable DevTools message: " + e.getMessage(), e));
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            failPending(new IllegalStateException("DevTools connection closed: " + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            failPending(new IllegalStateException("DevTools connection failed: " + error, error));
        }
    }

    /**
     * Reads the browser's stderr on a daemon thread for the process's whole life (a full pipe would
     * block the browser), keeps its last lines for error messages and reports the DevTools line.
     */
    private static final class StderrDrain {
        private final Deque<String> lines = new ArrayDeque<>();
        private final CompletableFuture<String> listening = new CompletableFuture<>();

        static StderrDrain start(Process process) {
            StderrDrain drain = new StderrDrain();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        drain.accept(line);
                    }
                } catch (IOException e) {
                    drain.accept("(stderr unreadable: " + e + ")");
                }
                String exit;
                try {
                    exit = " (exit code " + process.onExit().get(2, TimeUnit.SECONDS).exitValue() + ")";
                } catch (InterruptedException | ExecutionException | TimeoutException e) {
                    exit = " (the process is still running)";
                }
                drain.listening.completeExceptionally(new IllegalStateException("the browser's stderr ended" + exit));
            }, "chromium-stderr");
            reader.setDaemon(true);
            reader.start();
            return drain;
        }

        synchronized void accept(String line) {
            lines.addLast(line);
            if (lines.size() > STDERR_LINES_KEPT) {
                lines.removeFirst();
            }
            if (line.contains("DevTools listening on ws://")) {
                listening.complete(line);
            }
        }

        synchronized String describe() {
            return lines.isEmpty() ? "\n(stderr so far: empty)" : "\nstderr so far:\n" + String.join("\n", lines);
        }
    }
}
