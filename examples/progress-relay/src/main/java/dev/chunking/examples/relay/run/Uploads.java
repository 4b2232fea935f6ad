package dev.chunking.examples.relay.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stores an upload in a file of its own, refusing it as soon as it passes the limit, so an upload
 * never holds more than one buffer in memory and a refused one leaves nothing behind.
 */
final class Uploads {
    private Uploads() {
    }

    /**
     * Copies a request body to a new file in {@code directory}.
     *
     * @param body the request body
     * @param directory where uploads are kept while they are chunked
     * @param limit the most bytes accepted
     * @return the file
     * @throws RelayRequestException (413) when the body is larger than the limit
     * @throws IOException if reading or writing fails
     */
    static Path store(InputStream body, Path directory, long limit) throws IOException {
        Path file = Files.createTempFile(directory, "upload-", ".bin");
        boolean kept = false;
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                total += n;
                if (total > limit) {
                    throw new RelayRequestException(413, "the upload is larger than the relay's limit of " + limit
                            + " bytes (maxUploadBytes, --max-upload-bytes); send a smaller file or raise the limit");
                }
                out.write(buffer, 0, n);
            }
            kept = true;
        } finally {
            if (!kept) {
                Files.deleteIfExists(file);
            }
        }
        return file;
    }
}
