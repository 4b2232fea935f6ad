package dev.chunking.domain;

/**
 * Identifies a collection of documents, the unit in which sinks store and replace chunks.
 * Not blank, at most 512 chars, no control characters.
 *
 * @param value the identifier as given
 */
public record CollectionId(String value) {
    /**
     * Validates the identifier.
     *
     * @throws InvalidOptionsException if the value is null, blank, too long or has control characters
     */
    public CollectionId {
        Identifiers.check("collection id", value);
    }

    /**
     * Creates a collection id.
     *
     * @param value the identifier
     * @return the id
     */
    public static CollectionId of(String value) {
        return new CollectionId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
