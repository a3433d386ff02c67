package io.seqcast.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seqcast.series.SeriesData;
import io.seqcast.series.GapFiller;
import io.seqcast.training.Prediction;
import io.seqcast.training.Predictor;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading model cards: optional blocks defaulted, every allocation-sizing field bounded (422 naming it). */
class ManifestJsonTest {

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    static String card(String architecture, String rest) {
        return "{\"architecture\": {" + architecture + "}" + rest + "}";
    }

    static final String TINY = "\"cell\": \"GRU\", \"inputSize\": 1, \"hiddenSize\": 8, \"numLayers\": 1, \"window\": 12, \"horizon\": 4";

    @Test
    void aCardWithOnlyAnArchitectureGetsTheDefaultPreprocessingAndForecasts() {
        ModelManifest manifest = ManifestJson.read(card(TINY, ""));
        assertThat(manifest.preprocessing()).isEqualTo(ModelManifest.Preprocessing.DEFAULT);

        DefaultModelRegistry registry = TestModels.registry(new FileSystemModelStore(dir));
        LoadedModel model = registry.register("bare", TestModels.weights(), manifest);
        double[] values = new double[30];
        for (int t = 0; t < values.length; t++) {
            values[t] = 50 + t;
        }
        List<Prediction> forecast = new Predictor(TestModels.compute(), new GapFiller())
                .predict(model.model(), model.manifest(), List.of(new SeriesData("s", values, null)), 4, List.of(80.0));
        assertThat(forecast.get(0).mean()).hasSize(4);
        assertThat(java.util.Arrays.stream(forecast.get(0).mean()).allMatch(Double::isFinite)).isTrue();
    }

    @Test
    void missingFieldsOfAPreprocessingBlockTakeTheirDefaults() {
        ModelManifest.Preprocessing pre = ManifestJson.read(card(TINY, ", \"preprocessing\": {\"log1p\": true}")).preprocessing();
        assertThat(pre.normalization()).isEqualTo("window");
        assertThat(pre.scaler()).isEqualTo("none");
        assertThat(pre.windowLevel()).isEqualTo("last");
        assertThat(pre.baseline()).isEqualTo("none");
        assertThat(pre.log1p()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "window, 2147483647", "window, 1000000000", "window, 2049", "window, 0", "window, -5",
            "hiddenSize, 4097", "numLayers, 17", "horizon, 10001", "inputSize, 4097"})
    void anArchitectureFieldOutOfBoundsIsRefusedNamingIt(String field, long value) {
        String architecture = TINY.replaceFirst("\"" + field + "\": [0-9]+", "\"" + field + "\": " + value);
        assertThatThrownBy(() -> ManifestJson.read(card(architecture, "")))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("architecture." + field);
    }

    @Test
    void theLargestAllowedWindowIsAccepted() {
        assertThat(ManifestJson.read(card(TINY.replace("\"window\": 12", "\"window\": " + ManifestLimits.MAX_WINDOW), ""))
                .architecture().window()).isEqualTo(ManifestLimits.MAX_WINDOW);
    }

    @Test
    void preprocessingThatCannotFeedTheNetworkIsRefused() {
        assertThatThrownBy(() -> ManifestJson.read(card(TINY, ", \"preprocessing\": {\"seasonalFeatures\": true}")))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("architecture.inputSize");
        assertThatThrownBy(() -> ManifestJson.read(card(TINY, ", \"preprocessing\": {\"normalization\": \"global\"}")))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("preprocessing.normalization");
        assertThatThrownBy(() -> ManifestJson.read(card(TINY, ", \"preprocessing\": {\"seasonLength\": 1000000}")))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("preprocessing.seasonLength");
    }

    @Test
    void anIntervalTableThatDoesNotMatchTheHorizonIsRefused() {
        String twoRows = ", \"intervals\": {\"levels\": [80, 95], \"quantiles\": [[1, 2], [1, 2]], \"samples\": 9, \"method\": \"m\"}";
        assertThatThrownBy(() -> ManifestJson.read(card(TINY, twoRows)))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("intervals.quantiles");
        String descending = ", \"intervals\": {\"levels\": [95, 80], \"quantiles\": [[1, 2], [1, 2], [1, 2], [1, 2]], "
                + "\"samples\": 9, \"method\": \"m\"}";
        assertThatThrownBy(() -> ManifestJson.read(card(TINY, descending)))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("intervals.levels[1]");
        String fine = descending.replace("[95, 80]", "[80, 95]");
        assertThat(ManifestJson.read(card(TINY, fine)).intervals().quantiles()).hasSize(4);
    }
}
