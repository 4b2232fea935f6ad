package dev.chunking.benchmarks.retrieval;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.chunking.application.Chunking;
import dev.chunking.application.StrategyRegistry;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.SizeUnit;
import dev.chunking.spi.Embedder;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Does the chunking help retrieval? For every splitter (the six strategies, LangChain4j's
 * recursive splitter, a plain fixed window), chunk size and overlap: cuts every document of the
 * {@link QuestionSet}, embeds every chunk and question with one {@link Embedder} (found by name in
 * the registry, as {@code semantic} finds its own: {@code minilm} comes from chunking-embeddings-onnx,
 * on the benchmarks' class path, with the run's thread count), retrieves the
 * top chunks of the whole corpus by cosine similarity for each question, and prints the mean
 * recall, precision and IoU over characters ({@link Scores}) as a Markdown table. Sizes count
 * o200k_base tokens (or code points) for every row alike. {@code semantic} and {@code hybrid}
 * find their meaning shifts with the same embedder; {@code hierarchical} embeds chunks of a
 * third of the size and returns their parents of the row's size. Vectors are cached by text for
 * the whole run. With {@code --read yes} it also prints how much of each row's chunks the model
 * reads ({@link ModelWindow}). Run it through {@code bin/retrieval}. Not thread-safe; a command-line tool.
 */
public final class RetrievalHarness {
    /** The minilm embedder's thread count (chunking-embeddings-onnx's MiniLmOptions). */
    private static final String MINILM_THREADS = "chunking.minilm.threads";

    /** The row of LangChain4j's {@code DocumentSplitters.recursive}. */
    public static final String LANGCHAIN4J = "langchain4j-recursive";
    /** The row of the plain fixed window. */
    public static final String WINDOW = "fixed-window";

    private static final String TABLE_HEAD = "| splitter | size | overlap | chunks | recall (± s.e.) | precision | IoU | retrieved chars |";
    private static final String TABLE_RULE = "|---|--:|--:|--:|--:|--:|--:|--:|";

    private final RetrievalSettings settings;
    private final QuestionSet set;
    private final StrategyRegistry registry;
    private final CachingEmbedder embedder;
    private final Optional<ModelWindow> window;
    private final Encoding o200k = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    /**
     * Prepares a run: loads the question set and finds the embedder.
     *
     * @param settings what to measure
     * @param set the questions and documents
     */
    public RetrievalHarness(RetrievalSettings settings, QuestionSet set) {
        this.settings = settings;
        this.set = set;
        if (System.getProperty(MINILM_THREADS) == null) {
            System.setProperty(MINILM_THREADS, Integer.toString(settings.threads()));
        }
        StrategyRegistry loaded = StrategyRegistry.load();
        List<Embedder> embedders = new ArrayList<>(loaded.embedders());
        Embedder chosen = StrategyRegistry.of(List.of(), List.of(), embedders).embedder(settings.embedder());
        this.window = ModelWindow.of(chosen);
        CachingEmbedder cached = new CachingEmbedder(chosen);
        this.embedder = cached;
        embedders.replaceAll(e -> e == chosen ? cached : e);
        this.registry = StrategyRegistry.of(loaded.strategies(), loaded.tokenCounters(), embedders);
    }

    /**
     * Runs the benchmark and prints the table on standard output, progress on standard error.
     *
     * @param args see {@link RetrievalSettings#USAGE}
     */
    public static void main(String[] args) {
        RetrievalSettings settings;
        try {
            settings = RetrievalSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("retrieval: " + e.getMessage());
            System.exit(2);
            return;
        }
        new RetrievalHarness(settings, QuestionSet.load()).run(System.out, System.err);
    }

    /**
     * Measures every row and prints the table.
     *
     * @param out where the Markdown goes
     * @param progress where a line per row goes
     */
    public void run(PrintStream out, PrintStream progress) {
        long t0 = System.nanoTime();
        List<float[]> questionVectors = embedder.embed(set.questions().stream().map(Question::question).toList());
        out.println(header());
        out.println();
        out.println(TABLE_HEAD);
        out.println(TABLE_RULE);
        List<MeasuredRow> measured = new ArrayList<>();
        List<String> reads = new ArrayList<>();
        for (int percent : settings.overlaps()) {
            for (int size : settings.sizes()) {
                for (String name : settings.splitters()) {
                    long t = System.nanoTime();
                    long before = embedder.embeddedTexts();
                    List<RetrievalUnit> units = units(splitter(name, size, RetrievalSettings.overlapOf(size, percent)));
                    Row row = measure(units, questionVectors);
                    MeasuredRow m = new MeasuredRow(name, Integer.toString(size), percent, row);
                    measured.add(m);
                    if (settings.read() && window.isPresent()) {
                        ModelWindow.Reach r = window.get().measure(units, set);
                        reads.add(String.format(Locale.ROOT, "| %s | %d | %d%% | %d | %.0f %% | %.1f %% |", name, size, percent,
                                r.units(), 100.0 * r.longer() / Math.max(1, r.units()), 100 * r.referenceRead()));
                    }
                    out.println(line(m));
                    out.flush();
                    progress.printf(Locale.ROOT, "[retrieval] %s size %d overlap %d%%: %d chunks, %d newly embedded, %.1f s%n",
                            name, size, percent, row.chunks(), embedder.embeddedTexts() - before, (System.nanoTime() - t) / 1e9);
                }
            }
        }
        PairedTable.print(measured, out);
        if (settings.means() && settings.sizes().size() > 1) {
            List<MeasuredRow> means = SizeMeans.of(measured);
            out.println();
            out.println("Each row's scores averaged over the sizes, question by question (chunks: their mean count):");
            out.println();
            out.println(TABLE_HEAD);
            out.println(TABLE_RULE);
            means.forEach(m -> out.println(line(m)));
            PairedTable.print(means, out);
        }
        if (settings.read()) {
            out.println();
            if (window.isEmpty()) {
                out.println("--read: the embedder `" + embedder.name() + "` does not say how much of a text it reads");
            } else {
                out.println("What the model reads: units longer than it reads (it embeds their start only), and the share of the"
                        + " reference text inside a part of some unit that it reads:");
                out.println();
                out.println("| splitter | size | overlap | units | longer than read | reference text read |");
                out.println("|---|--:|--:|--:|--:|--:|");
                reads.forEach(out::println);
            }
        }
        progress.printf(Locale.ROOT, "[retrieval] %d texts embedded in all, %.0f s%n", embedder.embeddedTexts(),
                (System.nanoTime() - t0) / 1e9);
    }

