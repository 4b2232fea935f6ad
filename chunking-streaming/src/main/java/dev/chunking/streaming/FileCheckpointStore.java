package dev.chunking.streaming;

import dev.chunking.domain.Checkpoint;
import dev.chunking.domain.CheckpointMismatchException;
import dev.chunking.domain.ChunkingException;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.MalformedInputPolicy;
import dev.chunking.domain.ResumePoint;
import dev.chunking.domain.SizeUnit;
import dev.chunking.domain.SourceFingerprint;
import dev.chunking.spi.CheckpointStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Keeps one checkpoint in one file, as readable {@code key=value} lines. A save writes a
 * temporary file beside it, forces it to disk, renames it over the old one and forces the
 * directory, so after a crash the file holds the old checkpoint or the new one, never a mix.
 * Thread-safe: saves are serialised.
 */
public final class FileCheckpointStore implements CheckpointStore {
    private static final String ATTRIBUTE = "attribute.";
    private static final String PARAMETER = "options.parameter.";

    private final Path file;

    /**
     * Creates a store backed by a file; the file need not exist yet.
     *
     * @param file where the checkpoint lives
     */
    public FileCheckpointStore(Path file) {
        this.file = file.toAbsolutePath();
    }

    /**
     * Returns the file the checkpoint lives in.
     *
     * @return the absolute path
     */
    public Path file() {
        return file;
    }

    @Override
    public synchronized Optional<Checkpoint> load(DocumentId document) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file, e);
        } catch (IllegalArgumentException e) {
            throw new CheckpointMismatchException("checkpoint " + file + " cannot be read (" + e.getMessage()
                    + "); delete it to start over");
        }
        Checkpoint checkpoint;
        try {
            checkpoint = decode(p);
        } catch (RuntimeException e) {
            throw new CheckpointMismatchException("checkpoint " + file + " cannot be read (" + e.getMessage()
                    + "); delete it to start over");
        }
        if (!checkpoint.document().equals(document)) {
            throw new CheckpointMismatchException("checkpoint " + file + " belongs to document '" + checkpoint.document()
                    + "', not '" + document + "'; delete it or name another checkpoint file");
        }
        return Optional.of(checkpoint);
    }

    @Override
    public synchronized void save(Checkpoint checkpoint) {
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = Channels.newOutputStream(channel);
                encode(checkpoint).store(out, "chunking checkpoint; delete this file to start over");
                out.flush();
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Path parent = file.getParent(); // null only for a file system root, which the move cannot replace
            if (parent != null) {
                try (FileChannel directory = FileChannel.open(parent, StandardOpenOption.READ)) {
                    directory.force(true); // make the rename itself durable
                }
            }
        } catch (IOException e) {
            throw new ChunkingException("cannot save checkpoint " + file + ": " + e + "; check the directory is writable", e);
        }
    }

    @Override
    public synchronized void delete(DocumentId document) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new ChunkingException("cannot delete checkpoint " + file + ": " + e, e);
        }
    }

    private static Properties encode(Checkpoint c) {
        Properties p = new Properties();
        p.setProperty("format", String.valueOf(c.formatVersion()));
        p.setProperty("document", c.document().value());
        p.setProperty("strategy", c.strategy());
        ChunkingOptions o = c.options();
        p.setProperty("options.maxSize", String.valueOf(o.maxSize()));
        p.setProperty("options.overlap", String.valueOf(o.overlap()));
        p.setProperty("options.minSize", String.valueOf(o.minSize()));
        p.setProperty("options.unit", o.unit().name());
        p.setProperty("options.tokenCounter", o.tokenCounter());
        p.setProperty("options.malformedInput", o.malformedInput().name());
        o.parameters().forEach((k, v) -> p.setProperty(PARAMETER + k, v));
        SourceFingerprint s = c.source();
        p.setProperty("source.size", String.valueOf(s.size()));
        p.setProperty("source.modifiedMillis", String.valueOf(s.modifiedMillis()));
        p.setProperty("source.headSha256", s.headSha256());
        p.setProperty("source.tailSha256", s.tailSha256());
        ResumePoint r = c.position();
        p.setProperty("position.byteOffset", String.valueOf(r.byteOffset()));
        p.setProperty("position.codePointOffset", String.valueOf(r.codePointOffset()));
        p.setProperty("position.previousEndByte", String.valueOf(r.previousEndByte()));
        p.setProperty("position.previousEndCodePoint", String.valueOf(r.previousEndCodePoint()));
        p.setProperty("position.nextIndex", String.valueOf(r.nextIndex()));
        p.setProperty("position.replacements", String.valueOf(r.replacements()));
        c.attributes().forEach((k, v) -> p.setProperty(ATTRIBUTE + k, v));
        return p;
    }

    private static Checkpoint decode(Properties p) {
        Map<String, String> parameters = new HashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(PARAMETER)) {
                parameters.put(key.substring(PARAMETER.length()), p.getProperty(key));
            }
        }
        ChunkingOptions options = new ChunkingOptions(integer(p, "options.maxSize"), integer(p, "options.overlap"),
                integer(p, "options.minSize"), SizeUnit.valueOf(text(p, "options.unit")), text(p, "options.tokenCounter"),
                MalformedInputPolicy.valueOf(text(p, "options.malformedInput")), parameters);
        SourceFingerprint source = new SourceFingerprint(number(p, "source.size"), number(p, "source.modifiedMillis"),
                text(p, "source.headSha256"), text(p, "source.tailSha256"));
        ResumePoint position = new ResumePoint(number(p, "position.byteOffset"), number(p, "position.codePointOffset"),
                number(p, "position.previousEndByte"), number(p, "position.previousEndCodePoint"), number(p, "position.nextIndex"),
                number(p, "position.replacements"));
        Map<String, String> attributes = new HashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(ATTRIBUTE)) {
                attributes.put(key.substring(ATTRIBUTE.length()), p.getProperty(key));
            }
        }
        return new Checkpoint(integer(p, "format"), DocumentId.of(text(p, "document")), text(p, "strategy"), options, source,
                position, attributes);
    }

    private static String text(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        return value;
    }

    private static long number(Properties p, String key) {
        return Long.parseLong(text(p, key));
    }

    private static int integer(Properties p, String key) {
        return Integer.parseInt(text(p, key));
    }
}
