package dev.chunking.cli;

import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkMetadata;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.ResumePoint;
import dev.chunking.spi.ChunkSink;
import dev.chunking.spi.Chunker;
import dev.chunking.spi.ChunkingStrategy;
import dev.chunking.spi.ParameterDescriptor;
import dev.chunking.spi.TokenCounter;
import dev.chunking.strategy.HierarchicalStrategy;
import dev.chunking.strategy.MarkdownStrategy;
import dev.chunking.strategy.RecursiveStrategy;
import dev.chunking.strategy.SemanticStrategy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test-only strategy that declares parameters, standing in for the structure-aware strategies
 * still to come: it cuts like {@code recursive} and hands the parameters it was given back as
 * each chunk's attributes, with an id and parent, so a test sees exactly what reached it. The
 * names of built-in parameters among its own it describes as the built-in strategies do (so
 * they have their options); the others it only names, as plugins written before descriptors do
 * (so they are set with {@code --param}). It fails at the chunk index in {@code failAt}
 * (negative: never), to leave a checkpoint behind.
 */
final class ParameterEchoStrategy implements ChunkingStrategy {
    static final String NAME = "echo";

    private final Set<String> parameters;
    private final AtomicLong failAt = new AtomicLong(-1);

    ParameterEchoStrategy(Set<String> parameters) {
        this.parameters = Set.copyOf(parameters);
    }

    AtomicLong failAt() {
        return failAt;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "recursive, with the parameters as attributes";
    }

    @Override
    public Set<String> parameters() {
        return parameters;
    }

    @Override
    public List<ParameterDescriptor> parameterDescriptors() {
        Map<String, ParameterDescriptor> described = new LinkedHashMap<>();
        for (ChunkingStrategy builtIn : List.of(new HierarchicalStrategy(), new MarkdownStrategy(), new SemanticStrategy())) {
            for (ParameterDescriptor descriptor : builtIn.parameterDescriptors()) {
                if (parameters.contains(descriptor.name())) {
                    described.putIfAbsent(descriptor.name(), descriptor);
                }
            }
        }
        return List.copyOf(described.values());
    }

    @Override
    public boolean resumable() {
        return true;
    }

    @Override
    public Chunker open(DocumentId document, ChunkingOptions options, TokenCounter tokenCounter, ChunkSink sink) {
        return resume(document, options, tokenCounter, sink, ResumePoint.START);
    }

    @Override
    public Chunker resume(DocumentId document, ChunkingOptions options, TokenCounter tokenCounter, ChunkSink sink,
                          ResumePoint from) {
        ChunkSink echo = c -> {
            if (c.index() == failAt.get()) {
                throw new IllegalStateException("failing at chunk " + c.index() + " as the test asked");
            }
            ChunkMetadata metadata = new ChunkMetadata(List.of("Top", "Sub"), 1, Optional.of("c" + c.index()),
                    Optional.of("root"), options.parameters());
            sink.accept(new Chunk(c.document(), c.index(), c.content(), c.start(), c.end(), c.byteStart(), c.byteEnd(),
                    c.size(), c.unit(), NAME, metadata, c.replacements()));
        };
        return new RecursiveStrategy().resume(document, options, tokenCounter, echo, from);
    }
}
