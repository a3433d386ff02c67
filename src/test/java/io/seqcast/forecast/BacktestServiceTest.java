package io.seqcast.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.seqcast.registry.LoadedModel;
import io.seqcast.registry.ModelManifest;
import io.seqcast.registry.ModelReference;
import io.seqcast.registry.ModelRegistry;
import io.seqcast.series.GapFiller;
import io.seqcast.series.SeriesData;
import io.seqcast.tensor.ComputeContext;
import io.seqcast.tensor.KernelsProvider;
import io.seqcast.training.ModelFitter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Auto-mode backtests without leakage: a spy between the service and the real auto-mode fitter records
 * what each origin's fit was given. Every fit must see exactly the points before its origin (and
 * the forecast is made from those same points), never the absurd values planted after the last origin.
 */
class BacktestServiceTest {

    static ComputeContext compute;

    @BeforeAll
    static void start() {
        compute = new ComputeContext(KernelsProvider.select("auto"), 2);
    }

    @AfterAll
    static void stop() {
        compute.close();
    }

    static ForecastProperties properties() {
        return new ForecastProperties("default", 1000, 100_000, 1_000_000, 10, 2_000_000, 1000, DataSize.ofMegabytes(16), false, "pad",
                List.of(80.0, 95.0), new ForecastProperties.Selection("best", 40, 20_000, List.of()), new ForecastProperties.Auto(Duration.ofMillis(400), false, 16, 60, 10),
                new ForecastProperties.Backtest(3, 50, 10, 2000, Duration.ofSeconds(5)));
    }

    /** No fallback to the default model is expected: the series are long enough for auto mode. */
    static final ModelRegistry NO_REGISTRY = new ModelRegistry() {
        @Override
        public LoadedModel resolve(ModelReference reference) {
            throw new AssertionError("unexpected fallback to " + reference);
        }

        @Override
        public LoadedModel register(String name, byte[] weights, ModelManifest manifest) {
            throw new AssertionError("a backtest must not register models");
        }
    };

    static double[] seasonal(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int t = 0; t < n; t++) {
            v[t] = 100 + 0.5 * t + 20 * Math.sin(2 * Math.PI * t / 12) + 2 * random.nextGaussian();
        }
        return v;
    }

    @Test
    void eachAutoFitSeesOnlyTheHistoryBeforeItsOrigin() {
        int n = 96;
        int horizon = 6;
        double[] a = seasonal(n, 1);
        double[] b = seasonal(n - 5, 2); // a different length: origins are aligned at each series' end
        double[] plantedA = a.clone();
        double[] plantedB = b.clone();
        // Absurd values in the last window's actuals: a fit that saw any of them would be wrecked by them.
        for (int j = n - horizon; j < n; j++) {
            plantedA[j] = 1e6;
        }
        for (int j = b.length - horizon; j < b.length; j++) {
            plantedB[j] = 1e6;
        }
        List<List<SeriesData>> seen = new ArrayList<>();
        AutoForecaster real = new AutoForecaster(new ModelFitter(compute, new GapFiller()), NO_REGISTRY,
                properties().auto());
        BacktestService service = new BacktestService(NO_REGISTRY, compute, properties(),
                (histories, h, frequency, start, budget, reason) -> {
                    seen.add(List.copyOf(histories));
                    return real.fit(histories, h, frequency, start, budget, false, reason);
                }, io.seqcast.registry.InferenceObserver.NONE);

        BacktestResult result = service.backtest(new BacktestInput("auto", horizon, 3, 6, "M", List.of(80.0),
                List.of(new ForecastInput.SeriesInput("a", plantedA, null, "2010-01-01"),
                        new ForecastInput.SeriesInput("b", plantedB, null, "2010-01-01"))));

        assertThat(seen).hasSize(3);
        assertThat(result.series().get(0).origins()).containsExactly(78, 84, 90);
        assertThat(result.series().get(1).origins()).containsExactly(73, 79, 85);
        for (int k = 0; k < 3; k++) {
            List<SeriesData> histories = seen.get(k);
            assertThat(histories).extracting(SeriesData::id).containsExactly("a", "b");
            int originA = result.series().get(0).origins()[k];
            int originB = result.series().get(1).origins()[k];
            assertThat(histories.get(0).values()).containsExactly(Arrays.copyOf(a, originA));
            assertThat(histories.get(1).values()).containsExactly(Arrays.copyOf(b, originB));
            assertThat(Arrays.stream(histories.get(0).values()).max().orElseThrow()).isLessThan(1e5);
        }
        assertThat(result.model().name()).isEqualTo("auto");
        assertThat(result.auto().fits()).isEqualTo(3);
        assertThat(result.auto().fallbacks()).isZero();
        assertThat(result.series().get(0).season()).isEqualTo(12);
        // The model and seasonal naive both miss the planted values by about 1e6 on the last window; had the
        // fit seen them, it could have forecast them.
        BacktestResult.Comparison m = result.series().get(0).metrics();
        assertThat(m.model().mae()).isFinite();
        assertThat(m.model().mae() / m.seasonalNaive().mae()).isBetween(0.9, 1.1);
    }
}
