package io.seqcast.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seqcast.registry.ModelManifest;
import io.seqcast.series.GapFiller;
import io.seqcast.series.InvalidSeriesException;
import io.seqcast.series.SeriesData;
import io.seqcast.tensor.ComputeContext;
import io.seqcast.tensor.KernelsProvider;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModelFitterTest {

    private static ComputeContext ctx;

    @BeforeAll
    static void start() {
        ctx = new ComputeContext(KernelsProvider.select("auto"), 2);
    }

    @AfterAll
    static void stop() {
        ctx.close();
    }

    private static FitConfig quick(int horizon) {
        return FitConfig.defaults(horizon).withEpochs(3);
    }

    @Test
    void theManifestDescribesTheDataTheWindowsAndTheCalibration() {
        SeriesData train = Datasets.head(Datasets.load("AirPassengers"), 120);
        FitResult fit = new ModelFitter(ctx, new GapFiller()).fit(List.of(train), quick(24), TrainingListener.NONE);
        ModelManifest m = fit.manifest();
        assertThat(m.frequency()).isEqualTo("M");
        assertThat(m.preprocessing().seasonLength()).isEqualTo(12);
        assertThat(m.preprocessing().seasonalFeatures()).isTrue();
        assertThat(m.preprocessing().seasonalBaseline()).isTrue();
        assertThat(m.architecture().window()).isEqualTo(36);
        assertThat(m.architecture().inputSize()).isEqualTo(3);
        // 30% of 120 = 36 validation points: training targets end by 84, so cuts 36..60 (25 windows);
        // validation cuts 84..96 (13 rolling origins), targets inside the last 36 points only.
        assertThat(m.data().trainWindows()).isEqualTo(25);
        assertThat(m.data().validationWindows()).isEqualTo(13);
        assertThat(m.data().firstTimestamp()).isEqualTo("1949-01-01");
        assertThat(m.data().lastTimestamp()).isEqualTo("1958-12-01");
        assertThat(m.intervals().quantiles()).hasSize(24).allSatisfy(q -> assertThat(q).hasSize(99).isSorted());
        assertThat(m.intervals().samples()).isEqualTo(13);
        assertThat(m.validation().windows()).isEqualTo(13);
        assertThat(m.validation().seasonalNaive().mase()).isPositive();
        assertThat(m.training()).containsKeys("bestEpoch", "epochsRun", "seed");
    }

    @Test
    void aSeriesTooShortForWindowHorizonAndValidationIsRefusedByName() {
        SeriesData tiny = new SeriesData("store-7", new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, null);
        assertThatThrownBy(() -> new ModelFitter(ctx, new GapFiller()).fit(List.of(tiny), quick(6), TrainingListener.NONE))
                .isInstanceOf(InvalidSeriesException.class)
                .hasMessageContaining("store-7");
    }

    @Test
    void checkRefusesWhatFitRefusesAndReturnsTheWindowFitUses() {
        SeriesData tiny = new SeriesData("store-7", new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, null);
        ModelFitter fitter = new ModelFitter(ctx, new GapFiller());
        assertThatThrownBy(() -> fitter.check(List.of(tiny), quick(6)))
                .isInstanceOf(InvalidSeriesException.class)
                .hasMessageContaining("store-7");
        SeriesData train = Datasets.head(Datasets.load("AirPassengers"), 120);
        assertThat(fitter.check(List.of(train), quick(24))).isEqualTo(36);
    }

    @Test
    void aGlobalModelPoolsManySeriesAndSeriesNormalisationStoresTheirScalers() {
        SeriesData a = Datasets.head(Datasets.load("AirPassengers"), 100);
        SeriesData b = Datasets.head(Datasets.load("co2"), 100);
        FitConfig d = quick(12);
        FitConfig series = new FitConfig(d.cell(), 16, 2, 24, 12, 3, 32, d.learningRate(), "mse", 1, 0.2, 5,
                "series", "robust", true, 12, "M", true, false, 2, false);
        FitResult fit = new ModelFitter(ctx, new GapFiller()).fit(List.of(a, b), series, TrainingListener.NONE);
        ModelManifest m = fit.manifest();
        assertThat(m.data().seriesCount()).isEqualTo(2);
        assertThat(m.preprocessing().seriesScalers()).containsOnlyKeys("AirPassengers", "co2");
        assertThat(m.preprocessing().seriesScalers().get("co2").log1p()).isTrue();
        assertThat(m.architecture().numLayers()).isEqualTo(2);
        assertThat(fit.refitEpochs()).isZero();
        List<Prediction> p = new Predictor(ctx, new GapFiller()).predict(fit.model(), m, List.of(a, b), 12, List.of(90.0));
        assertThat(p).hasSize(2).allSatisfy(x -> assertThat(java.util.Arrays.stream(x.mean()).allMatch(Double::isFinite)).isTrue());
    }

    @Test
    void sameSeedSameModel() {
        SeriesData train = Datasets.head(Datasets.load("AirPassengers"), 120);
        float[] first = new ModelFitter(ctx, new GapFiller()).fit(List.of(train), quick(12), TrainingListener.NONE).model().parameters();
        float[] second = new ModelFitter(ctx, new GapFiller()).fit(List.of(train), quick(12), TrainingListener.NONE).model().parameters();
        assertThat(second).containsExactly(first);
    }

    @Test
    void aPooledFitAlsoTrainsOnLeftPaddedWindowsOfShortSeries() {
        // window 48, horizon 4, no validation: a 30-point series has no whole window but gives padded
        // cuts 8..26; the 60-point one gives 8..56 (its cuts 8..47 padded).
        double[] shortOne = new double[30];
        double[] longer = new double[60];
        for (int t = 0; t < 60; t++) {
            longer[t] = 10 + Math.sin(t / 3.0);
            if (t < 30) {
                shortOne[t] = 5 + 0.1 * t;
            }
        }
        FitConfig config = new FitConfig("GRU", 4, 1, 48, 4, 1, 16, 1e-3f, "huber", 1, 0.0, 0, "window", "standard",
                false, 1, null, false, false, 1, true);
        FitResult fit = new ModelFitter(ctx, new GapFiller()).fit(List.of(
                new SeriesData("short", shortOne, null), new SeriesData("longer", longer, null)), config,
                TrainingListener.NONE);
        assertThat(fit.manifest().data().trainWindows()).isEqualTo((26 - 8 + 1) + (56 - 8 + 1));
        // One series alone keeps whole windows only: 30 points cannot fill window 48.
        assertThatThrownBy(() -> new ModelFitter(ctx, new GapFiller()).fit(List.of(
                new SeriesData("short", shortOne, null)), config, TrainingListener.NONE))
                .isInstanceOf(InvalidSeriesException.class);
    }

    @Test
    void anExplodingSeriesTrainsWithoutItsTargetsSwampingTheLoss() {
        double[] exploding = new double[80];
        for (int t = 0; t < 80; t++) {
            exploding[t] = t < 60 ? 100 + Math.sin(t) : 100 * Math.pow(3, t - 59);
        }
        FitConfig config = new FitConfig("GRU", 4, 1, 24, 8, 2, 16, 1e-3f, "mse", 1, 0.0, 0, "window", "standard",
                false, 1, null, false, false, 1, true);
        FitResult fit = new ModelFitter(ctx, new GapFiller()).fit(List.of(new SeriesData("boom", exploding, null)),
                config, TrainingListener.NONE);
        // Targets are bounded by ModelFitter.MAX_TARGET window scales: the MSE stays within its square.
        assertThat(fit.training().epochs()).allSatisfy(e ->
                assertThat(e.trainLoss()).isFinite().isLessThan(ModelFitter.MAX_TARGET * ModelFitter.MAX_TARGET));
    }
}
