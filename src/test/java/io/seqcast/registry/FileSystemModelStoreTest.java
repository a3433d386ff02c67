package io.seqcast.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemModelStoreTest {

    @TempDir
    Path dir;

    @Test
    void versionsAreNumberedFromOneWithFilesManifestAndSha256() throws Exception {
        FileSystemModelStore store = new FileSystemModelStore(dir);
        ModelManifest first = store.create("sales", TestModels.weights(), TestModels.manifest());
        ModelManifest second = store.create("sales", TestModels.scaledWeights(0.5f), TestModels.manifest());

        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(store.versions("sales")).containsExactly(1, 2);
        assertThat(store.names()).containsExactly("sales");
        assertThat(dir.resolve("sales/1/model.safetensors")).exists();
        assertThat(dir.resolve("sales/1/manifest.json")).exists();
        assertThat(store.manifest("sales", 1).sha256()).isEqualTo(Sha256.hex(TestModels.weights()));
        assertThat(store.weights("sales", 1)).isEqualTo(TestModels.weights());
        assertThat(store.manifest("sales", 2).name()).isEqualTo("sales");
    }

    @Test
    void aliasesAreReplacedAtomicallyAndMustPointAtAVersion() {
        FileSystemModelStore store = new FileSystemModelStore(dir);
        store.create("sales", TestModels.weights(), TestModels.manifest());
        store.setAlias("sales", "production", 1);
        assertThat(store.aliases("sales")).isEqualTo(Map.of("production", 1));
        assertThatThrownBy(() -> store.setAlias("sales", "staging", 9)).isInstanceOf(ModelNotFoundException.class);
        assertThat(store.removeAlias("sales", "production")).isTrue();
        assertThat(store.removeAlias("sales", "production")).isFalse();
        assertThat(store.aliases("sales")).isEmpty();
        try (var files = Files.list(dir.resolve("sales"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(f -> f.startsWith(".tmp-"));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aDeletedVersionNumberIsNeverHandedOutAgain() {
        FileSystemModelStore store = new FileSystemModelStore(dir);
        store.create("sales", TestModels.weights(), TestModels.manifest());
        store.create("sales", TestModels.weights(), TestModels.manifest());
        assertThat(store.deleteVersion("sales", 2)).isTrue();
        assertThat(store.versions("sales")).containsExactly(1);
        assertThat(store.create("sales", TestModels.weights(), TestModels.manifest()).version()).isEqualTo(3);
        assertThat(store.deleteVersion("sales", 2)).isFalse();
    }

    @Test
    void incompleteAndTemporaryFoldersAreNotVersions() throws Exception {
        FileSystemModelStore store = new FileSystemModelStore(dir);
        Files.createDirectories(dir.resolve("sales/.tmp-123"));
        Files.write(dir.resolve("sales/.tmp-123/model.safetensors"), TestModels.weights());
        Files.createDirectories(dir.resolve("sales/4"));
        Files.write(dir.resolve("sales/4/model.safetensors"), TestModels.weights()); // no manifest yet
        Files.createDirectories(dir.resolve("sales/007"));
        assertThat(store.versions("sales")).isEmpty();
        assertThat(store.names()).isEmpty();
        // The next number is past every folder that looks like a version.
        assertThat(store.create("sales", TestModels.weights(), TestModels.manifest()).version()).isEqualTo(5);
    }

    @Test
    void namesThatCouldEscapeTheFolderAreRefused() {
        FileSystemModelStore store = new FileSystemModelStore(dir);
        assertThatThrownBy(() -> store.versions("../etc")).isInstanceOf(InvalidModelNameException.class);
        assertThatThrownBy(() -> store.create("a/b", TestModels.weights(), TestModels.manifest()))
                .isInstanceOf(InvalidModelNameException.class);
        assertThatThrownBy(() -> store.setAlias("sales", "..", 1)).isInstanceOf(InvalidModelNameException.class);
    }

    @Test
    void twoStoresOverOneFolderNeverHandOutTheSameNumber() throws Exception {
        FileSystemModelStore a = new FileSystemModelStore(dir);
        FileSystemModelStore b = new FileSystemModelStore(dir);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        var futures = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
        for (int i = 0; i < 20; i++) {
            FileSystemModelStore s = i % 2 == 0 ? a : b;
            futures.add(pool.submit(() -> s.create("sales", TestModels.weights(), TestModels.manifest()).version()));
        }
        var numbers = new java.util.TreeSet<Integer>();
        for (var f : futures) {
            numbers.add(f.get());
        }
        pool.shutdown();
        assertThat(numbers).hasSize(20);
        assertThat(a.versions("sales")).hasSize(20);
    }
}
