package dev.chunking.cli;

import dev.chunking.domain.ChunkingException;
import dev.chunking.postgres.PartitionHealth;
import dev.chunking.postgres.PostgresChunkStore;
import dev.chunking.postgres.PostgresStoreOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code chunk health --store URL}: prints the partition health table of a chunk database
 * ({@link PartitionHealth#table()}): rows, bytes and deviation from the mean of each of the 100
 * partitions, and a summary line. Reads only: it creates no tables in a database that has none.
 */
final class HealthCommand {
    /** The first argument that names this command. */
    static final String NAME = "health";

    private final StandardOutput stdout;

    HealthCommand(StandardOutput stdout) {
        this.stdout = stdout;
    }

    void run(List<String> args) throws IOException {
        String url = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals(StoreArguments.STORE) && i + 1 < args.size()) {
                url = args.get(++i);
            } else if (arg.equals("-h") || arg.equals("--help")) {
                stdout.write((StoreArguments.USAGE + "\n").getBytes(StandardCharsets.UTF_8));
                stdout.flush();
                return;
            } else {
                throw new UsageException(arg.equals(StoreArguments.STORE) ? "--store needs a value; give e.g. chunk health --store"
                        + " jdbc:postgresql://127.0.0.1:5432/chunks?user=NAME"
                        : "'chunk health' takes only --store URL, not " + StoreArguments.shown(arg) + "; see chunk --help");
            }
        }
        if (url == null) {
            throw new UsageException("'chunk health' needs --store URL, the database to report on; give e.g. chunk health --store"
                    + " jdbc:postgresql://127.0.0.1:5432/chunks?user=NAME");
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new UsageException("--store " + StoreArguments.shown(url) + " is not a PostgreSQL JDBC URL; give e.g. --store"
                    + " jdbc:postgresql://127.0.0.1:5432/chunks?user=NAME");
        }
        PartitionHealth health;
        try (PostgresChunkStore store = StoreCommand.open(url, PostgresStoreOptions.builder().migrate(false).build())) {
            health = store.health();
        } catch (StoreCommand.StoreUnreachableException e) {
            throw e;
        } catch (ChunkingException e) {
            String message = String.valueOf(e.getMessage()).replaceAll("\\R\\s*", " ");
            throw new StoreCommand.StoreUnreachableException(message + (message.contains("partition_health")
                    ? " (no chunks were ever stored in this database or schema, so it has no partitions to report on)" : ""), e);
        }
        stdout.write(health.table().getBytes(StandardCharsets.UTF_8));
        stdout.flush();
    }
}
