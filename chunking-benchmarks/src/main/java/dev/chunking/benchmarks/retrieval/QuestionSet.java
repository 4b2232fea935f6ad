package dev.chunking.benchmarks.retrieval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The question set and its documents, as committed under {@code src/main/resources/retrieval/}:
 * {@code questions.jsonl} (one JSON object a line: {@code id}, {@code question}, {@code document},
 * {@code quotes}, {@code ranges} as {@code [start, end]} code-point pairs) and the documents in
 * {@code documents/} (UTF-8), whose origins and licences {@code SOURCES.md} lists. Immutable and
 * thread-safe.
 *
 * @param questions every question, in file order
 * @param documents every document the questions name, by file name, in order of first mention
 */
public record QuestionSet(List<Question> questions, Map<String, SourceText> documents) {
    /** Where the set lives on the class path (and under {@code src/main/resources}). */
    public static final String RESOURCE_DIR = "retrieval";
    /** The question file's name. */
    public static final String QUESTIONS = "questions.jsonl";
    /** The documents' directory, inside {@link #RESOURCE_DIR}. */
    public static final String DOCUMENTS = "documents";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Copies the lists.
     */
    public QuestionSet {
        questions = List.copyOf(questions);
        documents = Collections.unmodifiableMap(new LinkedHashMap<>(documents));
    }

    /**
     * Loads the committed set from the class path.
     *
     * @return the questions and every document they name
     * @throws IllegalArgumentException if a line is not a question, or names a missing document
     */
    public static QuestionSet load() {
        String jsonl = new String(resource(RESOURCE_DIR + "/" + QUESTIONS), StandardCharsets.UTF_8);
        List<Question> questions = parse(jsonl);
        Map<String, SourceText> documents = new LinkedHashMap<>();
        for (Question q : questions) {
            documents.computeIfAbsent(q.document(), name -> new SourceText(name,
                    new String(resource(RESOURCE_DIR + "/" + DOCUMENTS + "/" + name), StandardCharsets.UTF_8)));
        }
        return new QuestionSet(questions, documents);
    }

    /**
     * Parses question lines, each with its ranges; blank lines are skipped.
     *
     * @param jsonl JSON lines
     * @return the questions
     * @throws IllegalArgumentException naming the line of one that is not a complete question
     */
    static List<Question> parse(String jsonl) {
        List<Question> out = new ArrayList<>();
        for (Draft d : parseDrafts(jsonl)) {
            out.add(new Question(d.id(), d.question(), d.document(), d.quotes(), d.ranges()));
        }
        return out;
    }

    /**
     * A question line as written, before its ranges are checked.
     *
     * @param id the id, or {@code null} when the line has none yet
     * @param question the question
     * @param document the document's file name
     * @param quotes the quotes
     * @param ranges the ranges, empty when the line has none
     */
    record Draft(String id, String question, String document, List<String> quotes, List<Span> ranges) {
    }

    /**
     * Reads question lines without checking their ranges.
     *
     * @param jsonl JSON lines
     * @return one draft per non-blank line
     */
    static List<Draft> parseDrafts(String jsonl) {
        List<Draft> out = new ArrayList<>();
        int lineNumber = 0;
        for (String line : jsonl.split("\n", -1)) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                List<String> quotes = new ArrayList<>();
                node.path("quotes").forEach(q -> quotes.add(q.asText()));
                List<Span> ranges = new ArrayList<>();
                node.path("ranges").forEach(r -> ranges.add(new Span(r.get(0).asInt(), r.get(1).asInt())));
                out.add(new Draft(node.hasNonNull("id") ? node.get("id").asText() : null, node.path("question").asText(),
                        node.path("document").asText(), quotes, ranges));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(QUESTIONS + " line " + lineNumber + " is not a question: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /**
     * Writes one question as the single JSON line the file holds.
     *
     * @param q the question
     * @return the line, without a line break
     */
    static String toLine(Question q) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", q.id());
        fields.put("question", q.question());
        fields.put("document", q.document());
        fields.put("quotes", q.quotes());
        List<int[]> ranges = new ArrayList<>();
        for (Span s : q.ranges()) {
            ranges.add(new int[] {s.start(), s.end()});
        }
        fields.put("ranges", ranges);
        try {
            return JSON.writeValueAsString(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] resource(String path) {
        try (InputStream in = QuestionSet.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + path + " on the class path; the question set lives in"
                        + " chunking-benchmarks/src/main/resources/" + RESOURCE_DIR);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
