package dev.chunking.redis.internal;

import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.OperationId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The name of every key and channel the Redis features use, all under one prefix. Ids are
 * written in URL-safe Base64 so that no id (with colons, spaces or any Unicode) can reach into
 * another key's name. Immutable and thread-safe.
 */
public final class KeySpace {
    private final String prefix;

    /**
     * @param prefix the prefix of every key, such as {@code chunking:}
     */
    public KeySpace(String prefix) {
        this.prefix = prefix;
    }

    /** @return the prefix */
    public String prefix() {
        return prefix;
    }

    /**
     * @param id an operation
     * @return the key of its last state (a string of JSON)
     */
    public String operationState(OperationId id) {
        return prefix + "op:" + encode(id.value()) + ":state";
    }

    /**
     * @param id an operation
     * @return the key of its capped stream of events, for replay
     */
    public String operationEvents(OperationId id) {
        return prefix + "op:" + encode(id.value()) + ":events";
    }

    /**
     * @param id an operation
     * @return the channel its events are published on
     */
    public String operationChannel(OperationId id) {
        return prefix + "op:" + encode(id.value()) + ":channel";
    }

    /**
     * @param collection a collection
     * @return the channel the events of all its operations are published on
     */
    public String collectionChannel(CollectionId collection) {
        return prefix + "collection:" + encode(collection.value()) + ":channel";
    }

    /**
     * @param collection a collection
     * @param document a document
     * @return the key of the pair's checkpoint
     */
    public String checkpoint(CollectionId collection, DocumentId document) {
        return prefix + "checkpoint:" + encode(collection.value()) + ":" + encode(document.value());
    }

    /**
     * @param key a rate limiter's key (such as {@code bytes:<collection>})
     * @return the Redis key of its bucket
     */
    public String limiter(String key) {
        return prefix + "limit:" + encode(key);
    }

    private static String encode(String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.UTF_8));
    }
}
