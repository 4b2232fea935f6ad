package dev.chunking.springai;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ai.document.Document;

/** Checks that chunk documents are exact slices of their source at the offsets in their metadata. */
final class Slices {
    private Slices() {
    }

    /**
     * The source's code points {@code [start, end)}.
     *
     * @param source the text
     * @param start code-point offset, inclusive
     * @param end code-point offset, exclusive
     * @return the slice
     */
    static String codePoints(String source, long start, long end) {
        int from = source.offsetByCodePoints(0, Math.toIntExact(start));
        return source.substring(from, source.offsetByCodePoints(from, Math.toIntExact(end - start)));
    }

    /**
     * Asserts that the documents cut from one source are, in order, its chunks 0..n-1 with Spring AI's keys, and
     * that each one's text is exactly the source's slice at its code-point offsets and, in UTF-8, at its byte offsets.
     * Chunks of one level with one parent start and end in order (parents that overlap repeat their children).
     *
     * @param sourceId the source document's id
     * @param source the source text
     * @param documents the chunk documents of that source, in the order the splitter returned them
     */
    static void assertExact(String sourceId, String source, List<Document> documents) {
        byte[] utf8 = source.getBytes(StandardCharsets.UTF_8);
        Map<String, long[]> lastOfLevel = new HashMap<>();
        for (int i = 0; i < documents.size(); i++) {
            Document document = documents.get(i);
            Map<String, Object> metadata = document.getMetadata();
            assertThat(metadata).containsEntry(MetadataKeys.PARENT_DOCUMENT_ID, sourceId)
                    .containsEntry(MetadataKeys.CHUNK_INDEX, i).containsEntry(MetadataKeys.TOTAL_CHUNKS, documents.size());
            long start = (Long) metadata.get(MetadataKeys.START);
            long end = (Long) metadata.get(MetadataKeys.END);
            long byteStart = (Long) metadata.get(MetadataKeys.BYTE_START);
            long byteEnd = (Long) metadata.get(MetadataKeys.BYTE_END);
            assertThat(document.getText()).as("chunk %d, code points [%d, %d)", i, start, end)
                    .isEqualTo(codePoints(source, start, end));
            assertThat(Arrays.copyOfRange(utf8, Math.toIntExact(byteStart), Math.toIntExact(byteEnd)))
                    .as("chunk %d, bytes [%d, %d)", i, byteStart, byteEnd)
                    .isEqualTo(document.getText().getBytes(StandardCharsets.UTF_8));
            long[] last = lastOfLevel.put(metadata.get(MetadataKeys.LEVEL) + " " + metadata.get(MetadataKeys.PARENT_ID),
                    new long[] {start, end});
            if (last != null) {
                assertThat(start).as("start of chunk %d after the one before on its level and parent", i).isGreaterThanOrEqualTo(last[0]);
                assertThat(end).as("end of chunk %d after the one before on its level and parent", i).isGreaterThan(last[1]);
            }
        }
    }
}
