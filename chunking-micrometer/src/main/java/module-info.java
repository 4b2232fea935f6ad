/**
 * Micrometer meters for the chunking library: a progress listener and decorators of the sink,
 * checkpoint store and rate limiter ports that record into the host's {@code MeterRegistry}.
 */
@SuppressWarnings("requires-transitive-automatic") // micrometer-core is an automatic module (micrometer.core); its types are in this API
module dev.chunking.micrometer {
    requires transitive dev.chunking.streaming;
    requires transitive micrometer.core;

    exports dev.chunking.micrometer;
}
