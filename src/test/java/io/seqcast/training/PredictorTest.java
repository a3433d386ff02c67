package io.seqcast.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.seqcast.series.GapFiller;
import io.seqcast.series.SeriesData;
import io.seqcast.tensor.ComputeContext;
import io.seqcast.tensor.KernelsProvider;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PredictorTest {

    private static ComputeContext ctx;
    private static FitResult fit;

    @BeforeAll
    static void fitOnce() {
        ctx = new ComputeContext(KernelsProvider.select("auto"), 2);
        SeriesData train = Datasets.head(Datasets.load("AirPassengers"), 120);
        fit = new ModelFitter(ctx, new GapFiller()).fit(List.of(train), FitConfig.defaults(12).withEpochs(5),
                TrainingListener.NONE);
    }

    @AfterAll
    static void stop() {
        ctx.close();
    }

    private static List<Prediction> predict(List<SeriesData> series, int horizon, List<Double> levels) {
        return new Predictor(ctx, new GapFiller()).predict(fit.model(), fit.manifest(), series, horizon, levels);
    }

    @Test
    void widerLevelsGiveWiderIntervalsAroundTheMean() {
        SeriesData s = Datasets.head(Datasets.load("AirPassengers"), 120);
        Prediction p = predict(List.of(s), 12, List.of(50.0, 80.0, 95.0)).get(0);
        assertThat(p.extendedFrom()).isZero();
        for (int k = 0; k < 12; k++) {
            Prediction.Interval i50 = p.intervals().get(0);
            Prediction.Interval i80 = p.intervals().get(1);
            Prediction.Interval i95 = p.intervals().get(2);
            assertThat(i95.lower()[k]).isLessThanOrEqualTo(i80.lower()[k]);
            assertThat(i80.lower()[k]).isLessThanOrEqualTo(i50.lower()[k]);
            assertThat(i50.lower()[k]).isLessThanOrEqualTo(p.mean()[k]);
            assertThat(i50.upper()[k]).isGreaterThanOrEqualTo(p.mean()[k]);
            assertThat(i95.upper()[k]).isGreaterThanOrEqualTo(i80.upper()[k]);
        }
    }

    @Test
    void aLongerHorizonIsExtendedRecursivelyAndFlagged() {
        SeriesData s = Datasets.head(Datasets.load("AirPassengers"), 120);
        Prediction shortRun = predict(List.of(s), 12, List.of(80.0)).get(0);
        Prediction p = predict(List.of(s), 30, List.of(80.0)).get(0);
        assertThat(p.extendedFrom()).isEqualTo(12);
        assertThat(p.mean()).hasSize(30);
        assertThat(java.util.Arrays.stream(p.mean()).allMatch(Double::isFinite)).isTrue();
        // The first 12 steps are the model's own forecast.
        assertThat(java.util.Arrays.copyOf(p.mean(), 12)).containsExactly(shortRun.mean());
    }

    @Test
    void eachSeriesIsForecastAsIfAloneInTheBatch() {
        SeriesData a = Datasets.head(Datasets.load("AirPassengers"), 120);
        SeriesData b = Datasets.head(Datasets.load("AirPassengers"), 100);
        List<SeriesData> batch = new ArrayList<>(List.of(a, b));
        List<Prediction> together = predict(batch, 12, List.of(80.0));
        assertThat(together.get(0).mean()).containsExactly(predict(List.of(a), 12, List.of(80.0)).get(0).mean());
        assertThat(together.get(1).mean()).containsExactly(predict(List.of(b), 12, List.of(80.0)).get(0).mean());
    }

    @Test
    void gapsAreFilledAndShortSeriesPadded() {
        double[] values = Datasets.head(Datasets.load("AirPassengers"), 20).values().clone();
        values[5] = Double.NaN;
        Prediction p = predict(List.of(new SeriesData("short", values, null)), 12, List.of(80.0)).get(0);
        assertThat(p.paddedSteps()).isEqualTo(36 - 20);
        assertThat(java.util.Arrays.stream(p.mean()).allMatch(Double::isFinite)).isTrue();
    }
}
