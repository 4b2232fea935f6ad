package dev.chunking.hostproject;

import static dev.chunking.hostproject.HostProjectFiles.MODULE;
import static dev.chunking.hostproject.HostProjectFiles.documentedOutput;
import static dev.chunking.hostproject.HostProjectFiles.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * examples/host-project, built by maven-invoker-plugin in pre-integration-test as a separate
 * project against this build's artifacts in target/local-repo ({@code mvn compile exec:java}),
 * compiled, ran and printed exactly what docs/use-from-your-project.md says it prints.
 */
class HostProjectIT {
    private static final Path BUILD_LOG = MODULE.resolve("target/it/host-project/build.log");

    @Test
    void theHostProjectBuildsAgainstTheInstalledArtifactsAndPrintsWhatTheDocSays() {
        assertThat(BUILD_LOG).as("the invoker plugin's log of the host build").exists();
        String log = read(BUILD_LOG).replace("\r\n", "\n");

        assertThat(log).contains("BUILD SUCCESS").contains(documentedOutput());
    }

    @Test
    void theLibraryCameFromThisBuildInstalledUnderTarget() {
        Path localRepo = MODULE.resolve("target/local-repo/dev/chunking");

        assertThat(localRepo.resolve("chunking-bom")).isDirectory();
        assertThat(localRepo.resolve("chunking-streaming")).isDirectory();
        assertThat(localRepo.resolve("chunking-core")).isDirectory();
        assertThat(Files.exists(localRepo.resolve("chunking-tokenizers"))).as("only what the host uses is installed").isFalse();
    }
}
