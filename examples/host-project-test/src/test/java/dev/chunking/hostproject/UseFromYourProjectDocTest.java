package dev.chunking.hostproject;

import static dev.chunking.hostproject.HostProjectFiles.DOC;
import static dev.chunking.hostproject.HostProjectFiles.QUICK_START;
import static dev.chunking.hostproject.HostProjectFiles.README;
import static dev.chunking.hostproject.HostProjectFiles.ROOT;
import static dev.chunking.hostproject.HostProjectFiles.pomBlock;
import static dev.chunking.hostproject.HostProjectFiles.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The "Use it from your project" pages show the files of examples/host-project verbatim, the
 * files HostProjectIT builds and runs, so the pages cannot drift from code that works.
 */
class UseFromYourProjectDocTest {
    private static final Pattern ARTIFACT_ID = Pattern.compile("<artifactId>([^<]+)</artifactId>");

    @Test
    void theDocPageShowsTheHostPomsDependencyBlocksVerbatim() {
        assertThat(read(DOC)).contains("```xml\n" + pomBlock() + "```");
    }

    @Test
    void theReadmeShowsTheHostPomsDependencyBlocksVerbatim() {
        assertThat(read(README)).contains("## Use it from your project").contains("```xml\n" + pomBlock() + "```");
    }

    @Test
    void theDocPageShowsTheWholeExampleClassVerbatim() {
        assertThat(read(DOC)).contains("```java\n" + read(QUICK_START) + "```");
    }

    @Test
    void theHostPomImportsTheBomOfThisBuildsVersion() {
        assertThat(pomBlock()).containsPattern("<artifactId>chunking-bom</artifactId>\\s*<version>"
                + Pattern.quote(System.getProperty("chunking.version")) + "</version>");
    }

    @Test
    void theBomManagesEveryLibraryArtifactAndNothingElse() {
        Set<String> libraries = new TreeSet<>();
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(read(ROOT.resolve("pom.xml")));
        while (module.find()) {
            String artifactId = firstArtifactIdAfterParent(read(ROOT.resolve(module.group(1)).resolve("pom.xml")));
            // the BOM itself and the benchmarks are not libraries; examples are not published
            if (artifactId.startsWith("chunking-") && !artifactId.equals("chunking-bom")
                    && !artifactId.equals("chunking-benchmarks") && !artifactId.startsWith("chunking-example")) {
                libraries.add(artifactId);
            }
        }
        List<String> managed = new ArrayList<>();
        Matcher managedIds = ARTIFACT_ID.matcher(read(ROOT.resolve("chunking-bom/pom.xml"))
                .split("<dependencyManagement>", 2)[1].split("</dependencyManagement>", 2)[0]);
        while (managedIds.find()) {
            managed.add(managedIds.group(1));
        }

        assertThat(libraries).contains("chunking-core", "chunking-streaming", "chunking-tokenizers", "chunking-cli");
        assertThat(managed).containsExactlyInAnyOrderElementsOf(libraries);
    }

    private static String firstArtifactIdAfterParent(String pom) {
        String withoutParent = pom.replaceFirst("(?s)<parent>.*?</parent>", "");
        Matcher m = ARTIFACT_ID.matcher(withoutParent);
        assertThat(m.find()).as("an artifactId in %s", pom.substring(0, Math.min(200, pom.length()))).isTrue();
        return m.group(1);
    }
}
