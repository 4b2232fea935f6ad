package dev.chunking.benchmarks.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Computes the reference ranges of the question set from its quotes, and writes them back: the
 * script behind {@code questions.jsonl}. Each quote must occur exactly once in its document
 * (whitespace and line breaks included), so its range is unambiguous; a question without an id gets
 * {@code <document stem>-<nn>}. Run it after adding or editing questions:
 *
 * <pre>{@code
 * java -cp chunking-benchmarks/target/benchmarks.jar dev.chunking.benchmarks.retrieval.QuestionRanges \
 *     chunking-benchmarks/src/main/resources/retrieval
 * }</pre>
 *
 * <p>{@code QuestionSetTest} checks in {@code mvn verify} that the committed ranges are what this
 * computes. Not thread-safe; a command-line tool.
 */
public final class QuestionRanges {
    private QuestionRanges() {
    }

    /**
     * Rewrites {@code DIR/questions.jsonl} with ranges computed from its quotes.
     *
     * @param args the set's directory (default {@code chunking-benchmarks/src/main/resources/retrieval})
     */
    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "chunking-benchmarks/src/main/resources/" + QuestionSet.RESOURCE_DIR);
        Path file = dir.resolve(QuestionSet.QUESTIONS);
        try {
            List<QuestionSet.Draft> drafts = QuestionSet.parseDrafts(Files.readString(file, StandardCharsets.UTF_8));
            Map<String, SourceText> documents = new HashMap<>();
            for (QuestionSet.Draft d : drafts) {
                if (!documents.containsKey(d.document())) {
                    Path path = dir.resolve(QuestionSet.DOCUMENTS).resolve(d.document());
                    documents.put(d.document(), new SourceText(d.document(), Files.readString(path, StandardCharsets.UTF_8)));
                }
            }
            List<Question> questions = resolve(drafts, documents);
            StringBuilder out = new StringBuilder();
            for (Question q : questions) {
                out.append(QuestionSet.toLine(q)).append('\n');
            }
            Files.writeString(file, out, StandardCharsets.UTF_8);
            System.out.println(questions.size() + " questions over " + documents.size() + " documents written to " + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Computes every draft's ranges from its quotes, and numbers those without an id.
     *
     * @param drafts question lines as written
     * @param documents every document they name, by file name
     * @return the questions with their ranges
     * @throws IllegalArgumentException naming the question of a quote that is missing or ambiguous,
     *     or of a document that is not given
     */
    static List<Question> resolve(List<QuestionSet.Draft> drafts, Map<String, SourceText> documents) {
        Map<String, Integer> counts = new HashMap<>();
        List<Question> out = new ArrayList<>();
        for (QuestionSet.Draft d : drafts) {
            SourceText doc = documents.get(d.document());
            if (doc == null) {
                throw new IllegalArgumentException("question \"" + d.question() + "\" names document " + d.document()
                        + ", which is not in " + QuestionSet.DOCUMENTS + "/");
            }
            int n = counts.merge(d.document(), 1, Integer::sum);
            String id = d.id() != null ? d.id() : String.format(Locale.ROOT, "%s-%02d", stem(d.document()), n);
            List<Span> ranges = new ArrayList<>();
            for (String quote : d.quotes()) {
                try {
                    ranges.add(doc.find(quote));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("question " + id + ": " + e.getMessage(), e);
                }
            }
            out.add(new Question(id, d.question(), d.document(), d.quotes(), ranges));
        }
        return out;
    }

    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
