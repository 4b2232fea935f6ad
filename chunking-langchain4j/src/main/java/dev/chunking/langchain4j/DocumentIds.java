package dev.chunking.langchain4j;

import dev.chunking.domain.DocumentId;
import dev.chunking.domain.InvalidOptionsException;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.Metadata;
import java.util.function.Function;

/**
 * The document id a splitter stamps on the chunks of a LangChain4j {@code Document} (it is part of
 * the {@code hierarchical} strategy's chunk ids). Stateless and thread-safe.
 */
final class DocumentIds {
    /** The id of a document whose metadata names it nowhere. */
    static final String FALLBACK = "document";

    private DocumentIds() {
    }

    /**
     * The default: the document's {@code url} metadata (set by LangChain4j's URL loader), else its
     * {@code absolute_directory_path} and {@code file_name} joined by {@code /} (the file-system
     * loader's), else its {@code file_name}, the first that is a valid {@link DocumentId}
     * (not blank, at most 512 chars, no control characters); else {@value #FALLBACK}.
     */
    static String fromMetadata(Document document) {
        Metadata metadata = document.metadata();
        String url = string(metadata, Document.URL);
        if (valid(url)) {
            return url;
        }
        String file = string(metadata, Document.FILE_NAME);
        String directory = string(metadata, Document.ABSOLUTE_DIRECTORY_PATH);
        if (file != null && directory != null) {
            String path = directory.endsWith("/") || directory.endsWith("\\") ? directory + file : directory + "/" + file;
            if (valid(path)) {
                return path;
            }
        }
        return valid(file) ? file : FALLBACK;
    }

    /**
     * Applies the configured function and checks its result.
     *
     * @throws InvalidOptionsException naming the value and the setting when it is not a valid document id
     */
    static DocumentId of(Function<Document, String> function, Document document) {
        String value = function.apply(document);
        try {
            return DocumentId.of(value);
        } catch (InvalidOptionsException e) {
            throw new InvalidOptionsException("the documentId function of the ChunkingDocumentSplitter gave an invalid id: "
                    + e.getMessage() + "; make it return 1 to 512 chars without control characters");
        }
    }

    private static String string(Metadata metadata, String key) {
        Object value = metadata.toMap().get(key);
        return value instanceof String s ? s : null;
    }

    /** Whether core takes the value for a document id; the rule is core's, so it is asked rather than repeated. */
    private static boolean valid(String value) {
        if (value == null) {
            return false;
        }
        try {
            DocumentId.of(value);
            return true;
        } catch (InvalidOptionsException e) {
            return false;
        }
    }
}
