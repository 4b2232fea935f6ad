package dev.chunking.cli;

import dev.chunking.application.Chunking;
import dev.chunking.application.StrategyRegistry;
import dev.chunking.domain.CheckpointMismatchException;
import dev.chunking.domain.ChunkingException;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.domain.MalformedInputException;
import dev.chunking.domain.ResumeUnsupportedException;
import dev.chunking.domain.UnknownPluginException;
import dev.chunking.spi.CheckpointStore;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.ChunkingStrategy;
import dev.chunking.streaming.ByteSource;
import dev.chunking.streaming.StreamResult;
import dev.chunking.streaming.StreamingChunker;
import dev.chunking.streaming.guard.PathGuard;
import dev.chunking.streaming.guard.PathRefusedException;
import dev.chunking.streaming.operation.OperationOptions;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The {@code chunk} command. Reads each input as a stream in 64 KiB reads (never the whole
 * file), chunks it, and writes JSON lines, offsets or statistics. Exit status 0 on success, 2
 * for bad usage or refused input with one line on stderr saying what to fix, 1 for a failure
 * while running, 141 (128 + SIGPIPE, as shells report a program that signal ended) with nothing on
 * stderr when standard output is a pipe whose reader has gone ({@code chunk big.txt | head}). An {@code --out} file is replaced only when the whole run succeeds. The first
 * argument may name another command: {@code preview} ({@link PreviewCommand}), {@code compare}
 * ({@link CompareCommand}), {@code health} ({@link HealthCommand}), {@code watch} ({@link WatchCommand});
 * {@code strategies} alone lists the strategies. With {@code --store URL} the chunks go to PostgreSQL
 * instead ({@link StoreCommand}); with {@code --redis URL --operation ID} the run's progress events are
 * published through Redis ({@link PublishedRun}).
 */
public final class Main {
    /** Inputs at least this large get a progress bar when stderr is a terminal. */
    static final long PROGRESS_THRESHOLD = 16L << 20;

    private final InputStream stdin;
    private final StandardOutput stdout;
    private final PrintStream stderr;
    private final LongSupplier nanoClock;
    private final boolean stderrIsTerminal;
    private final Supplier<StrategyRegistry> registry;
    /** During a run with {@code --base}: the checked source of each FILE, opened along its checked real path. */
    private Map<String, ByteSource> guarded = Map.of();
    /** During a run with {@code --redis}: the run that publishes its progress events, else null. */
    private PublishedRun published;

    /**
     * Creates the command with its streams and clock, so tests can run it in-process.
     *
     * @param stdin standard input
     * @param stdout standard output
     * @param stderr standard error
     * @param nanoClock monotonic nanoseconds for rates and the progress bar
     * @param stderrIsTerminal whether stderr is a terminal
     */
    public Main(InputStream stdin, OutputStream stdout, PrintStream stderr, LongSupplier nanoClock, boolean stderrIsTerminal) {
        this(stdin, stdout, stderr, nanoClock, stderrIsTerminal, () -> registry(Main.class.getClassLoader(), stderr));
    }

    /**
     * The strategies, token counters and embedders a class loader provides. A provider that
     * cannot be loaded (a plugin jar's {@code META-INF/services} entry whose class is missing, or
     * whose constructor throws) is skipped with one warning line on stderr naming the class and the
     * jar; every command, {@code --help} included, still runs with the others.
     */
    static StrategyRegistry registry(ClassLoader loader, PrintStream stderr) {
        return StrategyRegistry.load(loader, problem -> stderr.println("chunk: warning: " + problem));
    }

    /**
     * Same, with the strategies, token counters and embedders to choose from, so tests can add
     * their own; the parameter options and the help come from these strategies' descriptors.
     */
    Main(InputStream stdin, OutputStream stdout, PrintStream stderr, LongSupplier nanoClock, boolean stderrIsTerminal,
         Supplier<StrategyRegistry> registry) {
        this.registry = registry; // a supplier: loading runs inside run(), whose errors become one line and an exit status
        this.stdin = stdin;
        this.stdout = new StandardOutput(stdout); // notices a closed pipe, whichever command writes
        this.stderr = stderr;
        this.nanoClock = nanoClock;
        this.stderrIsTerminal = stderrIsTerminal;
    }

