package dev.chunking.cli;

import dev.chunking.domain.CollectionId;
import dev.chunking.domain.InvalidOptionsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The options of {@code chunk --store URL --collection ID [--checkpoint [--checkpoint-every N]] FILE...},
 * which send the chunks to a PostgreSQL database instead of standard output. They are taken out of
 * the command line before {@link Arguments} parses the rest; with {@code --store}, {@code --checkpoint}
 * takes no value (the checkpoints live in the database). Immutable.
 *
 * @param url the JDBC URL of the database, {@code jdbc:postgresql:...}
 * @param collection the collection the documents are stored in
 * @param checkpoint whether the run keeps checkpoints in the database and resumes from them
 * @param checkpointEvery with {@code checkpoint}: a checkpoint after at least this many chunks
 */
record StoreArguments(String url, CollectionId collection, boolean checkpoint, int checkpointEvery) {
    /** The option that names the database. */
    static final String STORE = "--store";
    /** The option that names the collection. */
    static final String COLLECTION = "--collection";
    /** The option that sets the checkpoint interval in chunks. */
    static final String CHECKPOINT_EVERY = "--checkpoint-every";
    /** Chunks between checkpoints unless {@code --checkpoint-every} is given: the runner's default. */
    static final int DEFAULT_CHECKPOINT_EVERY = 1000;
    private static final String CHECKPOINT = "--checkpoint";
    private static final String EXAMPLE_URL = "jdbc:postgresql://127.0.0.1:5432/chunks?user=NAME";

    /** The usage text of the store and health commands, for {@code --help}. */
    static final String USAGE = String.join("\n",
            "PostgreSQL (chunking-postgres):",
            "       chunk --store URL --collection ID [--checkpoint [--checkpoint-every N]] [OPTIONS] FILE...",
            "                                    store each FILE's chunks in the database (document id: FILE as",
            "                                    given, stdin for -) and print one line per file: file, chunks,",
            "                                    bytes, seconds; --out and --format do not apply",
            "       chunk health --store URL     print the partition health table of the database",
            "  --store URL            the database, e.g. " + EXAMPLE_URL,
            "                         (the tables are created on first use; currentSchema=NAME picks a schema)",
            "  --collection ID        the collection the documents go to (required with --store)",
            "  --checkpoint           with --store: keep checkpoints in the database, committed with the chunks",
            "                         they cover; a run killed and started again resumes, without duplicates or gaps",
            "  --checkpoint-every N   with --store --checkpoint: a checkpoint after at least N chunks (default "
                    + DEFAULT_CHECKPOINT_EVERY + ")",
            "  A URL that is not jdbc:postgresql: exits 2; a server that cannot be reached or a database that does",
            "  not exist exits 1, each with one line on stderr.");

    /**
     * A command line split in two: the store options, if {@code --store} was given, and the rest.
     *
     * @param store the store options
     * @param rest the other arguments, in order, for {@link Arguments#parse}
     */
    record Split(Optional<StoreArguments> store, List<String> rest) {
        Split {
            rest = List.copyOf(rest);
        }
    }

    /**
     * Takes the store options out of a command line. Arguments after {@code --} are files and stay.
     *
     * @param args the command line
     * @return the store options and the other arguments
     * @throws UsageException if a store option is given without {@code --store}, or lacks or has a bad value
     */
    static Split split(String... args) {
        int end = List.of(args).indexOf("--");
        List<String> options = List.of(args).subList(0, end < 0 ? args.length : end);
        if (!options.contains(STORE)) {
            for (String option : List.of(COLLECTION, CHECKPOINT_EVERY)) {
                if (options.contains(option)) {
                    throw new UsageException(option + " needs " + STORE + " URL; give the database, e.g. " + STORE + " "
                            + EXAMPLE_URL);
                }
            }
            return new Split(Optional.empty(), List.of(args));
        }
        String url = null;
        String collection = null;
        boolean checkpoint = false;
        Integer every = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (end >= 0 && i >= end) {
                rest.add(arg);
                continue;
            }
            switch (arg) {
                case STORE -> url = value(args, ++i, arg);
                case COLLECTION -> collection = value(args, ++i, arg);
                case CHECKPOINT -> checkpoint = true;
                case CHECKPOINT_EVERY -> every = Arguments.wholeNumber(arg, value(args, ++i, arg), "1000");
                case "--out", "--format" -> throw new UsageException(arg + " does not apply with " + STORE
                        + ": the chunks go to the database and one summary line per file to standard output; remove it");
                default -> rest.add(arg);
            }
        }
        if (url == null) { // "--collection --store URL": the option was taken as another one's value
            throw new UsageException(STORE + " needs a value; see chunk --help");
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new UsageException(STORE + " " + shown(url) + " is not a PostgreSQL JDBC URL; give e.g. " + STORE + " "
                    + EXAMPLE_URL);
        }
        if (collection == null) {
            throw new UsageException(STORE + " needs " + COLLECTION + " ID, the collection to store the documents in;"
                    + " give e.g. " + COLLECTION + " docs");
        }
        if (every != null && !checkpoint) {
            throw new UsageException(CHECKPOINT_EVERY + " needs " + CHECKPOINT + "; give both, or neither");
        }
        if (every != null && every < 1) {
            throw new UsageException(CHECKPOINT_EVERY + " " + every + " must be at least 1; give e.g. " + CHECKPOINT_EVERY + " 1000");
        }
        CollectionId id;
        try {
            id = CollectionId.of(collection);
        } catch (InvalidOptionsException e) {
            throw new UsageException(COLLECTION + " " + shown(collection) + " cannot be a collection id: " + e.getMessage());
        }
        return new Split(Optional.of(new StoreArguments(url, id, checkpoint, every == null ? DEFAULT_CHECKPOINT_EVERY : every)),
                rest);
    }

    /**
     * Refuses the store options for a command other than {@code chunk FILE...}.
     *
     * @param command the command {@link Arguments} parsed
     * @throws UsageException for {@code preview}, {@code compare} or {@code strategies}
     */
    void check(String command) {
        if (!command.equals("chunk") && !command.equals("help")) {
            throw new UsageException(STORE + " does not apply to '" + command + "'; it is for 'chunk FILE...' and 'chunk health'");
        }
    }

    /**
     * A URL or value as shown in a message: on one line, and without the query of a URL, which may hold a password.
     *
     * @param text the text
     * @return the text to show
     */
    static String shown(String text) {
        int query = text.indexOf('?');
        return (query < 0 ? text : text.substring(0, query) + "?...").replaceAll("\\p{Cntrl}", "?");
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].equals("--")) {
            throw new UsageException(option + " needs a value; see chunk --help");
        }
        return args[i];
    }
}
