package dev.chunking.embeddings.onnx;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a child JVM by {@link ThreadBoundIT}: prints how many threads the process gained while an
 * embedder with the thread count of its argument loaded the model and embedded a batch (the
 * threads of the whole process, native ones included, as {@code /proc/self/task} lists them).
 */
public final class ThreadProbe {
    private ThreadProbe() {
    }

    /**
     * Loads and runs the embedder, then prints the thread gain.
     *
     * @param args the intra-op thread count
     */
    public static void main(String[] args) {
        int threads = Integer.parseInt(args[0]);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            texts.add("Sentence number " + i + " of the probe, long enough to give the threads some work to share.");
        }
        int before = tasks();
        try (MiniLmEmbedder embedder = new MiniLmEmbedder(MiniLmOptions.defaults().withThreads(threads).withBatchSize(64))) {
            embedder.embed(texts);
            System.out.println(tasks() - before);
        }
    }

    private static int tasks() {
        String[] names = new File("/proc/self/task").list();
        if (names == null) {
            throw new IllegalStateException("no /proc/self/task: the probe needs Linux");
        }
        return names.length;
    }
}
