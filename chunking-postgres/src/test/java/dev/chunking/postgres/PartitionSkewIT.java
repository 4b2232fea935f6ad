package dev.chunking.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.domain.InvalidOptionsException;
import dev.chunking.postgres.PartitionHealth.Partition;
import dev.chunking.postgres.PartitionHealth.Status;
import dev.chunking.postgres.internal.Partitions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * 10,000 random collection ids (UUIDs, short strings, numbers, non-ASCII) with equal chunk counts
 * spread over the 100 partitions within 20 % of the mean, where a hash alone would not; a
 * deliberately skewed table reports its hot and cold partitions; ids that hash to the extremes of
 * the int range land in a partition and read back.
 *
 * <p>The first {@value #THROUGH_WRITER} collections go through the store: {@code writer(collection)}
 * places each, and the writer writes and completes its chunks. The other 9,800 are placed by the
 * same function the writer calls ({@code chunking_collection_bucket}, {@value #PLACED_PER_STATEMENT}
 * ids per statement, in the same order) and get a copy of the first collection's rows by one
 * {@code INSERT ... SELECT}: through the writer each costs three committed transactions, about
 * 16 ms on the test server, which would add almost three minutes to the build for no other coverage.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartitionSkewIT {
    private static final int COLLECTIONS = 10_000;
    private static final int THROUGH_WRITER = 200;
    private static final int PLACED_PER_STATEMENT = 500;
    private static final DocumentId DOCUMENT = DocumentId.of("doc");
    private static final List<Chunk> CHUNKS = Chunking.of("recursive", ChunkingOptions.builder().maxSize(20).overlap(0).build())
            .chunk(DOCUMENT, "Spread evenly. \u00c9t\u00e9 na\u00efve. \u6587\u6863\u5206\u5757\u3002 \u041f\u0440\u0438\u0432\u0435\u0442!");

    private TestDatabase database;
    private PostgresChunkStore store;
    private List<String> ids;

    @BeforeAll
    void placeTenThousandCollections() throws SQLException {
        assertThat(CHUNKS).hasSize(3);
        database = new TestDatabase();
        store = PostgresChunkStore.open(database.url(), PostgresStoreOptions.defaults());
        ids = randomIds(new Random(15));
        for (String id : ids.subList(0, THROUGH_WRITER)) {
            PostgresChunkWriter writer = store.writer(CollectionId.of(id));
            CHUNKS.forEach(writer::accept);
            writer.complete(DOCUMENT);
        }
        try (Connection c = database.connect(); PreparedStatement place = c.prepareStatement(
                "SELECT count(chunking_collection_bucket(id)) FROM unnest(?::text[]) AS u(id)")) {
            for (int from = THROUGH_WRITER; from < COLLECTIONS; from += PLACED_PER_STATEMENT) {
                place.setArray(1, c.createArrayOf("text",
                        ids.subList(from, Math.min(COLLECTIONS, from + PLACED_PER_STATEMENT)).toArray()));
                place.execute();
            }
        }
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO chunks SELECT p.bucket, p.collection, k.document, k.generation, k.chunk_index, k.text, k.start_cp,"
                        + " k.end_cp, k.start_byte, k.end_byte, k.size, k.unit, k.strategy, k.headings, k.level, k.chunk_id,"
                        + " k.parent_id, k.replacements, k.metadata, k.created_at FROM chunk_collections p"
                        + " CROSS JOIN (SELECT * FROM chunks WHERE collection = ?) k"
                        + " WHERE NOT EXISTS (SELECT 1 FROM chunk_documents d WHERE d.collection = p.collection);"
                        + " INSERT INTO chunk_documents (collection, document, bucket, current_generation, chunk_count)"
                        + " SELECT p.collection, d.document, p.bucket, d.current_generation, d.chunk_count"
                        + " FROM chunk_collections p CROSS JOIN (SELECT * FROM chunk_documents WHERE collection = ?) d"
                        + " WHERE NOT EXISTS (SELECT 1 FROM chunk_documents e WHERE e.collection = p.collection)")) {
            s.setString(1, ids.get(0));
            s.setString(2, ids.get(0));
            s.execute();
        }
    }

    @AfterAll
    void dropSchema() throws SQLException {
        store.close();
        database.close();
    }

    /** Distinct ids, a quarter each of UUIDs, short strings, numbers and non-ASCII text. */
    private static List<String> randomIds(Random random) {
        String[] scripts = {"\u6587\u6863", "\u041a\u043e\u043b\u043b\u0435\u043a\u0446\u0438\u044f", "\u00e9t\u00e9",
            "\ud83d\udcda", "\u05d0\u05d5\u05e1\u05e3", "\u30b3\u30ec\u30af\u30b7\u30e7\u30f3"};
        Set<String> ids = new LinkedHashSet<>();
        while (ids.size() < COLLECTIONS) {
            ids.add(switch (ids.size() % 4) {
                case 0 -> new UUID(random.nextLong(), random.nextLong()).toString();
                case 1 -> Integer.toString(random.nextInt(46_656 * 36), 36);
                case 2 -> Long.toString(random.nextLong() % 10_000_000_000L);
                default -> scripts[random.nextInt(scripts.length)] + "-" + random.nextInt(1_000_000);
            });
        }
        return new ArrayList<>(ids);
    }

    @Test
    void tenThousandCollectionsOfEqualSizeSpreadOverAllPartitionsWithinTwentyPercent() throws SQLException {
        PartitionHealth health = store.health();
        assertThat(health.rows()).isEqualTo((long) COLLECTIONS * CHUNKS.size());
        assertThat(health.partitionsUsed()).isEqualTo(Partitions.COUNT);
        assertThat(health.maxSkewPercent()).isLessThan(20);
        assertThat(health.skewWithin(20)).isTrue();
        assertThat(health.partitions()).hasSize(Partitions.COUNT).allSatisfy(PartitionSkewIT::statusFollowsTheThreshold)
                .extracting(Partition::status).containsOnly(Status.NORMAL);
        assertThat(health.partitions().get(0).name()).isEqualTo("chunks_p00");
        assertThat(health.partitions().get(99).name()).isEqualTo("chunks_p99");
        try (Connection c = database.connect()) {
            assertThat(longs(c, "SELECT max(collections) - min(collections) FROM chunk_buckets")).containsExactly(0L);
            assertThat(longs(c, "SELECT count(*) FROM partition_health")).containsExactly(100L);
            assertThat(longs(c, "SELECT partitions_used FROM partition_health_summary")).containsExactly(100L);
        }
        assertThat(store.count(CollectionId.of(ids.get(COLLECTIONS - 1)))).isEqualTo(CHUNKS.size());
        List<Chunk> read = new ArrayList<>();
        store.read(CollectionId.of(ids.get(COLLECTIONS - 1)), DOCUMENT, read::add);
        assertThat(read).isEqualTo(CHUNKS);
    }

    @Test
    void aHashAlonePlacesTheSameIdsWorseThanTheLeastUsedPartition() throws SQLException {
        double leastUsed = store.health().maxSkewPercent();
        try (Connection c = database.connect()) {
            // the skew each partition would have if every collection went where chunking_bucket(id) points
            long worst = longs(c, "SELECT max(abs(coalesce(h.n, 0) - " + COLLECTIONS / Partitions.COUNT + "))"
                    + " FROM generate_series(0, 99) AS g LEFT JOIN (SELECT chunking_bucket(collection) AS b, count(*) AS n"
                    + " FROM chunk_collections GROUP BY 1) h ON h.b = g").get(0);
            double hashOnly = worst * 100.0 / (COLLECTIONS / Partitions.COUNT);
            assertThat(hashOnly).isGreaterThan(leastUsed);
        }
    }

    @Test
    void aNegativeSkewThresholdIsRefusedWithAMessage() {
        PartitionHealth health = store.health();
        assertThatThrownBy(() -> health.skewWithin(-1)).isInstanceOf(InvalidOptionsException.class)
                .hasMessageContaining("-1.0 %").hasMessageContaining("0 or more");
        assertThatThrownBy(() -> health.skewWithin(Double.NaN)).isInstanceOf(InvalidOptionsException.class);
    }

    @Test
    void oneLargeCollectionMakesItsPartitionHotAndTheOthersCold() throws SQLException {
        try (TestDatabase skewed = new TestDatabase(); PostgresChunkStore small = skewed.store(PostgresStoreOptions.defaults())) {
            CollectionId large = CollectionId.of("large");
            PostgresChunkWriter writer = small.writer(large);
            List<Chunk> many = Chunking.of("recursive", ChunkingOptions.builder().maxSize(20).overlap(0).build())
                    .chunk(DOCUMENT, "One collection holds every row of the table. ".repeat(40));
            many.forEach(writer::accept);
            writer.complete(DOCUMENT);
            String hot = Partitions.table(small.partitionOf(large).orElseThrow());

            PartitionHealth health = small.health();
            assertThat(health.partitionsUsed()).isEqualTo(1);
            assertThat(health.rows()).isEqualTo(many.size());
            assertThat(health.maxSkewPercent()).isEqualTo(9900.0);
            assertThat(health.skewWithin(20)).isFalse();
            assertThat(health.skewWithin(9900)).isTrue();
            assertThat(health.partitions()).allSatisfy(PartitionSkewIT::statusFollowsTheThreshold);
            assertThat(health.partitions()).filteredOn(p -> p.status() == Status.HOT).extracting(Partition::name)
                    .containsExactly(hot);
            assertThat(health.partitions()).filteredOn(p -> p.status() == Status.COLD).hasSize(99)
                    .allSatisfy(p -> assertThat(p.deviationPercent()).isEqualTo(-100.0));

            List<String> lines = health.table().lines().toList();
            assertThat(lines).hasSize(102);
            assertThat(lines.get(0)).startsWith("partition").contains("rows", "bytes", "deviation", "status");
            assertThat(lines).filteredOn(l -> l.startsWith(hot + " ")).singleElement().asString()
                    .matches(hot + " +" + many.size() + " +\\d+ +\\+9900\\.0%  HOT");
            assertThat(lines).filteredOn(l -> l.endsWith("COLD")).hasSize(99).allMatch(l -> l.contains(" -100.0%  COLD"));
            assertThat(lines.get(101)).isEqualTo("1 of 100 partitions used, " + many.size() + " rows, mean "
                    + String.format(Locale.ROOT, "%.1f", many.size() / 100.0) + ", max skew 9900.0%");
        }
    }

    private static void statusFollowsTheThreshold(Partition p) {
        Status expected = p.deviationPercent() > PartitionHealth.THRESHOLD_PERCENT ? Status.HOT
                : p.deviationPercent() < -PartitionHealth.THRESHOLD_PERCENT ? Status.COLD : Status.NORMAL;
        assertThat(p.status()).as(p.name() + " at " + p.deviationPercent() + " %").isEqualTo(expected);
    }

    @Test
    void theBucketOfEveryIntIsAPartitionAlsoAtTheEndsOfTheRange() throws SQLException {
        try (Connection c = database.connect()) {
            assertThat(longs(c, "SELECT chunking_bucket_of_hash(h) FROM unnest(ARRAY[-2147483648, 2147483647, -1, 0, 1,"
                    + " -100, -101, 99, 100]) AS h")).containsExactly(52L, 47L, 99L, 0L, 1L, 0L, 99L, 99L, 0L);
            assertThat(longs(c, "SELECT count(*) FROM generate_series(-2147483648, -2147483548) AS h"
                    + " WHERE chunking_bucket_of_hash(h::int) NOT BETWEEN 0 AND 99")).containsExactly(0L);
        }
    }

    @Test
    void idsHashingToTheExtremesOfTheRangeStoreAndReadBack() throws SQLException {
        try (TestDatabase fresh = new TestDatabase(); PostgresChunkStore extremes = fresh.store(PostgresStoreOptions.defaults());
             Connection c = fresh.connect(); Statement s = c.createStatement();
             // the lowest and the highest hashtext() among 2 million candidate ids
             ResultSet rs = s.executeQuery("WITH h AS (SELECT 'extreme-' || g AS id, hashtext('extreme-' || g) AS hash"
                     + " FROM generate_series(1, 2000000) AS g)"
                     + " (SELECT id, hash, chunking_bucket(id) FROM h ORDER BY hash LIMIT 1)"
                     + " UNION ALL (SELECT id, hash, chunking_bucket(id) FROM h ORDER BY hash DESC LIMIT 1)")) {
            assertThat(rs.next()).isTrue();
            String lowest = rs.getString(1);
            assertThat(rs.getInt(2)).isLessThan(-2_147_000_000);
            int lowestBucket = rs.getInt(3);
            assertThat(rs.next()).isTrue();
            String highest = rs.getString(1);
            assertThat(rs.getInt(2)).isGreaterThan(2_147_000_000);
            int highestBucket = rs.getInt(3);

            for (String id : List.of(lowest, highest)) {
                PostgresChunkWriter writer = extremes.writer(CollectionId.of(id));
                CHUNKS.forEach(writer::accept);
                writer.complete(DOCUMENT);
            }
            // an empty table: each goes where its hash points (the second one next to it if both point alike)
            assertThat(extremes.partitionOf(CollectionId.of(lowest))).hasValue(lowestBucket);
            assertThat(extremes.partitionOf(CollectionId.of(highest)))
                    .hasValue(highestBucket == lowestBucket ? (lowestBucket + 1) % 100 : highestBucket);
            for (String id : List.of(lowest, highest)) {
                List<Chunk> read = new ArrayList<>();
                assertThat(extremes.read(CollectionId.of(id), DOCUMENT, read::add)).isEqualTo(CHUNKS.size());
                assertThat(read).as(id).isEqualTo(CHUNKS);
                assertThat(extremes.count(CollectionId.of(id))).isEqualTo(CHUNKS.size());
            }
        }
    }

    private static List<Long> longs(Connection c, String sql) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getLong(1));
            }
        }
        return values;
    }
}
