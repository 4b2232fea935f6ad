package dev.chunking.examples.relay.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A relay instance run as a JVM of its own ({@link dev.chunking.examples.relay.RelayMain} on this
 * process's class path), with its memory and CPU read from {@code /proc}. Its standard error goes
 * to a log file. Close it to stop it.
 */
final class RelayProcess implements AutoCloseable {
    /** Clock ticks per second of {@code /proc/PID/stat} on Linux. */
    private static final double CLK_TCK = 100.0;

    private final String name;
    private final Process process;
    private final Path log;
    private final CompletableFuture<String> listening = new CompletableFuture<>();

    private RelayProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts an instance and waits until it prints that it listens.
     *
     * @param name the instance's name
     * @param arguments RelayMain's options
     * @param heap the JVM's -Xmx, e.g. {@code 512m}
     * @param logDir where its standard error goes ({@code NAME.log})
     * @param timeout how long it may take to start
     * @return the running instance
     * @throws IOException if it cannot be started or does not start in time
     */
    static RelayProcess start(String name, List<String> arguments, String heap, Path logDir, Duration timeout) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.chunking.examples.relay.RelayMain");
        command.addAll(arguments);
        Path log = logDir.resolve(name + ".log");
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        RelayProcess relay = new RelayProcess(name, p, log);
        Thread reader = new Thread(relay::readOutput, name + "-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            relay.listening.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            relay.close();
            throw new IOException("relay " + name + " did not start within " + timeout.toSeconds() + " s; its log: " + log + "\n"
                    + tail(log), e);
        } catch (InterruptedException e) {
            relay.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting relay " + name, e);
        }
        return relay;
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                int at = line.indexOf(" listening on ");
                if (at >= 0) {
                    listening.complete(line.substring(at + " listening on ".length()).trim());
                }
            }
        } catch (IOException e) {
            listening.completeExceptionally(e);
        }
        listening.completeExceptionally(new IOException("relay " + name + " ended its output (exit status "
                + (process.isAlive() ? "none yet" : process.exitValue()) + ")"));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** @return the instance's name */
    String name() {
        return name;
    }

    /** @return the instance's base URL */
    String url() {
        return listening.getNow("");
    }

    /** @return the instance's log file */
    Path log() {
        return log;
    }

    /** @return the resident memory of the process in KiB, -1 when unknown */
    long rssKib() {
        return rssKib(process.pid());
    }

    /** @return the CPU time of the process (user and system) in seconds, -1 when unknown */
    double cpuSeconds() {
        return cpuSeconds(process.pid());
    }

    /**
     * Reads {@code VmRSS} of a process.
     *
     * @param pid the process
     * @return its resident memory in KiB, -1 when unknown (not Linux, or gone)
     */
    static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /**
     * Reads the user and system time of a process from {@code /proc/PID/stat}.
     *
     * @param pid the process
     * @return its CPU seconds, -1 when unknown
     */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            // after the name: state is field 3 of the whole line, utime 14 and stime 15
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CLK_TCK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Stops the instance: asks it to end, and kills it when it has not within 10 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
