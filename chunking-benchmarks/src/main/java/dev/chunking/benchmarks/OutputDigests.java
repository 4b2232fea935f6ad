package dev.chunking.benchmarks;

import dev.chunking.application.ChunkDigest;
import dev.chunking.domain.DocumentId;
import dev.chunking.spi.Chunker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Pins the exact output of every built-in strategy on the benchmark corpora: one SHA-256 digest
 * of the chunks ({@link ChunkDigest}) per file and strategy, with the options {@code bin/chunk}
 * gives it when none are set, fed in 64-KiB slices. An optimisation must leave them unchanged;
 * {@code --check} compares them with the digests committed in {@code corpus-digests.txt} (this
 * module's resources) and exits 1 on any difference. The repository's own documents are pinned
 * the same way by core's {@code OutputDigestTest}, in every build.
 *
 * <p>Usage: {@code OutputDigests [--check] CORPUS_DIR FILE...}. Not thread-safe; a command-line tool.
 */
public final class OutputDigests {
    private OutputDigests() {
    }

    /**
     * Digests and prints, or checks.
     *
     * @param args {@code --check} (optional), the corpus directory, then file names in it (plain or {@code .xz})
     */
    public static void main(String[] args) {
        boolean check = args.length > 0 && args[0].equals("--check");
        int first = check ? 1 : 0;
        if (args.length - first < 2) {
            System.err.println("usage: OutputDigests [--check] CORPUS_DIR FILE...");
            System.exit(2);
        }
        List<String> lines = new ArrayList<>();
        for (int f = first + 1; f < args.length; f++) {
            byte[] input = BenchmarkInputs.load(args[first], args[f]);
            for (String strategy : SizeDistribution.STRATEGIES) {
                ChunkDigest digest = new ChunkDigest();
                try (Chunker chunker = SizeDistribution.chunking(strategy).open(DocumentId.of(args[f]), digest)) {
                    for (int at = 0; at < input.length; at += BenchmarkInputs.SLICE_BYTES) {
                        chunker.feed(input, at, Math.min(BenchmarkInputs.SLICE_BYTES, input.length - at));
                    }
                    chunker.finish();
                }
                String line = args[f] + " " + strategy + " " + digest.chunks() + " " + digest.hex();
                lines.add(line);
                System.out.println(line);
            }
        }
        if (check) {
            List<String> pinned = pinned();
            List<String> differing = lines.stream().filter(line -> !pinned.contains(line)).toList();
            if (!differing.isEmpty()) {
                System.err.println("output differs from corpus-digests.txt in " + differing.size() + " of " + lines.size()
                        + " lines: " + differing);
                System.exit(1);
            }
            System.out.println("all " + lines.size() + " digests match corpus-digests.txt");
        }
    }

    private static List<String> pinned() {
        try (InputStream in = OutputDigests.class.getResourceAsStream("/corpus-digests.txt")) {
            if (in == null) {
                throw new IllegalStateException("corpus-digests.txt is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
