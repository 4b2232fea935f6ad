package dev.chunking.domain;

/**
 * Identifies one document within a collection, for example a file name or a database key.
 * Not blank, at most 512 chars, no control characters.
 *
 * @param value the identifier as given
 */
public record DocumentId(String value) {
    /**
     * Validates the identifier.
     *
     * @throws InvalidOptionsException if the value is null, blank, too long or has control characters
     */
    public DocumentId {
        Identifiers.check("document id", value);
    }

    /**
     * Creates a document id.
     *
     * @param value the identifier
     * @return the id
     */
    public static DocumentId of(String value) {
        return new DocumentId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