    /** A line of the main table. */
    private static String line(MeasuredRow m) {
        Row row = m.row();
        return String.format(Locale.ROOT, "| %s | %s | %d%% | %d | %.1f ± %.1f %% | %.2f %% | %.2f %% | %.0f |", m.splitter(), m.size(),
                m.overlapPercent(), row.chunks(), 100 * row.scores().recall(), 100 * row.recallError(),
                100 * row.scores().precision(), 100 * row.scores().iou(), row.scores().retrieved());
    }

    /**
     * One row's result.
     *
     * @param chunks units indexed (embedded) over all documents
     * @param scores the mean scores over the questions
     * @param recallError the standard error of the mean recall
     * @param perQuestion each question's scores, in question-set order
     */
    record Row(int chunks, Scores scores, double recallError, List<Scores> perQuestion) {
        Row {
            perQuestion = List.copyOf(perQuestion);
        }
    }

    /**
     * A row of the table with its settings.
     *
     * @param splitter the row's splitter name
     * @param size the chunk size as the table shows it: a number, or the range a mean covers
     * @param overlapPercent the overlap, in percent of the size
     * @param row what was measured
     */
    record MeasuredRow(String splitter, String size, int overlapPercent, Row row) {
    }

    /** Cuts every document of the set, in set order. */
    List<RetrievalUnit> units(Splitter splitter) {
        List<RetrievalUnit> units = new ArrayList<>();
        for (SourceText doc : set.documents().values()) {
            units.addAll(splitter.split(doc));
        }
        return units;
    }

    Row measure(List<RetrievalUnit> units, List<float[]> questionVectors) {
        List<String> texts = new ArrayList<>(units.size());
        for (RetrievalUnit u : units) {
            texts.add(set.documents().get(u.document()).slice(u.embedded()));
        }
        VectorIndex index = new VectorIndex(units, embedder.embed(texts));
        List<Scores> scores = new ArrayList<>();
        for (int i = 0; i < set.questions().size(); i++) {
            scores.add(Scores.of(set.questions().get(i), index.top(questionVectors.get(i), settings.top())));
        }
        return new Row(units.size(), Scores.mean(scores), Scores.recallStandardError(scores), scores);
    }

    /**
     * Builds one row's splitter.
     *
     * @param name a name of {@link RetrievalSettings#ALL_SPLITTERS}
     * @param size the chunk size
     * @param overlap the overlap, in the same unit
     * @return the splitter
     */
    Splitter splitter(String name, int size, int overlap) {
        switch (name) {
            case LANGCHAIN4J:
                // an o200k token is rarely longer than 32 characters: a generous bound for the aligner
                return new LangChain4jSplitter(name, settings.tokens()
                        ? DocumentSplitters.recursive(size, overlap, new JtokkitTokenCountEstimator(o200k))
                        : DocumentSplitters.recursive(size, overlap), settings.tokens() ? 32 * overlap : overlap);
            case WINDOW:
                return new TokenWindowSplitter(name, size, overlap, settings.tokens() ? o200k : null);
            case "hierarchical":
                int finest = Math.max(1, size / 3); // a quarter lost recall at 200 tokens with a 50 % overlap (docs/retrieval.md)
                ChunkingOptions levels = options(size, overlap * finest / size)
                        .parameter("levels", size + "," + finest).build();
                return LibrarySplitter.smallToBig(name, Chunking.of(registry, name, levels));
            case "semantic":
            case "hybrid":
                return LibrarySplitter.chunks(name, Chunking.of(registry, name,
                        options(size, overlap).parameter("embedder", settings.embedder()).build()));
            default:
                return LibrarySplitter.chunks(name, Chunking.of(registry, name, options(size, overlap).build()));
        }
    }

    private ChunkingOptions.Builder options(int size, int overlap) {
        ChunkingOptions.Builder b = ChunkingOptions.builder().maxSize(size).overlap(overlap);
        return settings.tokens() ? b.unit(SizeUnit.TOKENS).tokenCounter("o200k_base") : b;
    }

    private String header() {
        long bytes = 0;
        for (SourceText doc : set.documents().values()) {
            bytes += doc.text().getBytes(StandardCharsets.UTF_8).length;
        }
        return String.format(Locale.ROOT, "Retrieval over %d questions, %d documents (%d KB); top %d chunks of the whole corpus by"
                        + " cosine similarity; embedder `%s` (%s); sizes in %s; Java %s", set.questions().size(),
                set.documents().size(), bytes / 1024, settings.top(), embedder.name(), embedder.description(),
                settings.tokens() ? "o200k_base tokens" : "code points", System.getProperty("java.version"));
    }
}
