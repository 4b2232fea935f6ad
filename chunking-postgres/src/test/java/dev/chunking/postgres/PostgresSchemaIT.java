package dev.chunking.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The schema on the real server: exactly 100 LIST partitions; every collection id lands in one
 * of them, also where {@code hashtext()} is negative or the smallest int, and new collections go
 * to the least used partition; a document's partition must agree with its collection's; the key includes the partition key, so an upsert keeps one row per
 * chunk; migrations are idempotent, safe from several instances at once, and refuse a newer
 * database.
 */
class PostgresSchemaIT {
    private TestDatabase database;

    @BeforeEach
    void createSchema() throws SQLException {
        database = new TestDatabase();
    }

    @AfterEach
    void dropSchema() throws SQLException {
        database.close();
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void insertChunk(Connection c, String collection, long index) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO chunks (bucket, collection, document, chunk_index, text,"
                + " start_cp, end_cp, start_byte, end_byte, size, unit, strategy, generation) VALUES (chunking_collection_bucket(?),"
                + " ?, 'doc', ?, 'text', 0, 4, 0, 4, 4, 'chars', 'recursive', 1)"
                + " ON CONFLICT (bucket, collection, document, generation, chunk_index) DO UPDATE SET text = excluded.text")) {
            insert.setString(1, collection);
            insert.setString(2, collection);
            insert.setLong(3, index);
            insert.executeUpdate();
        }
    }

    @Test
    void migratesToATableListPartitionedIntoExactlyOneHundredPartitions() throws SQLException {
        try (Connection c = database.connect()) {
            assertThat(PostgresMigrations.version(c)).isZero();
            assertThat(PostgresMigrations.migrate(c)).isEqualTo(PostgresMigrations.LATEST);
            assertThat(count(c, "SELECT count(*) FROM pg_partitioned_table p JOIN pg_class t ON t.oid = p.partrelid"
                    + " WHERE t.relname = 'chunks' AND t.relnamespace = current_schema()::regnamespace AND p.partstrat = 'l'"))
                    .isEqualTo(1);
            assertThat(count(c, "SELECT count(*) FROM pg_inherits i JOIN pg_class t ON t.oid = i.inhparent"
                    + " WHERE t.relname = 'chunks' AND t.relnamespace = current_schema()::regnamespace")).isEqualTo(100);
            assertThat(count(c, "SELECT count(*) FROM pg_class WHERE relname ~ '^chunks_p[0-9]{2}$'"
                    + " AND relnamespace = current_schema()::regnamespace")).isEqualTo(100);
            assertThat(PostgresMigrations.version(c)).isEqualTo(PostgresMigrations.LATEST);
        }
    }

    @Test
    void mapsEveryHashToABucketFromZeroToNinetyNineWhereAbsWouldOverflow() throws SQLException {
        try (Connection c = database.connect()) {
            PostgresMigrations.migrate(c);
            for (long hash : new long[] {Integer.MIN_VALUE, Integer.MIN_VALUE + 1, -101, -100, -1, 0, 1, 99, Integer.MAX_VALUE}) {
                long bucket = count(c, "SELECT chunking_bucket_of_hash((" + hash + ")::integer)");
                assertThat(bucket).as("hash %d", hash).isBetween(0L, 99L).isEqualTo(Math.floorMod(hash, 100));
            }
            // the trap the function avoids: abs() of the smallest int is out of range
            assertThatThrownBy(() -> count(c, "SELECT abs((-2147483648)::integer)")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("out of range");
        }
    }

    @Test
    void storesAChunkOfAnyCollectionIdIncludingThoseWhoseHashIsNegative() throws SQLException {
        Random random = new Random(15);
        List<String> ids = new ArrayList<>(List.of("", "a", "0", "-1", "collection", "\u6587\u6863", "\u00e9t\u00e9",
                "\ud83d\udc69\u200d\ud83d\udcbb", "x".repeat(300)));
        for (int i = 0; i < 300; i++) {
            ids.add(i % 3 == 0 ? UUID.randomUUID().toString() : i % 3 == 1 ? Long.toString(random.nextLong())
                    : new String(Character.toChars(0x4e00 + random.nextInt(2000))) + i);
        }
        try (Connection c = database.connect()) {
            PostgresMigrations.migrate(c);
            Set<Long> buckets = new HashSet<>();
            long negative = 0;
            for (String id : ids) {
                insertChunk(c, id, 0);
                try (PreparedStatement q = c.prepareStatement("SELECT hashtext(?), chunking_bucket(?)")) {
                    q.setString(1, id);
                    q.setString(2, id);
                    try (ResultSet rs = q.executeQuery()) {
                        rs.next();
                        negative += rs.getInt(1) < 0 ? 1 : 0;
                        buckets.add(rs.getLong(2));
                    }
                }
            }
            assertThat(negative).as("ids whose hashtext() is negative").isGreaterThan(50);
            assertThat(buckets).allSatisfy(b -> assertThat(b).isBetween(0L, 99L));
            assertThat(count(c, "SELECT count(*) FROM chunks")).isEqualTo(ids.size());
            // each row sits in the partition its bucket names
            assertThat(count(c, "SELECT count(*) FROM chunks WHERE tableoid::regclass::text"
                    + " <> 'chunks_p' || lpad(bucket::text, 2, '0')")).isZero();
        }
    }

    @Test
    void refusesADocumentWhosePartitionDisagreesWithItsCollections() throws SQLException {
        try (Connection c = database.connect()) {
            PostgresMigrations.migrate(c);
            long placed = count(c, "SELECT chunking_collection_bucket('c')");
            assertThatThrownBy(() -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO chunk_documents (collection, document, bucket) VALUES ('c', 'd', "
                            + (placed + 1) % 100 + ")");
                }
            }).isInstanceOf(SQLException.class).hasMessageContaining("chunk_documents_bucket_of_collection");
        }
    }

    @Test
    void refusesAUniqueKeyWithoutThePartitionKeyWhichIsWhyTheKeyLeadsWithTheBucket() throws SQLException {
        try (Connection c = database.connect()) {
            PostgresMigrations.migrate(c);
            assertThatThrownBy(() -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE UNIQUE INDEX chunks_without_bucket ON chunks (collection, document, generation, chunk_index)");
                }
            }).isInstanceOf(SQLException.class).hasMessageContaining("partition");
        }
    }

    @Test
    void placesEveryCollectionOnceAndInTheLeastUsedPartition() throws SQLException {
        try (Connection c = database.connect()) {
            PostgresMigrations.migrate(c);
            for (int i = 0; i < 250; i++) {
                long first = count(c, "SELECT chunking_collection_bucket('collection " + i + "')");
                assertThat(count(c, "SELECT chunking_collection_bucket('collection " + i + "')")).isEqualTo(first);
            }
            // 250 collections over 100 partitions: every partition holds two or three
            assertThat(count(c, "SELECT min(collections) FROM chunk_buckets")).isEqualTo(2);
            assertThat(count(c, "SELECT max(collections) FROM chunk_buckets")).isEqualTo(3);
            assertThat(count(c, "SELECT count(*) FROM chunk_collections")).isEqualTo(250);
        }
    }

    @Test
    void keepsOneRowPerChunkWhenTheSameChunkIsWrittenAgain() throws SQLException {
        try (Connection c = database.connect()) {
            PostgresMigrations.migrate(c);
            for (int round = 0; round < 3; round++) {
                for (int index = 0; index < 5; index++) {
                    insertChunk(c, "shared", index);
                    insertChunk(c, "other", index);
                }
            }
            assertThat(count(c, "SELECT count(*) FROM chunks WHERE collection = 'shared'")).isEqualTo(5);
            assertThat(count(c, "SELECT count(*) FROM chunks")).isEqualTo(10);
        }
    }

    @Test
    void migratesOnceWhenFourInstancesStartAtOnceAndAgainChangesNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> versions = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                versions.add(pool.submit(() -> {
                    try (Connection c = database.connect()) {
                        return PostgresMigrations.migrate(c);
                    }
                }));
            }
            for (Future<Integer> v : versions) {
                assertThat(v.get(60, TimeUnit.SECONDS)).isEqualTo(PostgresMigrations.LATEST);
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = database.connect()) {
            assertThat(PostgresMigrations.migrate(c)).isEqualTo(PostgresMigrations.LATEST);
            assertThat(count(c, "SELECT count(*) FROM " + PostgresMigrations.VERSION_TABLE)).isEqualTo(PostgresMigrations.LATEST);
            assertThat(count(c, "SELECT count(*) FROM pg_class WHERE relname ~ '^chunks_p[0-9]{2}$'"
                    + " AND relnamespace = current_schema()::regnamespace")).isEqualTo(100);
        }
    }

    @Test
    void refusesADatabaseWhoseSchemaIsNewerThanTheLibrary() throws SQLException {
        try (Connection c = database.connect()) {
            PostgresMigrations.migrate(c);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO " + PostgresMigrations.VERSION_TABLE + " (version, description) VALUES ("
                        + (PostgresMigrations.LATEST + 1) + ", 'from the future')");
            }
            assertThatThrownBy(() -> PostgresMigrations.migrate(c)).isInstanceOf(SchemaVersionException.class)
                    .hasMessage("the database's chunking schema is at version " + (PostgresMigrations.LATEST + 1) + ", newer than"
                            + " this library's " + PostgresMigrations.LATEST + "; upgrade chunking-postgres to the version that"
                            + " wrote it");
        }
    }
}
