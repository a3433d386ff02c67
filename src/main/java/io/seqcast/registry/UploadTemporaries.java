package io.seqcast.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder where Tomcat spools multipart uploads ({@code spring.servlet.multipart.location}), made
 * at start-up and cleared of the spool files a killed process left behind: only files named as Tomcat
 * names them ({@code upload_<uuid>_<n>.tmp}) and last modified before this process started, so a live
 * upload (its file is being written) is never touched. Without a fixed location Tomcat spools under a
 * fresh {@code tomcat.*} folder per start, and a crash leaves that folder behind for good.
 */
final class UploadTemporaries {

    static final Pattern TOMCAT_SPOOL_FILE = Pattern.compile("upload_[0-9a-f_]{36}_[0-9]+\\.tmp");
    private static final Logger log = LoggerFactory.getLogger(UploadTemporaries.class);

    private final Path folder;
    private final int removedAtStart;

    /** Prepares {@code folder} (see {@link #prepare}); a bean, so it runs before the web server starts. */
    UploadTemporaries(Path folder, Instant staleBefore) {
        this.folder = folder;
        this.removedAtStart = prepare(folder, staleBefore);
    }

    Path folder() {
        return folder;
    }

    /** Stale spool files removed when the application started. */
    int removedAtStart() {
        return removedAtStart;
    }

    /**
     * Creates {@code folder} when missing and removes stale spool files from it.
     *
     * @return how many files were removed
     */
    static int prepare(Path folder, Instant staleBefore) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the upload folder " + folder
                    + " (spring.servlet.multipart.location)", e);
        }
        int removed = 0;
        long bytes = 0;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (!TOMCAT_SPOOL_FILE.matcher(file.getFileName().toString()).matches() || !Files.isRegularFile(file)) {
                    continue;
                }
                try {
                    if (Files.getLastModifiedTime(file).toInstant().isBefore(staleBefore)) {
                        long size = Files.size(file);
                        if (Files.deleteIfExists(file)) {
                            removed++;
                            bytes += size;
                        }
                    }
                } catch (IOException e) {
                    log.warn("cannot remove the stale upload {}: {}", file, e.toString());
                }
            }
        } catch (IOException e) {
            log.warn("cannot scan {} for stale uploads: {}", folder, e.toString());
        }
        if (removed > 0) {
            log.info("Removed {} upload file(s) ({} bytes) left in {} by an earlier process", removed, bytes, folder);
        }
        return removed;
    }
}
