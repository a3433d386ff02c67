package io.seqcast.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a process killed in the middle of writing leaves behind is removed at the next start, and
 * nothing else: the store's own temporaries and Tomcat's upload spool files, last modified before the
 * process started. A writer still at work (newer files) and files of another tool stay.
 */
class TemporaryFilesCleanupTest {

    @TempDir
    Path dir;

    private static Path touch(Path path, Instant modified, boolean folder) throws IOException {
        Files.createDirectories(path.getParent());
        if (folder) {
            Files.createDirectories(path);
            Files.write(path.resolve(FileSystemModelStore.WEIGHTS_FILE), new byte[1024]);
        } else {
            Files.write(path, new byte[1024]);
        }
        Files.setLastModifiedTime(path, FileTime.from(modified));
        return path;
    }

    @Test
    void theStoreRemovesItsOwnTemporariesLeftBeforeThisProcessStartedAtOpening() throws Exception {
        Instant beforeStart = ProcessStart.instant().minusSeconds(5);
        Path sales = dir.resolve("sales");
        Path version = touch(sales.resolve(".tmp-" + UUID.randomUUID()), beforeStart, true);
        Path deleting = touch(sales.resolve(".tmp-deleting-" + UUID.randomUUID()), beforeStart, true);
        Path aliases = touch(sales.resolve(".tmp-aliases.json-" + UUID.randomUUID()), beforeStart, false);
        Path foreign = touch(sales.resolve(".tmp-copy-by-rsync"), beforeStart, true);
        Path live = touch(sales.resolve(".tmp-" + UUID.randomUUID()), Instant.now().plusSeconds(1), true);

        new FileSystemModelStore(dir);

        assertThat(version).doesNotExist();
        assertThat(deleting).doesNotExist();
        assertThat(aliases).doesNotExist();
        assertThat(foreign).as("not our naming: another tool's copy").exists();
        assertThat(live).as("written since this process started: a live writer").exists();
    }

    @Test
    void tomcatUploadSpoolFilesOlderThanTheStartAreRemovedAndTheFolderIsMade() throws Exception {
        Path uploads = dir.resolve("uploads");
        Instant start = Instant.now();
        Path stale = touch(uploads.resolve("upload_" + UUID.randomUUID().toString().replace('-', '_') + "_00000012.tmp"),
                start.minus(Duration.ofMinutes(3)), false);
        Path live = touch(uploads.resolve("upload_" + UUID.randomUUID().toString().replace('-', '_') + "_00000013.tmp"),
                start.plusSeconds(1), false);
        Path other = touch(uploads.resolve("notes.tmp"), start.minus(Duration.ofMinutes(3)), false);

        UploadTemporaries temporaries = new UploadTemporaries(uploads, start);

        assertThat(temporaries.removedAtStart()).isEqualTo(1);
        assertThat(stale).doesNotExist();
        assertThat(live).exists();
        assertThat(other).exists();
        assertThat(new UploadTemporaries(dir.resolve("made/at/start"), start).folder()).isDirectory();
    }
}