    /**
     * Runs the command and exits with its status. {@code bin/chunk} sets the system property
     * {@code chunk.stderr.tty} to tell whether stderr is a terminal.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        boolean tty = Boolean.parseBoolean(System.getProperty("chunk.stderr.tty", String.valueOf(System.console() != null)));
        System.exit(new Main(System.in, out, System.err, System::nanoTime, tty).run(args));
    }

    /**
     * Runs the command.
     *
     * @param args the command line
     * @return the exit status: 0, 1, 2, or 141 when standard output is a closed pipe
     */
    public int run(String... args) {
        try {
            StrategyRegistry plugins = registry.get(); // its strategies' descriptors make the parameter options
            if (args.length > 0 && args[0].equals(HealthCommand.NAME)) {
                new HealthCommand(stdout).run(List.of(args).subList(1, args.length));
                return 0;
            }
            if (args.length > 0 && args[0].equals(WatchCommand.NAME)) {
                new WatchCommand(stdout).run(List.of(args).subList(1, args.length));
                return 0;
            }
            RedisArguments.Split redis = RedisArguments.split(List.of(args)); // --redis and its options
            StoreArguments.Split split = StoreArguments.split(redis.rest().toArray(String[]::new)); // --store and its options
            Arguments arguments = Arguments.parse(plugins.strategies(), split.rest().toArray(String[]::new));
            split.store().ifPresent(store -> store.check(arguments.command()));
            redis.redis().ifPresent(r -> r.check(arguments.command(), arguments.files()));
            switch (arguments.command()) {
                case "help" -> {
                    stdout.write((Arguments.usage(plugins.strategies()) + "\n").getBytes(StandardCharsets.UTF_8));
                    stdout.flush();
                }
                case "strategies" -> listStrategies(plugins);
                case "preview" -> new PreviewCommand(stdout, stderr, nanoClock).run(chunking(plugins, arguments), arguments);
                case "compare" -> new CompareCommand(stdout, stderr, plugins).run(arguments);
                default -> {
                    return chunkAll(plugins, arguments, split.store().orElse(null), redis.redis().orElse(null));
                }
            }
            return 0;
        } catch (UsageException | InvalidOptionsException | UnknownPluginException | MalformedInputException
                 | CheckpointMismatchException | ResumeUnsupportedException | PathRefusedException e) {
            stderr.println("chunk: " + e.getMessage());
            return 2;
        } catch (ChunkingException e) {
            if (stdout.closedPipe()) {
                return StandardOutput.CLOSED_PIPE_STATUS; // the reader went away, however the failure was wrapped: stop quietly
            }
            stderr.println("chunk: " + e.getMessage());
            return 1;
        } catch (IOException | UncheckedIOException e) {
            if (stdout.closedPipe()) {
                return StandardOutput.CLOSED_PIPE_STATUS;
            }
            IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            stderr.println("chunk: failed while running: " + cause);
            return 1;
        } catch (RuntimeException e) {
            if (stdout.closedPipe()) {
                return StandardOutput.CLOSED_PIPE_STATUS;
            }
            stderr.println("chunk: failed while running: " + e); // e.g. a plugin's bug: one line, no stack trace
            return 1;
        } catch (OutOfMemoryError e) {
            // bin/chunk caps the heap at what the default options need; options such as a huge --size can need more.
            // The arrays that filled the heap are unreachable once the stack unwound, so printing is safe here.
            stderr.println(outOfMemory(Runtime.getRuntime().maxMemory()));
            return 2;
        }
    }

