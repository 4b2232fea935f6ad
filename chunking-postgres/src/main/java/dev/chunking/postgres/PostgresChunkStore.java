package dev.chunking.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.chunking.domain.Checkpoint;
import dev.chunking.domain.CheckpointStorageException;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.postgres.internal.CheckpointRows;
import dev.chunking.postgres.internal.ChunkRows;
import dev.chunking.postgres.internal.ChunkStatements;
import dev.chunking.postgres.internal.DocumentRuns;
import dev.chunking.postgres.internal.Transactions;
import dev.chunking.spi.CheckpointStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Chunks of many collections in one PostgreSQL database: the {@link CheckpointStore} of runs and
 * the factory of their {@link PostgresChunkWriter sinks}, and the reads, counts and deletes of what
 * they stored. Each collection lives in one of the {@code chunks} table's 100 LIST partitions
 * (placed on first use in the least used one), and every statement for a collection names that
 * partition, so it scans and locks that partition only, also as a prepared statement with a
 * generic plan.
 *
 * <p>Readers see each document's last completed chunk set (see {@link PostgresChunkWriter}).
 * Reads stream rows through a server-side cursor, {@link PostgresStoreOptions#fetchSize()} at a
 * time, so a document of a million chunks is never held in memory. Writes and deletes are run
 * again after a lost connection (bounded, with backoff); reads are not, since the consumer may
 * have seen some chunks: the caller reads again.
 *
 * <p>Thread-safe: share one store; open one writer per run. {@link #close()} closes the
 * connection pool when {@link #open} made it, never a {@link DataSource} the host passed.
 */
public final class PostgresChunkStore implements CheckpointStore, AutoCloseable {
    private static final String COUNT_COLLECTION = "SELECT coalesce(sum(chunk_count), 0) FROM chunk_documents"
            + " WHERE collection = ? AND current_generation IS NOT NULL";
    private static final String COUNT_DOCUMENT = COUNT_COLLECTION + " AND document = ?";

    private final DataSource dataSource;
    private final boolean ownsDataSource;
    private final PostgresStoreOptions options;
    private final Transactions writes;
    private final Transactions reads;

    private PostgresChunkStore(DataSource dataSource, boolean ownsDataSource, PostgresStoreOptions options,
                               Transactions.Sleeper sleeper) {
        this.dataSource = dataSource;
        this.ownsDataSource = ownsDataSource;
        this.options = options;
        this.writes = new Transactions(dataSource, options.attempts(), options.firstBackoff(), options.maxBackoff(), sleeper);
        this.reads = new Transactions(dataSource, 1, options.firstBackoff(), options.maxBackoff(), sleeper);
    }

    /**
     * Creates a store over the host's {@link DataSource}, whose connections must have the chunking
     * schema first on their search path (the default {@code public}, or set {@code currentSchema}
     * in the JDBC URL). Applies the migrations first when {@link PostgresStoreOptions#migrate()}.
     *
     * @param dataSource the host's data source; the store never closes it
     * @param options batching, reads and retries
     * @return the store
     * @throws ChunkStoreException if the database cannot be reached
     * @throws SchemaVersionException if its schema is newer than this library
     */
    public static PostgresChunkStore create(DataSource dataSource, PostgresStoreOptions options) {
        return start(dataSource, false, options, d -> Thread.sleep(d.toMillis()));
    }

    /**
     * Opens a store with a connection pool of its own (HikariCP, at most 4 connections) to a JDBC
     * URL such as {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}.
     *
     * @param jdbcUrl the database
     * @param options batching, reads and retries
     * @return the store; close it to close the pool
     * @throws InvalidOptionsException if the URL is not a PostgreSQL JDBC URL
     * @throws ChunkStoreException if the database cannot be reached
     */
    public static PostgresChunkStore open(String jdbcUrl, PostgresStoreOptions options) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new InvalidOptionsException("store URL '" + jdbcUrl + "' is not a PostgreSQL JDBC URL; use"
                    + " jdbc:postgresql://HOST:PORT/DATABASE?user=NAME");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(4);
        config.setPoolName("chunking-postgres");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ChunkStoreException("cannot connect to " + redact(jdbcUrl) + ": " + cause.getMessage()
                    + "; check the host, port, database and user", e);
        }
        try {
            return start(pool, true, options, d -> Thread.sleep(d.toMillis()));
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    static PostgresChunkStore start(DataSource dataSource, boolean owns, PostgresStoreOptions options,
                                    Transactions.Sleeper sleeper) {
        PostgresChunkStore store = new PostgresChunkStore(dataSource, owns, options, sleeper);
        if (options.migrate()) {
            store.migrate();
        }
        return store;
    }

    /**
     * Applies the schema migrations this library ships (see {@link PostgresMigrations}).
     *
     * @return the schema version in force
     * @throws ChunkStoreException if the database cannot be reached
     * @throws SchemaVersionException if its schema is newer than this library
     */
    public int migrate() {
        try (Connection c = dataSource.getConnection()) {
            return PostgresMigrations.migrate(c);
        } catch (SQLException e) {
            throw new ChunkStoreException("cannot migrate the chunking schema: " + e.getMessage()
                    + "; check the server is reachable and the user may create tables", e);
        }
    }

    /**
     * Opens a writer of a collection's chunks, placing the collection in a partition when it is new.
     *
     * @param collection the collection
     * @return a writer, the sink of one run at a time
     * @throws ChunkStoreException if the database cannot be reached
     */
    public PostgresChunkWriter writer(CollectionId collection) {
        int bucket = write("placing collection '" + collection.value() + "'",
                c -> DocumentRuns.placeCollection(c, collection.value()));
        return new PostgresChunkWriter(writes, options, collection, bucket);
    }

    /**
     * Returns the partition a collection lives in.
     *
     * @param collection the collection
     * @return its bucket (0 to 99, the partition {@code chunks_pNN}), or empty when it was never written
     * @throws ChunkStoreException if the database cannot be read
     */
    public OptionalInt partitionOf(CollectionId collection) {
        return read("finding the partition of collection '" + collection.value() + "'", c -> bucket(c, collection.value()));
    }

    /**
     * Streams a document's chunks in index order to a consumer, through a server-side cursor.
     *
     * @param collection the collection
     * @param document the document
     * @param each receives each chunk, on the calling thread
     * @return how many chunks it received; 0 when the document has none or was never completed
     * @throws ChunkStoreException if the database cannot be read
     */
    public long read(CollectionId collection, DocumentId document, Consumer<? super Chunk> each) {
        return stream(collection, document, ChunkStatements.WHOLE_DOCUMENT, 0, 0, each);
    }

    /**
     * Streams the chunks of a document that overlap a range of offsets, in index order: those
     * with {@code start < to} and {@code end > from} in the given unit.
     *
     * @param collection the collection
     * @param document the document
     * @param unit code points or UTF-8 bytes
     * @param from the range's start, inclusive, not negative
     * @param to the range's end, exclusive, not before {@code from}
     * @param each receives each chunk
     * @return how many chunks it received
     * @throws InvalidOptionsException if the range is negative or reversed
     * @throws ChunkStoreException if the database cannot be read
     */
    public long readRange(CollectionId collection, DocumentId document, OffsetUnit unit, long from, long to,
                          Consumer<? super Chunk> each) {
        if (from < 0 || to < from) {
            throw new InvalidOptionsException("range [" + from + ", " + to + ") is negative or reversed; give 0 <= from <= to");
        }
        String filter = unit == OffsetUnit.BYTES ? ChunkStatements.BYTE_RANGE : ChunkStatements.CODE_POINT_RANGE;
        return stream(collection, document, filter, to, from, each);
    }

    private long stream(CollectionId collection, DocumentId document, String filter, long to, long from,
                        Consumer<? super Chunk> each) {
        return read("reading document '" + document.value() + "' of collection '" + collection.value() + "'", c -> {
            OptionalInt bucket = bucket(c, collection.value());
            if (bucket.isEmpty()) {
                return 0L;
            }
            try (PreparedStatement s = c.prepareStatement(ChunkStatements.read(bucket.getAsInt(), filter))) {
                s.setFetchSize(options.fetchSize());
                s.setInt(1, bucket.getAsInt());
                s.setString(2, collection.value());
                s.setString(3, document.value());
                s.setString(4, collection.value());
                s.setString(5, document.value());
                if (!filter.isEmpty()) {
                    s.setLong(6, to);
                    s.setLong(7, from);
                }
                long n = 0;
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        each.accept(ChunkRows.chunk(rs, document));
                        n++;
                    }
                }
                return n;
            }
        });
    }

    /**
     * Counts the chunks of a collection's completed documents, without reading the chunks.
     *
     * @param collection the collection
     * @return the number of chunks readers see
     * @throws ChunkStoreException if the database cannot be read
     */
    public long count(CollectionId collection) {
        return count(collection, null);
    }

    /**
     * Counts the chunks of one document as readers see them.
     *
     * @param collection the collection
     * @param document the document, or null for all of the collection's documents
     * @return the number of chunks
     * @throws ChunkStoreException if the database cannot be read
     */
    public long count(CollectionId collection, DocumentId document) {
        return read("counting the chunks of collection '" + collection.value() + "'", c -> {
            try (PreparedStatement s = c.prepareStatement(document == null ? COUNT_COLLECTION : COUNT_DOCUMENT)) {
                s.setString(1, collection.value());
                if (document != null) {
                    s.setString(2, document.value());
                }
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /**
     * Deletes a document: its chunks of every generation and its checkpoint, in one transaction.
     *
     * @param collection the collection
     * @param document the document
     * @return how many chunk rows were deleted
     * @throws ChunkStoreException if the database cannot be written
     */
    public long deleteDocument(CollectionId collection, DocumentId document) {
        return write("deleting document '" + document.value() + "' of collection '" + collection.value() + "'",
                c -> Deletes.document(c, bucket(c, collection.value()), collection.value(), document.value()));
    }

    /**
     * Deletes a collection: all its chunks, documents and checkpoints, and its place in a
     * partition (a later write places it again), in one transaction.
     *
     * @param collection the collection
     * @return how many chunk rows were deleted
     * @throws ChunkStoreException if the database cannot be written
     */
    public long deleteCollection(CollectionId collection) {
        return write("deleting collection '" + collection.value() + "'",
                c -> Deletes.collection(c, bucket(c, collection.value()), collection.value()));
    }

    /**
     * Reports how evenly the chunks spread over the partitions; reads the whole table.
     *
     * @return the report
     * @throws ChunkStoreException if the database cannot be read
     */
    public PartitionHealth health() {
        return read("reading the partition health", PartitionHealth::read);
    }

    @Override
    public Optional<Checkpoint> load(CollectionId collection, DocumentId document) {
        try {
            return reads.run("loading a checkpoint", c -> CheckpointRows.load(c, collection.value(), document.value()));
        } catch (SQLException e) {
            throw new CheckpointStorageException("cannot load the checkpoint of document '" + document.value()
                    + "' of collection '" + collection.value() + "' from PostgreSQL: " + e.getMessage()
                    + "; check the server is reachable", e);
        }
    }

    @Override
    public void save(Checkpoint checkpoint) {
        try {
            writes.run("saving a checkpoint", c -> {
                CheckpointRows.save(c, checkpoint);
                return null;
            });
        } catch (SQLException e) {
            throw new CheckpointStorageException("cannot save the checkpoint of document '" + checkpoint.document().value()
                    + "' of collection '" + checkpoint.collection().value() + "' in PostgreSQL: " + e.getMessage()
                    + "; check the server is reachable", e);
        }
    }

    @Override
    public void delete(CollectionId collection, DocumentId document) {
        try {
            writes.run("deleting a checkpoint", c -> CheckpointRows.delete(c, collection.value(), document.value()));
        } catch (SQLException e) {
            throw new CheckpointStorageException("cannot delete the checkpoint of document '" + document.value()
                    + "' of collection '" + collection.value() + "' in PostgreSQL: " + e.getMessage()
                    + "; check the server is reachable", e);
        }
    }

    /** Closes the connection pool this store opened; does nothing for a host's data source. */
    @Override
    public void close() {
        if (ownsDataSource) {
            ((HikariDataSource) dataSource).close();
        }
    }

    private <T> T write(String what, Transactions.Work<T> work) {
        try {
            return writes.run(what, work);
        } catch (SQLException e) {
            throw new ChunkStoreException(what + " failed: " + e.getMessage() + "; check the server is reachable", e);
        }
    }

    private <T> T read(String what, Transactions.Work<T> work) {
        try {
            return reads.run(what, work);
        } catch (SQLException e) {
            throw new ChunkStoreException(what + " failed: " + e.getMessage() + "; check the server is reachable", e);
        }
    }

    private static OptionalInt bucket(Connection c, String collection) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT bucket FROM chunk_collections WHERE collection = ?")) {
            s.setString(1, collection);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
            }
        }
    }

    /** Hides a password given in a JDBC URL's query. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
