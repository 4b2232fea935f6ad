package dev.chunking.redis.progress.internal;

/**
 * The Lua scripts of the publisher, each one atomic step on the server.
 */
public final class PublishScript {
    /**
     * Publishes one event. KEYS: the state key, the stream key. ARGV: the event's JSON, the
     * stream's length (approximate trim, at least this many kept), the lifetime in milliseconds,
     * the operation's channel, the collection's channel. Appends to the stream, sets both keys'
     * lifetime, sets the state, publishes on both channels.
     */
    public static final String PUBLISH = String.join("\n",
            "redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], '*', 'event', ARGV[1])",
            "redis.call('PEXPIRE', KEYS[2], ARGV[3])",
            "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])",
            "redis.call('PUBLISH', ARGV[4], ARGV[1])",
            "redis.call('PUBLISH', ARGV[5], ARGV[1])",
            "return 1");

    /**
     * Writes a state again after an outage, unless a newer one of the same run is there. KEYS: the
     * state key. ARGV: the JSON, the lifetime in milliseconds, the epoch, the sequence.
     */
    public static final String REWRITE_STATE = String.join("\n",
            "local current = redis.call('GET', KEYS[1])",
            "if current then",
            "  local ok, old = pcall(cjson.decode, current)",
            "  if ok and old['epoch'] == ARGV[3] and tonumber(old['sequence']) >= tonumber(ARGV[4]) then return 0 end",
            "end",
            "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])",
            "return 1");

    /** The field of a stream entry that holds the event's JSON. */
    public static final String FIELD = "event";

    private PublishScript() {
    }
}
