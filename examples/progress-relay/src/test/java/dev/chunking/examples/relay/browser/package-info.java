/**
 * Test scope only: {@link dev.chunking.examples.relay.browser.HeadlessChromium}, a small driver of
 * a real headless Chromium over the Chrome DevTools Protocol (the JDK's WebSocket client and
 * Jackson, no browser-automation library), so the relay's integration tests can load its page,
 * wait for what it shows, read DOM state and keep screenshots of failures.
 */
package dev.chunking.examples.relay.browser;
