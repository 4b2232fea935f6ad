package dev.chunking.benchmarks.retrieval;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The second table of a retrieval run: each row's recall and IoU minus those of the reference rows
 * measured at the same size and overlap (LangChain4j's recursive splitter, the fixed window, and
 * {@code recursive}, which the goal sets {@code semantic} against), question by question
 * ({@link PairedDifference}), in points, with the standard error of the difference. A difference
 * more than two standard errors from zero is marked {@code *}: the question set establishes it.
 * A column whose reference row was not measured is left out. Stateless.
 */
final class PairedTable {
    /** The reference rows, in column order. */
    static final List<String> REFERENCES = List.of(RetrievalHarness.LANGCHAIN4J, RetrievalHarness.WINDOW, "recursive");

    private PairedTable() {
    }

    /**
     * Prints the table after the main one, if any reference row was measured.
     *
     * @param rows every measured row, in table order
     * @param out where the Markdown goes
     */
    static void print(List<RetrievalHarness.MeasuredRow> rows, PrintStream out) {
        List<String> present = REFERENCES.stream()
                .filter(r -> rows.stream().anyMatch(m -> m.splitter().equals(r)))
                .toList();
        if (present.isEmpty()) {
            return;
        }
        StringBuilder head = new StringBuilder("| splitter | size | overlap |");
        StringBuilder rule = new StringBuilder("|---|--:|--:|");
        for (String metric : List.of("recall", "IoU")) {
            for (String r : present) {
                head.append(' ').append(metric).append(" − ").append(r).append(" |");
                rule.append("--:|");
            }
        }
        out.println();
        out.println("Paired differences in points (this row minus the reference row, question by question, ± standard"
                + " error of the difference; * when more than two standard errors from zero):");
        out.println();
        out.println(head);
        out.println(rule);
        for (RetrievalHarness.MeasuredRow m : rows) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| %s | %s | %d%% |", m.splitter(), m.size(),
                    m.overlapPercent()));
            line.append(cells(m, rows, present, Scores::recall, "%+.1f ± %.1f"));
            line.append(cells(m, rows, present, Scores::iou, "%+.2f ± %.2f"));
            out.println(line);
        }
    }

    private static String cells(RetrievalHarness.MeasuredRow m, List<RetrievalHarness.MeasuredRow> rows, List<String> present,
                                ToDoubleFunction<Scores> metric, String format) {
        List<String> cells = new ArrayList<>();
        for (String r : present) {
            Optional<RetrievalHarness.MeasuredRow> ref = rows.stream()
                    .filter(o -> o.splitter().equals(r) && o.size().equals(m.size()) && o.overlapPercent() == m.overlapPercent())
                    .findFirst();
            if (ref.isEmpty() || r.equals(m.splitter())) {
                cells.add(" — |");
                continue;
            }
            PairedDifference d = PairedDifference.of(m.row().perQuestion(), ref.get().row().perQuestion(), metric);
            cells.add(" " + String.format(Locale.ROOT, format, 100 * d.mean(), 100 * d.standardError())
                    + (d.established() ? " *" : "") + " |");
        }
        return String.join("", cells);
    }
}
