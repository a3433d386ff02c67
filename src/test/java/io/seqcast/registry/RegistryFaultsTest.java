package io.seqcast.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;

/**
 * Damaged stores never make a bare name serve something it should not: a production version that no
 * longer loads, and an {@code aliases.json} that cannot be read, are reported and answered with 503
 * (or served by the last good version), and a {@code PUT} of an alias repairs the aliases.
 */
class RegistryFaultsTest {

    @TempDir
    Path dir;

    /** Versions 1 and 2 with production on 1: the bare name must serve 1, never the latest. */
    private FileSystemModelStore promotedFirstOfTwo() {
        FileSystemModelStore store = new FileSystemModelStore(dir);
        DefaultModelRegistry writer = TestModels.registry(store);
        writer.register("sales", TestModels.weights(), TestModels.manifest());
        writer.register("sales", TestModels.scaledWeights(0.5f), TestModels.manifest());
        writer.setAlias("sales", DefaultModelRegistry.PRODUCTION, 1);
        return store;
    }

    private void damageWeights(int version) throws IOException {
        Path weights = dir.resolve("sales").resolve(Integer.toString(version)).resolve(FileSystemModelStore.WEIGHTS_FILE);
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length - 3] ^= 0x5a; // a value changes: the sha256 no longer matches the manifest's
        Files.write(weights, bytes);
    }

    private void writeAliases(String json) throws IOException {
        Files.writeString(dir.resolve("sales").resolve(FileSystemModelStore.ALIASES_FILE), json);
    }

    @Test
    void aProductionVersionDamagedOnDiskAnswers503AfterARestartInsteadOfServingTheLatest() throws Exception {
        FileSystemModelStore store = promotedFirstOfTwo();
        damageWeights(1);

        DefaultModelRegistry restarted = TestModels.registry(store);
        restarted.refresh();

        assertThatThrownBy(() -> restarted.resolve(ModelReference.parse("sales")))
                .isInstanceOfSatisfying(ModelUnavailableException.class, e -> {
                    assertThat(e.getStatusCode().value()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE.value());
                    assertThat(e.getBody().getTitle()).isEqualTo("Model unavailable");
                })
                .hasMessageContaining("production").hasMessageContaining("version 1").hasMessageContaining("sha256");
        assertThatThrownBy(() -> restarted.resolve(ModelReference.parse("sales@production")))
                .isInstanceOf(ModelUnavailableException.class);
        assertThat(restarted.resolve(ModelReference.parse("sales@2")).version()).isEqualTo(2);
        ModelAdministration.ModelInfo info = restarted.model("sales");
        assertThat(info.serving()).isZero();
        assertThat(info.problems()).singleElement().asString()
                .contains("alias production").contains("version 1").contains("503");
    }

    @Test
    void aRunningInstanceKeepsItsLastGoodProductionVersionWhenTheAliasMovesToADamagedOneAndSaysSo() throws Exception {
        FileSystemModelStore store = promotedFirstOfTwo();
        DefaultModelRegistry running = TestModels.registry(store);
        running.refresh();
        assertThat(running.resolve(ModelReference.parse("sales")).version()).isEqualTo(1);

        // Another process registers version 3, it is damaged on disk, and the alias is moved to it.
        TestModels.registry(store).register("sales", TestModels.scaledWeights(0.25f), TestModels.manifest());
        damageWeights(3);
        store.setAlias("sales", DefaultModelRegistry.PRODUCTION, 3);
        running.refresh();

        assertThat(running.resolve(ModelReference.parse("sales")).version()).isEqualTo(1);
        assertThat(running.model("sales").serving()).isEqualTo(1);
        assertThat(running.model("sales").problems()).singleElement().asString()
                .contains("version 3").contains("version 1, the last good one, serves meanwhile");
    }

    @Test
    void aCorruptAliasesFileKeepsEveryVersionReachableAnswers503ForTheBareNameAndAPutRepairsIt() throws Exception {
        FileSystemModelStore store = promotedFirstOfTwo();
        writeAliases("{\"production\": 1,");

        DefaultModelRegistry restarted = TestModels.registry(store);
        restarted.refresh();

        assertThat(restarted.resolve(ModelReference.parse("sales@1")).version()).isEqualTo(1);
        assertThat(restarted.resolve(ModelReference.parse("sales@2")).version()).isEqualTo(2);
        assertThatThrownBy(() -> restarted.resolve(ModelReference.parse("sales")))
                .isInstanceOf(ModelUnavailableException.class).hasMessageContaining("aliases.json")
                .hasMessageContaining("PUT /models/sales/aliases/");
        assertThat(restarted.model("sales").problems()).singleElement().asString().contains("corrupt");
        assertThatThrownBy(() -> restarted.deleteVersion("sales", 1)).isInstanceOf(ModelUnavailableException.class);
        assertThatThrownBy(() -> restarted.removeAlias("sales", "staging")).isInstanceOf(ModelUnavailableException.class);

        assertThat(restarted.setAlias("sales", DefaultModelRegistry.PRODUCTION, 1)).isZero();

        assertThat(restarted.resolve(ModelReference.parse("sales")).version()).isEqualTo(1);
        assertThat(restarted.model("sales").problems()).isEmpty();
        assertThat(store.aliases("sales")).isEqualTo(Map.of("production", 1));
        try (Stream<Path> files = Files.list(dir.resolve("sales"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(f -> f.startsWith(".aliases.json.corrupt-"));
        }
    }

    @Test
    void aRunningInstanceKeepsTheAliasesItReadWhenTheFileBreaksAndAPutKeepsThemToo() throws Exception {
        FileSystemModelStore store = promotedFirstOfTwo();
        DefaultModelRegistry running = TestModels.registry(store);
        running.refresh();
        writeAliases("");
        running.refresh();

        assertThat(running.resolve(ModelReference.parse("sales")).version()).isEqualTo(1);
        assertThat(running.model("sales").problems()).singleElement().asString()
                .contains("corrupt").contains("stay in force");

        running.setAlias("sales", "staging", 2);
        assertThat(store.aliases("sales")).isEqualTo(Map.of("production", 1, "staging", 2));
        assertThat(running.model("sales").problems()).isEmpty();
    }

    @Test
    void anAliasesFileWithOneInvalidEntryIsUnreadableNotSilentlyShortened() throws Exception {
        FileSystemModelStore store = promotedFirstOfTwo();
        writeAliases("{\"production\": \"one\", \"staging\": 2}");

        assertThatThrownBy(() -> store.aliases("sales")).isInstanceOf(AliasStoreException.class)
                .hasMessageContaining("production -> one");
        DefaultModelRegistry restarted = TestModels.registry(store);
        restarted.refresh();
        assertThatThrownBy(() -> restarted.resolve(ModelReference.parse("sales")))
                .isInstanceOf(ModelUnavailableException.class);
        assertThatThrownBy(() -> restarted.resolve(ModelReference.parse("sales@staging")))
                .isInstanceOf(ModelUnavailableException.class);
    }

    @Test
    void aPostgresStoreThatCannotQueryTheAliasesSaysSoInsteadOfAnsweringNone() {
        javax.sql.DataSource down = (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
                    throw new java.sql.SQLException("connection refused");
                });
        assertThatThrownBy(() -> new PostgresModelStore(down).aliases("sales"))
                .isInstanceOf(AliasStoreException.class).hasMessageContaining("connection refused");
    }

    @Test
    void withoutAProductionAliasTheBareNameStillServesTheLatest() {
        FileSystemModelStore store = new FileSystemModelStore(dir);
        DefaultModelRegistry registry = TestModels.registry(store);
        registry.register("sales", TestModels.weights(), TestModels.manifest());
        registry.register("sales", TestModels.scaledWeights(0.5f), TestModels.manifest());
        assertThat(registry.resolve(ModelReference.parse("sales")).version()).isEqualTo(2);
        assertThat(registry.model("sales").problems()).isEmpty();
        assertThat(new String(FileSystemModelStore.AliasesJson.write(store.aliases("sales")), StandardCharsets.UTF_8))
                .isEqualTo("{}");
    }
}