    /**
     * The one line for a run that ran out of heap: the heap it had, and a larger one to give it.
     *
     * @param maxHeapBytes the JVM's maximum heap ({@link Runtime#maxMemory()})
     * @return the message, naming {@code JAVA_OPTS=-Xmx...} with at least four times that heap
     */
    static String outOfMemory(long maxHeapBytes) {
        long mebibytes = Math.max(1, (maxHeapBytes + (1 << 20) - 1) >> 20);
        long suggested = Math.max(256, Long.highestOneBit(mebibytes * 2 - 1) * 4);
        return "chunk: out of memory: these options need more than the Java heap of " + mebibytes
                + " MB (a large --size, --levels or --batch-size holds that much text at once); raise it, e.g. JAVA_OPTS=-Xmx"
                + suggested + "m";
    }

    private void listStrategies(StrategyRegistry plugins) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (ChunkingStrategy strategy : plugins.strategies()) {
            lines.append(strategy.name()).append('\t').append(strategy.description()).append('\n');
        }
        stdout.write(lines.toString().getBytes(StandardCharsets.UTF_8));
        stdout.flush();
    }

    /** The strategy and options of {@code --strategy} and the other options, for chunk and preview. */
    private static Chunking chunking(StrategyRegistry plugins, Arguments arguments) {
        // refuses a parameter the strategy does not read, or a value its descriptor does not accept (exit 2, one line)
        return Chunking.of(plugins, arguments.strategy(), arguments.options());
    }

    /** Chunks every file; returns 2 when {@code --base} refused some (each reported on its own line), else 0. */
    private int chunkAll(StrategyRegistry plugins, Arguments given, StoreArguments store, RedisArguments redis) throws IOException {
        Chunking chunking = chunking(plugins, given);
        if (given.files().stream().filter("-"::equals).count() > 1) {
            throw new UsageException("standard input (-) can be read only once; name it once");
        }
        Arguments arguments = given;
        int refused = 0;
        if (given.base().isPresent()) {
            PathGuard guard = guard(given);
            guard.checkPathCount(given.files().size());
            Map<String, ByteSource> sources = new LinkedHashMap<>();
            for (String file : given.files()) {
                try {
                    ByteSource source = file.equals("-") ? null : ByteSource.of(guard.source(file)); // the guard first: it escapes what it shows
                    checkDocumentId(file);
                    sources.put(file, source);
                } catch (PathRefusedException e) {
                    stderr.println("chunk: " + e.getMessage()); // names the argument and the rule, never a link's target
                    refused++;
                }
            }
            if (sources.isEmpty()) {
                return 2;
            }
            guarded = sources;
            arguments = withFiles(given, List.copyOf(sources.keySet()));
        } else {
            for (String file : given.files()) {
                checkReadable(file);
            }
        }
        published = redis == null ? null : PublishedRun.open(redis, stderr); // after the usage checks: exit 2 comes first
        try (PublishedRun closing = published) {
            if (store != null) {
                new StoreCommand(this, stdout, nanoClock).run(chunking, arguments, store);
            } else {
                chunkFiles(chunking, arguments, Arguments.parameterOptions(plugins.strategies()));
            }
        } finally {
            guarded = Map.of();
            published = null;
        }
        return refused > 0 ? 2 : 0;
    }

    private static Arguments withFiles(Arguments a, List<String> files) {
        return new Arguments(a.command(), a.strategy(), a.options(), a.format(), a.out(), a.progress(), files, a.checkpoint(),
                a.settings(), a.chunks(), a.bytes(), a.strategies(), a.base());
    }

    private void chunkFiles(Chunking chunking, Arguments arguments, StrategyParameters parameterOptions) throws IOException {
        if (arguments.out().isEmpty()) {
            OutputStream out = new BufferedOutputStream(stdout, 1 << 16);
            chunkInto(chunking, arguments, out);
            out.flush();
            return;
        }
        Path target = Path.of(arguments.out().get()).toAbsolutePath();
        Path directory = target.getParent();
        if (directory == null) {
            throw new UsageException("cannot write --out " + arguments.out().get() + ": it is a file system root; name a file");
        }
        if (!Files.isDirectory(directory)) {
            throw new UsageException("cannot write --out " + arguments.out().get() + ": directory " + directory
                    + " does not exist; create it first");
        }
        if (Files.isDirectory(target)) {
            throw new UsageException("cannot write --out " + shown(arguments.out().get()) + ": it is a directory; give a file,"
                    + " e.g. --out " + shown(arguments.out().get()) + "/chunks.jsonl");
        }
        if (arguments.checkpoint().isPresent()) {
            if (Files.isDirectory(Path.of(arguments.checkpoint().get()))) {
                throw new UsageException("cannot use --checkpoint " + shown(arguments.checkpoint().get()) + ": it is a directory;"
                        + " give a file, e.g. --checkpoint " + shown(arguments.checkpoint().get()) + "/run.checkpoint");
            }
            if (!chunking.strategy().resumable()) {
                throw new UsageException("strategy '" + chunking.strategy().name() + "' cannot resume from a checkpoint;"
                        + " run it without --checkpoint");
            }
            new CheckpointedRun(this, chunking, arguments, parameterOptions).run();
            return;
        }
        AtomicOutput output = new AtomicOutput(target);
        try {
            chunkInto(chunking, arguments, output.stream());
            output.commit();
        } finally {
            output.discardUnlessCommitted();
        }
    }

    /** A path as given, on one line. */
    private static String shown(String path) {
        return path.replaceAll("\\p{Cntrl}", "?");
    }

    /** Refuses, as usage, an input that is not {@code -} and cannot be a document id or cannot be read. */
    static void checkReadable(String file) {
        if (file.equals("-")) {
            return;
        }
        checkDocumentId(file);
        checkFile(file);
    }

    /** Refuses, as usage, an input that is not {@code -} and cannot be a document id. */
    static void checkDocumentId(String file) {
        if (file.equals("-")) {
            return;
        }
        try {
            DocumentId.of(file);
        } catch (InvalidOptionsException e) {
            throw new UsageException("cannot use " + file.replaceAll("\\p{Cntrl}", "?") + " as a document id: " + e.getMessage()
                    + "; rename the file or name it by a shorter path");
        }
    }

    /** The guard of {@code --base}; a base that is not a readable directory is bad usage. */
    static PathGuard guard(Arguments arguments) {
        String base = arguments.base().orElseThrow();
        try {
            return PathGuard.of(Path.of(base));
        } catch (InvalidOptionsException | InvalidPathException e) {
            throw new UsageException("--base " + base.replaceAll("\\p{Cntrl}", "?") + " is not a readable directory; give the"
                    + " directory the files are named in");
        }
    }

    /**
     * The document a FILE argument names: through the guard of {@code --base} when given (a
     * refusal is a {@link PathRefusedException}), else the file itself once {@link #checkFile} passed.
     */
    static ByteSource fileSource(Arguments arguments, String file) {
        if (arguments.base().isPresent()) {
            return ByteSource.of(guard(arguments).source(file));
        }
        checkFile(file);
        return ByteSource.file(Path.of(file));
    }

    /** Refuses, as usage, a path that does not exist, is a directory or cannot be read. */
    static void checkFile(String file) {
        String shown = file.replaceAll("\\p{Cntrl}", "?"); // the message stays on one line
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            throw new UsageException("cannot read " + shown + ": not a valid path (" + e.getReason() + "); check the path");
        }
        if (!Files.exists(path)) {
            throw new UsageException("cannot read " + shown + ": no such file; check the path");
        }
        if (Files.isDirectory(path)) {
            throw new UsageException("cannot read " + shown + ": it is a directory; name the files in it");
        }
        if (!Files.isReadable(path)) {
            throw new UsageException("cannot read " + shown + ": permission denied; check its permissions");
        }
    }

    private void chunkInto(Chunking chunking, Arguments arguments, OutputStream out) throws IOException {
        ChunkWriter writer = new ChunkWriter(arguments.format(), out);
        if (arguments.format() == OutputFormat.STATS) {
            for (String file : arguments.files()) {
                ChunkStats stats = new ChunkStats(arguments.options().unit().label());
                long started = nanoClock.getAsLong();
                StreamResult result = runOne(chunking, arguments, file, writer, stats, null, null);
                stats.bytes(result.bytes());
                writer.summary(file, stats, (nanoClock.getAsLong() - started) / 1e9);
            }
            return;
        }
        // one line per chunk (and no summary): formatted and written on a second thread while the chunker goes on
        BackgroundWriter background = new BackgroundWriter(writer);
        try {
            for (String file : arguments.files()) {
                ChunkSink sink = chunk -> {
                    try {
                        background.write(chunk);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                };
                runOne(chunking, arguments, file, new RunTarget(StreamingChunker.DEFAULT_COLLECTION, sink, null, null,
                        OperationOptions.defaults()));
            }
        } catch (IOException | RuntimeException e) {
            try {
                background.finish(); // the chunks made before the failure are written, as they always were
            } catch (IOException | RuntimeException also) {
                e.addSuppressed(also);
            }
            throw e;
        }
        background.finish();
    }

    /** Chunks one input through the streaming runner, with a checkpoint store when given. */
    StreamResult runOne(Chunking chunking, Arguments arguments, String file, ChunkWriter writer, ChunkStats stats,
                        CheckpointStore store, Supplier<Map<String, String>> attributes) throws IOException {
        ChunkSink sink = chunk -> {
            stats.add(chunk);
            try {
                writer.write(chunk);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        return runOne(chunking, arguments, file, new RunTarget(StreamingChunker.DEFAULT_COLLECTION, sink, store, attributes,
                OperationOptions.defaults()));
    }

    /**
     * Where one run's chunks and checkpoints go: the collection of its checkpoints, the sink, the
     * checkpoint store (or null) and the host's checkpoint attributes (or null), and the runner's options.
     */
    record RunTarget(CollectionId collection, ChunkSink sink, CheckpointStore store, Supplier<Map<String, String>> attributes,
                     OperationOptions options) {
    }

    /**
     * Chunks one input (a FILE argument: {@code -}, a file, or a file {@code --base} checked) through
     * the streaming runner into a target; the document id is the FILE as given, {@code stdin} for {@code -}.
     */
    StreamResult runOne(Chunking chunking, Arguments arguments, String file, RunTarget target) throws IOException {
        boolean isStdin = file.equals("-");
        ByteSource source = isStdin ? ByteSource.stream("stdin", new FilterInputStream(stdin) {
            @Override
            public void close() {
                // standard input belongs to the process, not to this file
            }
        }) : arguments.base().isPresent() ? Objects.requireNonNull(guarded.get(file), "a FILE the guard did not check")
                : ByteSource.file(Path.of(file));
        if (!isStdin) {
            InputErrors.checkText(file, source, arguments.options().malformedInput());
        }
        long size = isStdin ? -1 : source.size().orElse(-1);
        ProgressBar bar = showProgress(arguments, size) ? new ProgressBar(stderr, nanoClock, file, size) : null;
        // --max-bytes, --max-chunks and --max-metadata-bytes are the options' input limits, which the chunker enforces
        StreamingChunker runner = new StreamingChunker(chunking, target.options());
        ByteSource read = bar == null ? source : new ProgressSource(source, bar);
        StreamResult result = InputErrors.reading(file, () -> published != null
                ? published.run(chunking, target, documentId(file), read) // --redis: the same run, publishing its events
                : runner.run(target.collection(), documentId(file), read, target.sink(), target.store(),
                        target.attributes() == null ? Map::of : target.attributes()));
        if (bar != null) {
            bar.finish(result.bytes());
        }
        return result;
    }

    /** The document id of a FILE argument: the FILE as given, {@code stdin} for {@code -}. */
    static DocumentId documentId(String file) {
        return DocumentId.of(file.equals("-") ? "stdin" : file);
    }

    private boolean showProgress(Arguments arguments, long size) {
        return arguments.progress().orElse(stderrIsTerminal && (size < 0 || size >= PROGRESS_THRESHOLD));
    }
}
