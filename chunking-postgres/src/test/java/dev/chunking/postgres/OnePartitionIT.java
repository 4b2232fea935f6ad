package dev.chunking.postgres;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.chunking.application.Chunking;
import dev.chunking.domain.Chunk;
import dev.chunking.domain.ChunkingOptions;
import dev.chunking.domain.CollectionId;
import dev.chunking.domain.DocumentId;
import dev.chunking.postgres.internal.ChunkStatements;
import dev.chunking.postgres.internal.DocumentRuns;
import dev.chunking.postgres.internal.Partitions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every statement the store sends against {@code chunks} scans and locks exactly one partition,
 * also once the server switches the prepared statement to a generic plan (after five custom
 * plans, or at once under {@code plan_cache_mode = force_generic_plan}), where a statement over
 * the parent table with {@code bucket = $1} would lock all 100 partitions. Each statement is
 * prepared server-side from the very text the store sends ({@link ChunkStatements}), executed
 * past the switch, and checked with {@code EXPLAIN} and {@code pg_locks}; then the store itself
 * runs through pgjdbc (which names a statement after five executions) while every one of its
 * transactions' locks is recorded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnePartitionIT {
    private static final Pattern RELATION = Pattern.compile("\"Relation Name\": \"([^\"]+)\"");
    private static final Pattern LEAF = Pattern.compile("chunks_p\\d\\d");
    private static final CollectionId COLLECTION = CollectionId.of("one-partition");
    private static final DocumentId DOCUMENT = DocumentId.of("doc");
    private static final int ROUNDS = 15;

    private TestDatabase database;
    private PostgresChunkStore store;
    private int bucket;
    private String leaf;

    @BeforeAll
    void writeACollection() throws SQLException {
        database = new TestDatabase();
        store = database.store(PostgresStoreOptions.defaults());
        PostgresChunkWriter writer = store.writer(COLLECTION);
        chunks(DOCUMENT).forEach(writer::accept);
        writer.complete(DOCUMENT);
        bucket = store.partitionOf(COLLECTION).orElseThrow();
        leaf = Partitions.table(bucket);
    }

    @AfterAll
    void dropSchema() throws SQLException {
        store.close();
        database.close();
    }

    private static List<Chunk> chunks(DocumentId document) {
        return Chunking.of("recursive", ChunkingOptions.builder().maxSize(40).overlap(0).build())
                .chunk(document, "Every statement names its partition. ".repeat(8));
    }

    /** A statement the store sends, its parameter types as pgjdbc binds them, and realistic values. */
    private record Query(String name, String sql, String types, String values) {
    }

    private List<Query> storeStatements() {
        String key = bucket + ", '" + COLLECTION.value() + "', '" + DOCUMENT.value() + "'";
        String read = key + ", '" + COLLECTION.value() + "', '" + DOCUMENT.value() + "'";
        return List.of(
                new Query("read", ChunkStatements.read(bucket, ChunkStatements.WHOLE_DOCUMENT),
                        "int, varchar, varchar, varchar, varchar", read),
                new Query("read_cp", ChunkStatements.read(bucket, ChunkStatements.CODE_POINT_RANGE),
                        "int, varchar, varchar, varchar, varchar, bigint, bigint", read + ", 120, 40"),
                new Query("read_bytes", ChunkStatements.read(bucket, ChunkStatements.BYTE_RANGE),
                        "int, varchar, varchar, varchar, varchar, bigint, bigint", read + ", 120, 40"),
                new Query("delete_from_index", ChunkStatements.deleteFromIndex(bucket),
                        "int, varchar, varchar, bigint, bigint", key + ", 1, 2"),
                new Query("delete_generation", ChunkStatements.deleteGeneration(bucket),
                        "int, varchar, varchar, bigint", key + ", 1"),
                new Query("delete_replaced", ChunkStatements.deleteReplaced(bucket),
                        "int, varchar, varchar, bigint, bigint, bigint", key + ", 2, 2, 5"),
                new Query("delete_document", ChunkStatements.deleteDocument(bucket), "int, varchar, varchar", key),
                new Query("delete_collection", ChunkStatements.deleteCollection(bucket), "int, varchar",
                        bucket + ", '" + COLLECTION.value() + "'"));
    }

    /** The text the server receives from pgjdbc: each {@code ?} becomes {@code $1}, {@code $2}, .... */
    private static String serverText(String jdbc) {
        StringBuilder s = new StringBuilder();
        int n = 0;
        for (char ch : jdbc.toCharArray()) {
            s.append(ch == '?' ? "$" + ++n : String.valueOf(ch));
        }
        return s.toString();
    }

    @Test
    void onlyTheStatementBuilderAndTheCopyNameAPartition() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importUrl(PostgresChunkStore.class.getProtectionDomain().getCodeSource().getLocation());
        assertThat(main.contain(Deletes.class) && main.contain(PostgresChunkStore.class) && main.contain(DocumentRuns.class)).isTrue();
        noClasses().that().doNotHaveSimpleName("ChunkStatements").and().doNotHaveSimpleName("DocumentRuns")
                .should().callMethod(Partitions.class, "table", int.class)
                .because("every statement against chunks must come from ChunkStatements, which this test prepares")
                .check(main);
    }

    @Test
    void everyStatementUnderAForcedGenericPlanScansAndLocksOnlyTheCollectionsPartition() throws SQLException {
        try (Connection c = database.connect()) {
            execute(c, "SET plan_cache_mode = force_generic_plan");
            for (Query q : storeStatements()) {
                Touched touched = prepareAndRunPastTheSwitch(c, q, 1);
                assertThat(touched.generic()).as(q.name() + " runs a generic plan").isTrue();
                assertThat(touched.planned()).as(q.name() + " plan's relations").containsExactly(leaf);
                assertThat(touched.plan()).as(q.name() + " plan keeps its parameters").contains("$2");
                assertThat(touched.lockedTables()).as(q.name() + " locked partitions").containsExactly(leaf);
                assertThat(touched.locked()).as(q.name() + " locks").allMatch(r -> r.startsWith(leaf));
            }
        }
    }

    @Test
    void everyStatementSwitchesToAGenericPlanAfterFiveExecutionsAndStillTouchesOnePartition() throws SQLException {
        try (Connection c = database.connect()) {
            execute(c, "SET plan_cache_mode = auto");
            for (Query q : storeStatements()) {
                Touched touched = prepareAndRunPastTheSwitch(c, q, 7);
                assertThat(touched.generic()).as(q.name() + " switched to a generic plan after 7 executions").isTrue();
                assertThat(touched.planned()).as(q.name() + " plan's relations").containsExactly(leaf);
                assertThat(touched.lockedTables()).as(q.name() + " locked partitions").containsExactly(leaf);
                assertThat(touched.locked()).as(q.name() + " locks").allMatch(r -> r.startsWith(leaf));
            }
        }
    }

    @Test
    void theSameReadOverTheParentTableLocksAllOneHundredPartitionsUnderAGenericPlan() throws SQLException {
        String parent = ChunkStatements.read(bucket, ChunkStatements.WHOLE_DOCUMENT).replace(" FROM " + leaf + " k ", " FROM chunks k ");
        assertThat(parent).contains(" FROM chunks k WHERE k.bucket = ?");
        try (Connection c = database.connect()) {
            execute(c, "SET plan_cache_mode = force_generic_plan");
            Touched touched = prepareAndRunPastTheSwitch(c, new Query("parent_read", parent, storeStatements().get(0).types(),
                    storeStatements().get(0).values()), 7);
            // the plan prunes to one partition when the executor starts, but the generic plan is locked whole first
            assertThat(touched.generic()).isTrue();
            assertThat(touched.planned()).containsExactly(leaf);
            assertThat(touched.plan()).contains("\"Subplans Removed\": 99");
            assertThat(touched.lockedTables()).hasSize(Partitions.COUNT).contains(leaf, "chunks_p00", "chunks_p99");
            assertThat(touched.locked()).contains("chunks");
        }
    }

    /** What one execution of a statement planned and locked, after {@code warmUp} executions. */
    private record Touched(boolean generic, String plan, TreeSet<String> planned, List<String> locked) {
        List<String> lockedTables() {
            return locked.stream().filter(r -> LEAF.matcher(r).matches()).toList();
        }
    }

    private static Touched prepareAndRunPastTheSwitch(Connection c, Query q, int warmUp) throws SQLException {
        String name = "q_" + q.name();
        String call = "EXECUTE " + name + "(" + q.values() + ")";
        execute(c, "PREPARE " + name + "(" + q.types() + ") AS " + serverText(q.sql()));
        try {
            c.setAutoCommit(false);
            for (int i = 0; i < warmUp; i++) {
                execute(c, call);
            }
            c.rollback(); // the deletes leave the rows for the next statement, and the warm-up's locks go
            long before = genericPlans(c, name);
            execute(c, call);
            List<String> locked = lockedChunkRelations(c, "pg_backend_pid()");
            long after = genericPlans(c, name);
            c.rollback();
            String plan;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN (FORMAT JSON) " + call)) {
                rs.next();
                plan = rs.getString(1);
            }
            c.rollback();
            TreeSet<String> planned = new TreeSet<>(); // a DELETE names its table in the ModifyTable node and in the scan
            Matcher m = RELATION.matcher(plan);
            while (m.find()) {
                if (m.group(1).startsWith("chunks")) {
                    planned.add(m.group(1));
                }
            }
            return new Touched(after == before + 1 && genericPlans(c, name) == after + 1, plan, planned, locked);
        } finally {
            c.rollback();
            c.setAutoCommit(true);
            execute(c, "DEALLOCATE " + name);
        }
    }

    private static long genericPlans(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT generic_plans FROM pg_prepared_statements WHERE name = '" + name + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The relations named chunks* a backend holds a lock on, as the schema's own names. */
    private static List<String> lockedChunkRelations(Connection c, String pid) throws SQLException {
        List<String> relations = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT relation::regclass::text FROM pg_locks"
                + " WHERE pid = " + pid + " AND locktype = 'relation' AND database = (SELECT oid FROM pg_database"
                + " WHERE datname = current_database()) ORDER BY 1")) {
            while (rs.next()) {
                if (rs.getString(1).startsWith("chunks")) {
                    relations.add(rs.getString(1));
                }
            }
        }
        return relations;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void theStoresOwnStatementsThroughPgjdbcRunGenericPlansAndEachTransactionLocksOnePartition() throws Exception {
        CollectionId collection = CollectionId.of("through-pgjdbc");
        DocumentId replaced = DocumentId.of("replaced");
        DocumentId deleted = DocumentId.of("deleted");
        try (Connection monitor = database.connect(); SharedConnection shared = new SharedConnection(database, monitor);
             PostgresChunkStore through = PostgresChunkStore.create(shared.dataSource(),
                     PostgresStoreOptions.builder().migrate(false).build())) {
            PostgresChunkWriter writer = through.writer(collection);
            String partition = Partitions.table(through.partitionOf(collection).orElseThrow());
            shared.transactions.clear();
            for (int round = 0; round < ROUNDS; round++) {
                chunks(replaced).forEach(writer::accept);
                writer.complete(replaced);
                chunks(deleted).forEach(writer::accept);
                writer.complete(deleted);
                assertThat(through.read(collection, replaced, chunk -> { })).isEqualTo(chunks(replaced).size());
                assertThat(through.readRange(collection, replaced, OffsetUnit.CODE_POINTS, 40, 120, chunk -> { })).isPositive();
                assertThat(through.readRange(collection, replaced, OffsetUnit.BYTES, 40, 120, chunk -> { })).isPositive();
                assertThat(through.deleteDocument(collection, deleted)).isEqualTo(chunks(deleted).size());
            }
            assertThat(through.deleteCollection(collection)).isEqualTo(chunks(replaced).size());
            assertThat(shared.transactions).hasSizeGreaterThan(ROUNDS * 8);
            // the first write into a leaf on a backend builds its cached partition constraint, which takes
            // ACCESS SHARE on the parent: that blocks only a DDL on the parent, and locks no other partition
            assertThat(shared.transactions).allSatisfy(locked -> assertThat(locked).allMatch(
                    r -> r.startsWith(partition + " ") || r.startsWith(partition + "_") || r.equals("chunks AccessShareLock")));
            assertThat(shared.transactions).anySatisfy(locked -> assertThat(locked).contains(partition + " RowExclusiveLock"));
            assertThat(shared.transactions).anySatisfy(locked -> assertThat(locked).contains(partition + " AccessShareLock"));
            int b = Integer.parseInt(partition.substring("chunks_p".length()));
            TreeSet<String> generic = shared.genericStatements();
            assertThat(generic).contains(serverText(ChunkStatements.read(b, ChunkStatements.WHOLE_DOCUMENT)),
                    serverText(ChunkStatements.read(b, ChunkStatements.CODE_POINT_RANGE)),
                    serverText(ChunkStatements.read(b, ChunkStatements.BYTE_RANGE)),
                    serverText(ChunkStatements.deleteGeneration(b)), serverText(ChunkStatements.deleteFromIndex(b)),
                    serverText(ChunkStatements.deleteReplaced(b)), serverText(ChunkStatements.deleteDocument(b)));
        }
    }
}
