package dev.chunking.streaming;

import dev.chunking.domain.Checkpoint;
import dev.chunking.domain.CheckpointMismatchException;
import dev.chunking.domain.CheckpointStorageException;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.MalformedInputPolicy;
import dev.chunking.domain.ResumePoint;
import dev.chunking.domain.SizeUnit;
import dev.chunking.domain.SourceFingerprint;
import dev.chunking.spi.CheckpointStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Keeps checkpoints in files, as readable {@code key=value} lines: either one checkpoint in one
 * named file ({@link #FileCheckpointStore(Path)}, as {@code chunk --checkpoint FILE} uses it),
 * which refuses to load a checkpoint of another collection or document, or one file per
 * (collection, document) pair in a directory ({@link #inDirectory(Path)}), named by a hash of the
 * pair so that any ids make safe file names. A save writes a temporary file beside the target,
 * forces it to disk, renames it over the old one and forces the directory, so after a crash the
 * file holds the old checkpoint or the new one, never a mix. Thread-safe: calls are serialised.
 */
public final class FileCheckpointStore implements CheckpointStore {
    private static final String ATTRIBUTE = "attribute.";
    private static final String PARAMETER = "options.parameter.";

    private final Path file;
    private final boolean directory;
    private final Object lock = new Object(); // private: a caller holding the store cannot stall its saves

    /**
     * Creates a store that keeps one checkpoint in a file; the file need not exist yet.
     *
     * @param file where the checkpoint lives
     */
    public FileCheckpointStore(Path file) {
        this(file.toAbsolutePath(), false);
    }

    private FileCheckpointStore(Path path, boolean directory) {
        this.file = path;
        this.directory = directory;
    }

    /**
     * Creates a store that keeps each (collection, document) pair's checkpoint in its own file in
     * a directory, created on the first save.
     *
     * @param directory where the checkpoint files live
     * @return the store
     */
    public static FileCheckpointStore inDirectory(Path directory) {
        return new FileCheckpointStore(directory.toAbsolutePath(), true);
    }

    /**
     * Returns the file the checkpoint lives in, or the directory of a store made by
     * {@link #inDirectory(Path)}.
     *
     * @return the absolute path
     */
    public Path file() {
        return file;
    }

    /** The file of a pair: the one file, or in a directory the hex SHA-256 of collection NUL document. */
    private Path fileOf(CollectionId collection, DocumentId document) {
        if (!directory) {
            return file;
        }
        byte[] key = (collection.value() + '\0' + document.value()).getBytes(StandardCharsets.UTF_8);
        return file.resolve(SourceFingerprint.sha256(ByteBuffer.wrap(key)) + ".checkpoint");
    }

    @Override
    public Optional<Checkpoint> load(CollectionId collection, DocumentId document) {
        synchronized (lock) {
            Path at = fileOf(collection, document);
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(at)) {
                p.load(in);
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw new CheckpointStorageException("cannot read checkpoint " + at + ": " + e + "; check the file is readable", e);
            } catch (IllegalArgumentException e) {
                throw new CheckpointMismatchException("checkpoint " + at + " cannot be read (" + e.getMessage()
                        + "); delete it to start over");
            }
            Checkpoint checkpoint;
            try {
                checkpoint = decode(p);
            } catch (RuntimeException e) {
                throw new CheckpointMismatchException("checkpoint " + at + " cannot be read (" + e.getMessage()
                        + "); delete it to start over");
            }
            if (!checkpoint.collection().equals(collection) || !checkpoint.document().equals(document)) {
                throw new CheckpointMismatchException("checkpoint " + at + " belongs to document '" + checkpoint.document()
                        + "' of collection '" + checkpoint.collection() + "', not '" + document + "' of '" + collection
                        + "'; delete it or name another checkpoint file");
            }
            return Optional.of(checkpoint);
        }
    }

    @Override
    public void save(Checkpoint checkpoint) {
        synchronized (lock) {
            Path file = fileOf(checkpoint.collection(), checkpoint.document());
            Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
            try {
                if (directory) {
                    Files.createDirectories(this.file);
                }
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
                throw new CheckpointStorageException("cannot save checkpoint " + file + ": " + e + "; check the directory is writable", e);
            }
        }
    }

    @Override
    public void delete(CollectionId collection, DocumentId document) {
        synchronized (lock) {
            Path file = fileOf(collection, document);
            if (!directory && !load(collection, document).isPresent()) {
                return; // one file: leave another pair's checkpoint alone
            }
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new CheckpointStorageException("cannot delete checkpoint " + file + ": " + e, e);
            }
        }
    }

    private static Properties encode(Checkpoint c) {
        Properties p = new Properties();
        p.setProperty("format", String.valueOf(c.formatVersion()));
        p.setProperty("collection", c.collection().value());
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
        if (r.hasState()) {
            p.setProperty("position.state", Base64.getEncoder().encodeToString(r.state())); // the strategy's own, versioned state
        }
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
                number(p, "position.replacements"), Base64.getDecoder().decode(p.getProperty("position.state", "")));
        Map<String, String> attributes = new HashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(ATTRIBUTE)) {
                attributes.put(key.substring(ATTRIBUTE.length()), p.getProperty(key));
            }
        }
        // format 1 had no collection: read it as the default one, and let the run refuse its version
        String collection = p.getProperty("collection", "default");
        return new Checkpoint(integer(p, "format"), CollectionId.of(collection), DocumentId.of(text(p, "document")), text(p, "strategy"), options, source,
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
