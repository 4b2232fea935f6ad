package dev.chunking.testing;

/** The exact messages of an input limit refused for document {@code d1}, as the tests of every module expect them. */
public final class LimitMessages {
    private LimitMessages() {
    }

    /**
     * The refusal of a document past its byte limit.
     *
     * @param reached the bytes fed
     * @param limit the limit
     * @return the message
     */
    public static String bytesMessage(long reached, long limit) {
        return "document d1: " + reached + " bytes fed, more than the limit of " + limit
                + " bytes (InputLimits.maxDocumentBytes, --max-bytes); raise the limit or split the document";
    }

    /**
     * The refusal of a document past its chunk limit.
     *
     * @param count the chunks made
     * @param limit the limit
     * @return the message
     */
    public static String chunksMessage(long count, long limit) {
        return "document d1: " + count + " chunks made, more than the limit of " + limit
                + " chunks (InputLimits.maxChunks, --max-chunks); raise the limit or split the document";
    }
}
