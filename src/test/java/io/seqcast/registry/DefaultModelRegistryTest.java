package io.seqcast.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.seqcast.nn.PytorchFixture;

import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultModelRegistryTest {

    @TempDir
    Path dir;

    @Test
    void aPytorchTrainedModelRegistersResolvesAndForecastsLikePytorch() {
        DefaultModelRegistry registry = TestModels.registry(new FileSystemModelStore(dir));
        LoadedModel registered = registry.register("sales", TestModels.weights(), TestModels.manifest());
        assertThat(registered.label()).isEqualTo("sales@1");
        assertThat(registered.manifest().sha256()).hasSize(64);

        LoadedModel served = registry.resolve(ModelReference.parse("sales"));
        PytorchFixture fixture = PytorchFixture.load("gru_i1_h8_l1");
        float[] out = new float[fixture.batch() * 4];
        served.model().predict(TestModels.compute(), fixture.tensor("input"), fixture.batch(), fixture.steps(), out);
        assertThat(PytorchFixture.maxAbsDiff(fixture.tensor("output"), out)).isLessThan(1e-5);
    }

    @Test
    void aBareNameResolvesToProductionElseTheLatestVersion() {
        DefaultModelRegistry registry = TestModels.registry(new FileSystemModelStore(dir));
        registry.register("sales", TestModels.weights(), TestModels.manifest());
        registry.register("sales", TestModels.scaledWeights(0.9f), TestModels.manifest());
        assertThat(registry.resolve(ModelReference.parse("sales")).version()).isEqualTo(2);
        assertThat(registry.setAlias("sales", "production", 1)).isZero();
        assertThat(registry.resolve(ModelReference.parse("sales")).version()).isEqualTo(1);
        assertThat(registry.resolve(ModelReference.parse("sales@production")).version()).isEqualTo(1);
        assertThat(registry.resolve(ModelReference.parse("sales@2")).version()).isEqualTo(2);
        assertThat(registry.setAlias("sales", "production", 2)).isEqualTo(1);
        assertThat(registry.resolve(ModelReference.parse("sales")).version()).isEqualTo(2);
        assertThatThrownBy(() -> registry.resolve(ModelReference.parse("sales@canary"))).isInstanceOf(ModelNotFoundException.class);
        assertThatThrownBy(() -> registry.resolve(ModelReference.parse("sales@7"))).isInstanceOf(ModelNotFoundException.class);
        assertThatThrownBy(() -> registry.resolve(ModelReference.parse("other"))).isInstanceOf(ModelNotFoundException.class);
    }

    @Test
    void weightsThatForecastInfinityAreRefusedCountedAndNeverStored() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        FileSystemModelStore store = new FileSystemModelStore(dir);
        DefaultModelRegistry registry = TestModels.registry(store, meters);
        registry.register("sales", TestModels.weights(), TestModels.manifest());
        assertThatThrownBy(() -> registry.register("sales", TestModels.overflowingWeights(), TestModels.manifest()))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("canary forecast");
        assertThat(store.versions("sales")).containsExactly(1);
        assertThat(registry.resolve(ModelReference.parse("sales")).version()).isEqualTo(1);
        assertThat(meters.counter("seqcast.registry.rejections", "model", "sales").count()).isEqualTo(1);
    }

    @Test
    void theListenerHearsEveryLoadWithItsOutcomeAndEveryChangeOfTheServingVersion() {
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        RegistryListener listener = new RegistryListener() {
            @Override
            public void loaded(String model, LoadOutcome outcome, java.time.Duration took) {
                assertThat(took).isPositive();
                events.add("loaded " + model + " " + outcome.label());
            }

            @Override
            public void servingChanged(String model, int previous, int serving) {
                events.add("serving " + model + " " + previous + "->" + serving);
            }
        };
        DefaultModelRegistry registry = TestModels.registry(new FileSystemModelStore(dir), listener);
        registry.register("sales", TestModels.weights(), TestModels.manifest());
        registry.register("sales", TestModels.weights(), TestModels.manifest());
        assertThatThrownBy(() -> registry.register("sales", TestModels.overflowingWeights(), TestModels.manifest()))
                .isInstanceOf(InvalidModelException.class);
        registry.setAlias("sales", "production", 1); // version 1 is no longer hot: loaded again

        assertThat(events).containsExactly("loaded sales ok", "serving sales 0->1", "loaded sales ok",
                "serving sales 1->2", "loaded sales rejected", "loaded sales ok", "serving sales 2->1");
    }

    @Test
    void weightsOfTheWrongShapeAreRefusedWithTheTensorAndBothShapes() {
        DefaultModelRegistry registry = TestModels.registry(new FileSystemModelStore(dir));
        ModelManifest m = TestModels.manifest();
        ModelManifest wrong = new ModelManifest(m.name(), 0, m.format(),
                new ModelManifest.Architecture("GRU", 1, 16, 1, 12, 4), m.preprocessing(), null, m.training(), null, null,
                null, null, null, null);
        assertThatThrownBy(() -> registry.register("sales", TestModels.weights(), wrong))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("metadata declares");
    }

    @Test
    void aVersionDroppedInByAnotherToolIsPickedUpAndABrokenOneIsRefusedWithoutMovingTheAlias() throws Exception {
        FileSystemModelStore store = new FileSystemModelStore(dir);
        DefaultModelRegistry registry = TestModels.registry(store);
        registry.register("sales", TestModels.weights(), TestModels.manifest());
        registry.setAlias("sales", "production", 1);

        // Another process (a second store over the same folder) writes version 2 and promotes it.
        FileSystemModelStore other = new FileSystemModelStore(dir);
        other.create("sales", TestModels.scaledWeights(0.5f), TestModels.manifest());
        other.setAlias("sales", "production", 2);
        registry.refresh();
        assertThat(registry.resolve(ModelReference.parse("sales")).version()).isEqualTo(2);

        // A tool writes version 3 whose weights do not match its manifest's sha256, and points production at it.
        other.create("sales", TestModels.weights(), TestModels.manifest());
        Files.write(dir.resolve("sales/3/model.safetensors"), TestModels.scaledWeights(2f));
        other.setAlias("sales", "production", 3);
        registry.refresh();
        assertThat(registry.resolve(ModelReference.parse("sales")).version()).isEqualTo(2);
        assertThat(registry.model("sales").rejected()).extracting(ModelAdministration.Rejection::version).containsExactly(3);
        assertThat(registry.model("sales").latest()).isEqualTo(2);
        assertThatThrownBy(() -> registry.setAlias("sales", "staging", 3)).isInstanceOf(InvalidModelException.class);
    }

    @Test
    void aVersionCannotBeDeletedWhileAliasedOrServing() {
        DefaultModelRegistry registry = TestModels.registry(new FileSystemModelStore(dir));
        registry.register("sales", TestModels.weights(), TestModels.manifest());
        registry.register("sales", TestModels.scaledWeights(0.5f), TestModels.manifest());
        registry.register("sales", TestModels.scaledWeights(0.7f), TestModels.manifest());
        registry.setAlias("sales", "staging", 1);
        assertThatThrownBy(() -> registry.deleteVersion("sales", 1)).isInstanceOf(ModelConflictException.class)
                .hasMessageContaining("staging");
        assertThatThrownBy(() -> registry.deleteVersion("sales", 3)).isInstanceOf(ModelConflictException.class)
                .hasMessageContaining("serving");
        registry.deleteVersion("sales", 2);
        assertThat(registry.model("sales").versions()).containsExactly(1, 3);
        assertThatThrownBy(() -> registry.deleteVersion("sales", 2)).isInstanceOf(ModelNotFoundException.class);
        registry.removeAlias("sales", "staging");
        registry.deleteVersion("sales", 1);
        assertThat(registry.model("sales").versions()).containsExactly(3);
    }

    @Test
    void theManifestCanTravelInTheSafetensorsMetadata() {
        DefaultModelRegistry registry = TestModels.registry(new FileSystemModelStore(dir));
        var model = io.seqcast.nn.weights.ModelWeights.fromSafeTensors(
                io.seqcast.nn.weights.SafeTensors.read(TestModels.weights(), "fixture"), null);
        byte[] withManifest = io.seqcast.nn.weights.ModelWeights.toSafeTensors(model,
                java.util.Map.of(ManifestJson.METADATA_KEY, ManifestJson.writeString(TestModels.manifest())));
        assertThat(registry.register("sales", withManifest).version()).isEqualTo(1);
        assertThatThrownBy(() -> registry.register("sales", TestModels.weights()))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("no manifest");
    }

    @Test
    void coldVersionsAreLoadedOnDemandAndHotOnesStayLoaded() {
        DefaultModelRegistry registry = TestModels.registry(new FileSystemModelStore(dir));
        for (int i = 0; i < 3; i++) {
            registry.register("sales", TestModels.scaledWeights(1f - 0.1f * i), TestModels.manifest());
        }
        assertThat(registry.versions("sales")).extracting(ModelAdministration.VersionInfo::loaded)
                .containsExactly(false, false, true);
        assertThat(registry.resolve(ModelReference.parse("sales@1")).version()).isEqualTo(1);
        assertThat(registry.resolve(ModelReference.parse("sales@1"))).isSameAs(registry.resolve(ModelReference.parse("sales@1")));
    }
}
