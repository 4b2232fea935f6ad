package dev.chunking.embeddings.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * ONNX Runtime keeps to the thread count of the options: a child JVM (with no compiler or
 * collector threads that come and go) counts the threads it gains while the embedder loads and
 * runs; each thread more in the options is one thread more in the process, and one thread in the
 * options adds none beyond the calling thread.
 */
class ThreadBoundIT {

    private static int threadsGained(int threads) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-XX:+UseSerialGC", "-XX:-UseDynamicNumberOfCompilerThreads",
                "-XX:CICompilerCount=2", "-cp", System.getProperty("java.class.path"), ThreadProbe.class.getName(),
                Integer.toString(threads))).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("probe exit status").isZero();
        return Integer.parseInt(out);
    }

    @Test
    void eachIntraOpThreadOfTheOptionsIsOneThreadOfTheProcess() throws Exception {
        int one = threadsGained(1);
        int three = threadsGained(3);
        assertThat(one).as("threads gained with threads=1").isZero();
        assertThat(three).as("threads gained with threads=3").isEqualTo(2);
    }
}
