package io.seqcast.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of a write never leaves a visible half version: a child JVM writes 12 MB
 * versions in a loop and is killed at a random moment, several times over the same folder; a fresh
 * store then sees only complete versions whose weights match their manifest's sha256.
 */
class KillDuringWriteTest {

    @TempDir
    Path dir;

    @Test
    void aWriterKilledMidWriteLeavesOnlyCompleteVersions() throws Exception {
        Random random = new Random(7);
        int killed = 0;
        int leftovers = 0;
        for (int round = 0; round < 12 && (round < 4 || leftovers == 0); round++) {
            // Odd rounds: the child halts itself the moment its third write has a temporary folder, so at
            // least one kill surely lands mid-write; even rounds: SIGKILL from here at a random moment.
            boolean selfHalt = round % 2 == 1;
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), StoreWriterMain.class.getName(), dir.toString(),
                    Integer.toString(round), selfHalt ? "halt-mid-write" : "loop")
                    .redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                int wrote = 0;
                String line;
                boolean writing = false;
                while (!writing && (line = out.readLine()) != null) {
                    if (line.startsWith("wrote ")) {
                        wrote++;
                    }
                    writing = wrote >= 2 && line.equals("writing");
                }
                assertThat(wrote).as("the child wrote versions").isEqualTo(2);
                if (!selfHalt) {
                    Thread.sleep(random.nextInt(4)); // somewhere inside the next write (12 MB, fsynced)
                    child.destroyForcibly();          // SIGKILL
                }
                assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
                killed++;
            }
            try (Stream<Path> entries = Files.list(dir.resolve("big"))) {
                leftovers += (int) entries.filter(p -> p.getFileName().toString().startsWith(".tmp-")).count();
            }
        }
        // At least one kill hit a write in progress (its temporary folder is still there) ...
        assertThat(leftovers).as("kills that interrupted a write").isPositive();

        FileSystemModelStore store = new FileSystemModelStore(dir);
        var versions = store.versions("big");
        assertThat(versions).hasSizeGreaterThanOrEqualTo(2 * killed);
        for (int v : versions) {
            ModelManifest manifest = store.manifest("big", v);
            assertThat(manifest.version()).isEqualTo(v);
            assertThat(Sha256.hex(store.weights("big", v))).as("sha256 of big@%d", v).isEqualTo(manifest.sha256());
        }
        try (Stream<Path> entries = Files.list(dir.resolve("big"))) {
            List<String> names = entries.map(p -> p.getFileName().toString()).toList();
            System.out.println("after " + killed + " kills: " + names);
        }
        // ... yet no half version is visible, and the registry serves the latest complete version with nothing rejected.
        DefaultModelRegistry registry = TestModels.registry(store);
        registry.refresh();
        assertThat(registry.model("big").rejected()).isEmpty();
        assertThat(registry.resolve(ModelReference.parse("big")).version()).isEqualTo(versions.last());
    }
}
