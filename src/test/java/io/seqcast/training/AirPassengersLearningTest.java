package io.seqcast.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.seqcast.series.GapFiller;
import io.seqcast.series.SeriesData;
import io.seqcast.series.metrics.Baselines;
import io.seqcast.series.metrics.Metrics;
import io.seqcast.tensor.ComputeContext;
import io.seqcast.tensor.KernelsProvider;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Learning works on real data: a model fitted with a fixed seed on all but the last 24 months of
 * AirPassengers (R's datasets package) beats seasonal naive on those 24 months by MASE, and its
 * intervals are finite and ordered.
 */
class AirPassengersLearningTest {

    @Test
    void defaultModelBeatsSeasonalNaiveOnTheLast24Months() {
        SeriesData all = Datasets.load("AirPassengers");
        int holdout = 24;
        int n = all.length() - holdout;
        SeriesData train = Datasets.head(all, n);
        double[] actual = Arrays.copyOfRange(all.values(), n, all.length());
        double[] history = Arrays.copyOf(all.values(), n);

        try (ComputeContext ctx = new ComputeContext(KernelsProvider.select("auto"), 2)) {
            FitResult fit = new ModelFitter(ctx, new GapFiller()).fit(List.of(train), FitConfig.defaults(holdout),
                    TrainingListener.NONE);
            Prediction p = new Predictor(ctx, new GapFiller())
                    .predict(fit.model(), fit.manifest(), List.of(train), holdout, List.of(80.0, 95.0)).get(0);

            double model = Metrics.mase(actual, p.mean(), history, 12);
            double naive = Metrics.mase(actual, Baselines.seasonalNaive(history, 12, holdout), history, 12);
            System.out.printf("AirPassengers last 24: MASE model %.3f seasonal naive %.3f; sMAPE %.2f vs %.2f; "
                            + "80%% coverage %.2f, 95%% coverage %.2f; window %d, epochs %d (best %d), refit %d%n",
                    model, naive, Metrics.smape(actual, p.mean()),
                    Metrics.smape(actual, Baselines.seasonalNaive(history, 12, holdout)),
                    Metrics.coverage(actual, p.intervals().get(0).lower(), p.intervals().get(0).upper()),
                    Metrics.coverage(actual, p.intervals().get(1).lower(), p.intervals().get(1).upper()),
                    fit.manifest().architecture().window(), fit.training().epochs().size(),
                    fit.training().bestEpoch(), fit.refitEpochs());
            assertThat(model).isLessThan(naive);
            for (Prediction.Interval interval : p.intervals()) {
                for (int k = 0; k < holdout; k++) {
                    assertThat(interval.lower()[k]).isFinite().isLessThanOrEqualTo(p.mean()[k]);
                    assertThat(interval.upper()[k]).isFinite().isGreaterThanOrEqualTo(p.mean()[k]);
                }
            }
        }
    }
}
