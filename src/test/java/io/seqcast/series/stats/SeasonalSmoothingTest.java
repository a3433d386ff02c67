package io.seqcast.series.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.seqcast.series.Datasets;
import io.seqcast.series.stats.SeasonalSmoothing.Fit;
import io.seqcast.series.stats.SeasonalSmoothing.Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeasonalSmoothingTest {

    /** Our squared error may exceed R's by this much (relative). */
    private static final double SSE_MARGIN = 1e-3;

    /**
     * Where our squared error is within this (relative) of R's, the two fits are taken as the same
     * minimum (up to how far each optimiser got) and their forecasts compared. With {@link
     * #SSE_MARGIN} (1e-3) no fit of the fixtures qualified, since ours are 0.11% to 94% below R's, so
     * the comparison never ran; at 5e-3 four do (0.11% to 0.36% below R's).
     */
    private static final double AGREE_MARGIN = 5e-3;

    /**
     * Largest mean absolute difference from R's forecast, in units of the series' in-sample
     * seasonal-naive error (MASE's scale), where our squared error is within {@link #AGREE_MARGIN}
     * of R's.
     */
    private static final double R_TOLERANCE = 0.1;

    @Test
    void reproducesRsModelFromRsParametersAndInitialState() {
        for (RFit r : rFits()) {
            double[] y = r.values();
            Model model = r.model();
            Fit fit = SeasonalSmoothing.run(y, model, r.alpha, r.betaOrZero(), r.gamma, r.phiOrOne(), r.initial[0],
                    model.trend ? r.initial[1] : 0, r.initialSeasonalByPhase());
            if (!r.isEts()) {
                continue; // R's HoltWinters fallback on too short a series: another model
            }
            assertThat(fit.sse()).as(r.fit + " R's SSE recomputed").isCloseTo(r.sse, offset(1e-7 * r.sse));
            double[] forecast = fit.forecast(y.length, r.mean.length);
            double scale = Arrays.stream(r.mean).map(Math::abs).max().orElseThrow();
            for (int i = 0; i < forecast.length; i++) {
                assertThat(forecast[i]).as("%s step %d", r.fit, i + 1).isCloseTo(r.mean[i], offset(1e-8 * scale));
            }
            assertThat(SeasonalAdmissibility.admissible(r.alpha, r.betaOrZero(), r.gamma, r.phiOrOne(), r.m, model.trend))
                    .as(r.fit + " R's parameters admissible").isTrue();
        }
    }

    @Test
    void fitsAtLeastAsWellAsRAndForecastsAlikeWhereTheFitsAgree() {
        int compared = 0;
        for (RFit r : rFits()) {
            if (!r.isEts()) {
                continue;
            }
            double[] y = r.values();
            double origin = y[0];
            double[] centred = Arrays.stream(y).map(v -> v - origin).toArray();
            Fit fit = SeasonalSmoothing.fit(centred, r.m, r.model());
            double relative = fit.sse() / r.sse - 1;
            double[] ours = fit.forecast(y.length, r.mean.length);
            double difference = 0;
            for (int i = 0; i < ours.length; i++) {
                difference += Math.abs(ours[i] + origin - r.mean[i]);
            }
            difference /= ours.length * seasonalNaiveError(y, r.m);
            System.out.printf("seasonal vs R %-36s n=%3d SSE %.6g (R %.6g, %+.3f%%) alpha %.4f beta %.5f gamma %.5f "
                    + "phi %.3f (R %.4f %.5f %.5f %.3f) forecast difference %.3f, %d trials%n", r.fit, y.length,
                    fit.sse(), r.sse, 100 * relative, fit.alpha(), fit.beta(), fit.gamma(), fit.phi(), r.alpha,
                    r.betaOrZero(), r.gamma, r.phiOrOne(), difference, fit.trials());
            assertThat(fit.sse()).as(r.fit + " SSE against R's").isLessThanOrEqualTo(r.sse * (1 + SSE_MARGIN));
            if (Math.abs(relative) <= AGREE_MARGIN) {
                assertThat(difference).as(r.fit + " forecast against R's").isLessThan(R_TOLERANCE);
                compared++;
            }
        }
        System.out.printf("seasonal vs R: %d fits within %.0e of R's SSE, their forecasts compared%n", compared, AGREE_MARGIN);
        // the forecasts must have been compared at all: a fixture change that leaves no fit within the
        // margin would otherwise pass on the SSE bound alone
        assertThat(compared).as("R fits whose forecasts were compared").isPositive();
    }

    @Test
    void leastSquaresInitialStateAtRsParametersBeatsRs() {
        for (RFit r : rFits()) {
            if (!r.isEts()) {
                continue;
            }
            double[] y = r.values();
            SeasonalLanes lanes = new SeasonalLanes(y, r.m, r.model().trend, 1);
            lanes.set(0, r.alpha, r.betaOrZero(), r.gamma, r.phiOrOne());
            lanes.run(1);
            assertThat(lanes.sse(0)).as(r.fit).isLessThanOrEqualTo(r.sse * (1 + 1e-9));
        }
    }

    @Test
    void fittedInitialStateIsTheLeastSquaresOne() {
        double[] y = Arrays.copyOf(Datasets.values("USAccDeaths"), 60);
        for (Model model : Model.values()) {
            Fit fit = SeasonalSmoothing.fit(y, 12, model);
            assertThat(Arrays.stream(fit.initialSeasonal()).sum()).isCloseTo(0, offset(1e-6));
            double sse = fit.sse();
            double delta = 1;
            for (int coordinate = 0; coordinate < 14; coordinate++) {
                for (double sign : new double[] {-1, 1}) {
                    double level = fit.initialLevel();
                    double trend = fit.initialTrend();
                    double[] seasonal = fit.initialSeasonal().clone();
                    if (coordinate == 0) {
                        level += sign * delta;
                    } else if (coordinate == 1) {
                        if (!model.trend) {
                            continue;
                        }
                        trend += sign * delta;
                    } else {
                        // a seasonal state up, the next down: the sum stays 0
                        seasonal[coordinate - 2] += sign * delta;
                        seasonal[(coordinate - 1) % 12] -= sign * delta;
                    }
                    double moved = SeasonalSmoothing.run(y, model, fit.alpha(), fit.beta(), fit.gamma(), fit.phi(),
                            level, trend, seasonal).sse();
                    assertThat(moved).as("%s coordinate %d", model, coordinate).isGreaterThan(sse);
                }
            }
            assertThat(fit.alpha()).isBetween(SeasonalSmoothing.MIN_SMOOTHING, SeasonalSmoothing.MAX_SMOOTHING);
            assertThat(fit.gamma()).isBetween(SeasonalSmoothing.MIN_SMOOTHING, 1 - fit.alpha());
            if (model.trend) {
                assertThat(fit.beta()).isBetween(SeasonalSmoothing.MIN_SMOOTHING, fit.alpha());
            }
            if (model.damped) {
                assertThat(fit.phi()).isBetween(SeasonalSmoothing.MIN_PHI, SeasonalSmoothing.MAX_PHI);
            }
            assertThat(SeasonalAdmissibility.admissible(fit.alpha(), fit.beta(), fit.gamma(), fit.phi(), 12, model.trend))
                    .isTrue();
        }
    }

    /**
     * The lanes' squared error against least squares done the slow way: the errors are affine in
     * the phase offsets and the initial trend, so their columns come from runs of the recursion,
     * and the normal equations are solved by elimination.
     */
    @Test
    void lanesSolveTheLeastSquaresExactly() {
        Random random = new Random(17);
        for (int m : new int[] {4, 12}) {
            double[] y = Arrays.copyOf(m == 4 ? Datasets.values("JohnsonJohnson") : Datasets.values("USAccDeaths"),
                    m == 4 ? 40 : 60);
            for (Model model : Model.values()) {
                SeasonalLanes lanes = new SeasonalLanes(y, m, model.trend, 6);
                double[][] params = new double[6][];
                for (int k = 0; k < 6; k++) {
                    double alpha = 0.05 + 0.6 * random.nextDouble();
                    double beta = model.trend ? 0.001 + 0.05 * random.nextDouble() : 0;
                    double gamma = 0.001 + 0.3 * random.nextDouble() * (1 - alpha);
                    double phi = model.damped ? 0.8 + 0.18 * random.nextDouble() : 1;
                    params[k] = new double[] {alpha, beta, gamma, phi};
                    lanes.set(k, alpha, beta, gamma, phi);
                }
                lanes.run(6);
                for (int k = 0; k < 6; k++) {
                    double expected = leastSquares(y, m, model, params[k]);
                    assertThat(lanes.sse(k)).as("%s m=%d lane %d", model, m, k)
                            .isCloseTo(expected, offset(1e-9 * expected));
                }
            }
        }
    }

    /** The least squared error over the initial state, by explicit regression. */
    private static double leastSquares(double[] y, int m, Model model, double[] p) {
        int unknowns = m + (model.trend ? 1 : 0);
        double[] base = errors(y, m, model, p, new double[unknowns]);
        double[][] columns = new double[unknowns][];
        for (int i = 0; i < unknowns; i++) {
            double[] unit = new double[unknowns];
            unit[i] = 1;
            double[] moved = errors(y, m, model, p, unit);
            columns[i] = new double[y.length];
            for (int t = 0; t < y.length; t++) {
                columns[i][t] = base[t] - moved[t];
            }
        }
        double[][] system = new double[unknowns][unknowns + 1];
        for (int i = 0; i < unknowns; i++) {
            for (int j = 0; j < unknowns; j++) {
                for (int t = 0; t < y.length; t++) {
                    system[i][j] += columns[i][t] * columns[j][t];
                }
            }
            for (int t = 0; t < y.length; t++) {
                system[i][unknowns] += columns[i][t] * base[t];
            }
        }
        for (int col = 0; col < unknowns; col++) {
            for (int r = col + 1; r < unknowns; r++) {
                double factor = system[r][col] / system[col][col];
                for (int c = col; c <= unknowns; c++) {
                    system[r][c] -= factor * system[col][c];
                }
            }
        }
        double[] delta = new double[unknowns];
        for (int r = unknowns - 1; r >= 0; r--) {
            double v = system[r][unknowns];
            for (int c = r + 1; c < unknowns; c++) {
                v -= system[r][c] * delta[c];
            }
            delta[r] = v / system[r][r];
        }
        double[] fitted = errors(y, m, model, p, delta);
        return Arrays.stream(fitted).map(e -> e * e).sum();
    }

    /** The one-step errors from phase offsets {@code state[0..m-1]} (level 0) and initial trend {@code state[m]}. */
    private static double[] errors(double[] y, int m, Model model, double[] p, double[] state) {
        double[] seasonal = Arrays.copyOf(state, m);
        double level = 0;
        double trend = model.trend ? state[m] : 0;
        double[] out = new double[y.length];
        for (int t = 0; t < y.length; t++) {
            double damped = p[3] * trend;
            double e = y[t] - level - damped - seasonal[t % m];
            out[t] = e;
            level += damped + p[0] * e;
            trend = damped + p[1] * e;
            seasonal[t % m] += p[2] * e;
        }
        return out;
    }

    @Test
    void admissibilityMatchesRsBoundary() {
        // forecast:::admissible with m = 12, alpha 0.2, gamma 0.2: beta admissible up to 0.1830-0.1835
        assertThat(SeasonalAdmissibility.admissible(0.2, 0.1830, 0.2, 1, 12, true)).isTrue();
        assertThat(SeasonalAdmissibility.admissible(0.2, 0.1835, 0.2, 1, 12, true)).isFalse();
        // alpha 0.5, gamma 0.05, phi 0.9: up to 0.1880-0.1893
        assertThat(SeasonalAdmissibility.admissible(0.5, 0.1880, 0.05, 0.9, 12, true)).isTrue();
        assertThat(SeasonalAdmissibility.admissible(0.5, 0.1893, 0.05, 0.9, 12, true)).isFalse();
        // quarterly: nearly everything; alpha 0.95, gamma 0.05, phi 0.9 up to 0.9286-0.9310
        assertThat(SeasonalAdmissibility.admissible(0.95, 0.9286, 0.05, 0.9, 4, true)).isTrue();
        assertThat(SeasonalAdmissibility.admissible(0.95, 0.9310, 0.05, 0.9, 4, true)).isFalse();
        // without a trend the root at 1 is divided out, as R's tolerance lets it through
        assertThat(SeasonalAdmissibility.admissible(0.5, 0, 0.3, 1, 12, false)).isTrue();
    }

    /**
     * What the search relies on: for given {@code alpha, gamma, phi} the admissible {@code beta}
     * (within the usual bounds) form an interval from 1e-4 up, and without a trend every usual
     * {@code alpha, gamma} is admissible.
     */
    @Test
    void admissibleBetaFormAnIntervalFromTheLowerBound() {
        Random random = new Random(23);
        for (int trial = 0; trial < 3000; trial++) {
            int m = new int[] {2, 4, 7, 12, 24}[trial % 5];
            // a third of the points at the corners of the usual region
            double u = trial % 3 == 0 ? random.nextInt(2) : random.nextDouble();
            double w = trial % 3 == 0 ? random.nextInt(2) : random.nextDouble();
            double alpha = 1e-4 + (0.9999 - 1e-4) * u;
            double gamma = 1e-4 + (1 - alpha - 1e-4) * w;
            double phi = trial % 2 == 0 ? 1 : 0.8 + 0.18 * random.nextDouble();
            assertThat(SeasonalAdmissibility.admissible(alpha, 0, gamma, 1, m, false)).isTrue();
            boolean previous = true;
            for (int i = 0; i <= 200; i++) {
                double beta = 1e-4 + (alpha - 1e-4) * i / 200;
                boolean admissible = SeasonalAdmissibility.admissible(alpha, beta, gamma, phi, m, true);
                assertThat(!admissible || previous).as("m %d alpha %f gamma %f phi %f beta %f", m, alpha, gamma, phi,
                        beta).isTrue();
                previous = admissible;
            }
        }
    }

    /**
     * The choice among the three models by AICc, as R's {@code ets}: our criterion on R's squared
     * errors gives R's AICc and R's choice. Our own choice differs from R's on 4 of the 13 cases
     * (AirPassengers: R ETS(A,N,A), ours ETS(A,A,A); co2 and austres: R ETS(A,Ad,A), ours
     * ETS(A,A,A); synthetic_multiplicative: R ETS(A,N,A), ours ETS(A,A,A)), each because R's
     * Nelder-Mead stopped short on the model we choose: its least-squares fit has a lower AICc than
     * R's chosen model by R's own numbers (checked below).
     */
    @Test
    void selectsByAiccAsRWouldOnItsOwnFits() {
        int mismatches = 0;
        for (Map.Entry<String, List<RFit>> e : rawFitsByCase().entrySet()) {
            List<RFit> fits = e.getValue();
            if (!fits.stream().allMatch(RFit::isEts)) {
                continue;
            }
            double[] y = fits.get(0).values();
            int m = fits.get(0).m;
            double origin = y[0];
            double[] centred = Arrays.stream(y).map(v -> v - origin).toArray();
            RFit rChoice = null;
            String oursOnRSse = null;
            double oursOnRBest = Double.POSITIVE_INFINITY;
            for (RFit r : fits) {
                if (rChoice == null || r.aicc < rChoice.aicc) {
                    rChoice = r;
                }
                double criterion = SeasonalSmoothing.aicc(r.sse, y.length, r.model().parameters(m));
                assertThat(criterion).as(r.fit + " AICc").isCloseTo(r.aicc, offset(1e-6 * Math.abs(r.aicc)));
                if (criterion < oursOnRBest) {
                    oursOnRBest = criterion;
                    oursOnRSse = r.modelName;
                }
            }
            assertThat(oursOnRSse).isEqualTo(rChoice.modelName);
            Fit ours = SeasonalSmoothing.select(centred, m);
            double oursCriterion = SeasonalSmoothing.aicc(ours.sse(), y.length, ours.model().parameters(m));
            System.out.printf("seasonal selection %-26s R %s (AICc %.2f; ets additive.only: %s), ours %s (AICc %.2f)%n",
                    e.getKey(), rChoice.modelName, rChoice.aicc, fits.get(0).auto, ours.model(), oursCriterion);
            if (ours.model() != rChoice.model()) {
                mismatches++;
                assertThat(oursCriterion).as(e.getKey() + ": our choice's fit beats R's choice").isLessThan(rChoice.aicc);
            }
        }
        assertThat(mismatches).isEqualTo(4);
    }

    @Test
    void shortOrNonSeasonalHistoriesFallBack() {
        double[] air = Datasets.values("AirPassengers");
        double[] longer = Arrays.copyOf(air, 60);
        assertThat(SeasonalSmoothing.forecast(longer, 1, 6)).containsExactly(DampedTrend.forecast(longer, 1, 6));
        assertThat(SeasonalSmoothing.forecast(longer, 25, 6)).containsExactly(DampedTrend.forecast(longer, 25, 6));
        double[] underASeason = Arrays.copyOf(air, 11);
        assertThat(SeasonalSmoothing.forecast(underASeason, 12, 6))
                .containsExactly(DampedTrend.forecast(underASeason, 12, 6));
        assertThat(SeasonalSmoothing.forecast(new double[] {3.5}, 12, 2)).containsExactly(3.5, 3.5);
        // m to m + 4 points: seasonal naive
        double[] sixteen = Arrays.copyOf(air, 16);
        double[] naive = SeasonalSmoothing.forecast(sixteen, 12, 14);
        for (int i = 0; i < 14; i++) {
            assertThat(naive[i]).isEqualTo(sixteen[4 + i % 12]);
        }
        // from m + 5 points the models are fitted; the larger ones only once their AICc is finite
        for (int n = SeasonalSmoothing.minLength(12); n <= 30; n++) {
            double[] history = Arrays.copyOf(air, n);
            double[] forecast = SeasonalSmoothing.forecast(history, 12, 24);
            assertThat(Arrays.stream(forecast).allMatch(Double::isFinite)).isTrue();
            double[] y = Arrays.stream(history).map(v -> v - history[0]).toArray();
            Model chosen = SeasonalSmoothing.select(y, 12).model();
            assertThat(chosen.parameters(12)).as("n %d", n).isLessThan(n - 1);
        }
        double[] quarterly = Arrays.copyOf(Datasets.values("JohnsonJohnson"), SeasonalSmoothing.minLength(4));
        assertThat(SeasonalSmoothing.forecast(quarterly, 4, 8)).doesNotContain(Double.NaN);
    }

    @Test
    void logCandidatesTakeMultiplicativeSeasonality() {
        // AirPassengers' seasonal swings grow with its level: the log scale wins by AICc, and its
        // forecast of the holdout is better (MASE 0.97 against 1.11 on the raw scale)
        double[] values = Datasets.values("AirPassengers");
        double[] history = Arrays.copyOf(values, 120);
        double[] withLog = SeasonalSmoothing.forecast(history, 12, 24, null, true);
        double[] rawOnly = SeasonalSmoothing.forecast(history, 12, 24, null, false);
        assertThat(SeasonalSmoothing.forecast(history, 12, 24)).containsExactly(withLog);
        double logError = 0;
        double rawError = 0;
        for (int i = 0; i < 24; i++) {
            logError += Math.abs(withLog[i] - values[120 + i]);
            rawError += Math.abs(rawOnly[i] - values[120 + i]);
        }
        assertThat(logError).isLessThan(rawError);
        // exact under scaling by a power of two, as the raw scale
        double[] scaled = Arrays.stream(history).map(v -> Math.scalb(v, -700)).toArray();
        double[] scaledForecast = SeasonalSmoothing.forecast(scaled, 12, 24);
        for (int i = 0; i < 24; i++) {
            assertThat(scaledForecast[i]).isEqualTo(Math.scalb(withLog[i], -700));
        }
        // a value of 0 leaves the raw scale alone
        double[] withZero = history.clone();
        withZero[5] = 0;
        assertThat(SeasonalSmoothing.forecast(withZero, 12, 24))
                .containsExactly(SeasonalSmoothing.forecast(withZero, 12, 24, null, false));
    }

    @Test
    void constantSeriesGiveThatConstant() {
        double[] constant = new double[50];
        Arrays.fill(constant, -7.25);
        assertThat(SeasonalSmoothing.forecast(constant, 12, 5)).containsExactly(-7.25, -7.25, -7.25, -7.25, -7.25);
    }

    @Test
    void rejectsValuesThatAreNotFinite() {
        double[] history = Arrays.copyOf(Datasets.values("USAccDeaths"), 48);
        history[10] = Double.NaN;
        assertThatThrownBy(() -> SeasonalSmoothing.forecast(history, 12, 6)).isInstanceOf(IllegalArgumentException.class);
        history[10] = Double.POSITIVE_INFINITY;
        assertThatThrownBy(() -> SeasonalSmoothing.forecast(history, 12, 6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SeasonalSmoothing.forecast(new double[0], 12, 6))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SeasonalSmoothing.forecast(new double[] {1, 2}, 12, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void followsAnEvolvingSeasonalPattern() {
        // the pattern's amplitude grows by half over the series: the forecast keeps the latest one
        int n = 144;
        double[] y = new double[n + 24];
        Random random = new Random(5);
        for (int t = 0; t < y.length; t++) {
            double amplitude = 20 + 10.0 * t / n;
            y[t] = 100 + 0.3 * t + amplitude * Math.sin(2 * Math.PI * t / 12) + random.nextGaussian();
        }
        double[] forecast = SeasonalSmoothing.forecast(Arrays.copyOf(y, n), 12, 24);
        double error = 0;
        for (int i = 0; i < 24; i++) {
            error += Math.abs(forecast[i] - y[n + i]) / 24;
        }
        assertThat(error).isLessThan(3.0);
    }

    @Test
    void hugeTinyAndOffsetValuesAreHandled() {
        double[] base = Arrays.copyOf(Datasets.values("USAccDeaths"), 60);
        double[] expected = SeasonalSmoothing.forecast(base, 12, 12);
        // scaling by a power of two is exact
        for (int power : new int[] {900, -900}) {
            double[] scaled = Arrays.stream(base).map(v -> Math.scalb(v, power)).toArray();
            double[] forecast = SeasonalSmoothing.forecast(scaled, 12, 12);
            for (int i = 0; i < 12; i++) {
                assertThat(forecast[i]).isEqualTo(Math.scalb(expected[i], power));
            }
        }
        // near the top of the range: finite
        double[] top = Arrays.stream(base).map(v -> v / 12_000 * Double.MAX_VALUE).toArray();
        assertThat(Arrays.stream(SeasonalSmoothing.forecast(top, 12, 12)).allMatch(Double::isFinite)).isTrue();
        // 1e12 plus changes of thousands: the same forecast as without the 1e12, to its rounding
        double[] shifted = Arrays.stream(base).map(v -> v + 1e12).toArray();
        double[] high = SeasonalSmoothing.forecast(shifted, 12, 12);
        for (int i = 0; i < 12; i++) {
            assertThat(high[i] - 1e12).isCloseTo(expected[i], offset(1e-2));
        }
        // a series below zero is forecast as the mirror image of its positive twin
        double[] negative = Arrays.stream(base).map(v -> -v).toArray();
        double[] down = SeasonalSmoothing.forecast(negative, 12, 12);
        for (int i = 0; i < 12; i++) {
            assertThat(down[i]).isCloseTo(-expected[i], offset(1e-6 * Math.abs(expected[i])));
        }
    }

    @Test
    void leavesTheInputAlone() {
        double[] history = Arrays.copyOf(Datasets.values("AirPassengers"), 96);
        double[] copy = history.clone();
        SeasonalSmoothing.forecast(history, 12, 24);
        SeasonalSmoothing.forecastFrom(history, new int[] {40, 60, 96}, 12, 6, 50);
        assertThat(history).containsExactly(copy);
    }

    @Test
    void rollingForecastsWithTheFullSearchAtEveryCutAreTheWarmStartedForecasts() {
        for (String name : List.of("USAccDeaths", "JohnsonJohnson", "AirPassengers")) {
            double[] values = Datasets.values(name);
            int season = name.equals("JohnsonJohnson") ? 4 : 12;
            int[] cuts = RollingForecastTest.cuts(values.length, 12, season);
            double[][] rolling = SeasonalRollingOrigins.forecastFrom(values, cuts, season, 12, 60, 0);
            SeasonalWarmStart warm = new SeasonalWarmStart();
            for (int j = 0; j + 1 < cuts.length; j++) {
                double[] history = Arrays.copyOfRange(values, Math.max(0, cuts[j] - 60), cuts[j]);
                assertThat(rolling[j]).as("%s cut %d", name, cuts[j])
                        .containsExactly(SeasonalSmoothing.forecast(history, season, 12, warm));
            }
        }
        assertThatThrownBy(() -> SeasonalSmoothing.forecastFrom(new double[] {1, 2, 3}, new int[] {3, 2}, 1, 2, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The contract of {@link SeasonalSmoothing#forecastFrom} with its reuse: the last cut (today's
     * forecast) is {@link SeasonalSmoothing#forecast} of its history exactly, the first fitted cut
     * gets the full search, and some cuts in between reuse it (they differ from the full search's).
     */
    @Test
    void rollingForecastsEndWithTheForecastOfTheWholeHistory() {
        int reused = 0;
        for (RollingForecastTest.Case c : RollingForecastTest.cases()) {
            if (c.season() != 4 && c.season() != 12) {
                continue;
            }
            int[] cuts = RollingForecastTest.cuts(c.values().length, 12, c.season());
            double[][] rolling = SeasonalSmoothing.forecastFrom(c.values(), cuts, c.season(), 12, 240);
            double[][] full = SeasonalRollingOrigins.forecastFrom(c.values(), cuts, c.season(), 12, 240, 0);
            int last = cuts.length - 1;
            double[] history = Arrays.copyOfRange(c.values(), Math.max(0, cuts[last] - 240), cuts[last]);
            assertThat(rolling[last]).as(c.name()).containsExactly(SeasonalSmoothing.forecast(history, c.season(), 12));
            assertThat(rolling[0]).as(c.name() + " first cut").containsExactly(full[0]);
            for (int j = 1; j < last; j++) {
                reused += Arrays.equals(rolling[j], full[j]) ? 0 : 1;
            }
        }
        assertThat(reused).isGreaterThan(500);
    }

    /** A cut's forecast, reused or searched, depends on no value at or after the cut. */
    @Test
    void rollingForecastsSeeNoValueAfterTheirCut() {
        for (String name : List.of("AirPassengers", "co2", "JohnsonJohnson", "ldeaths")) {
            double[] values = Datasets.values(name);
            int season = name.equals("JohnsonJohnson") ? 4 : 12;
            int[] cuts = RollingForecastTest.cuts(values.length, 24, season);
            double[][] before = SeasonalSmoothing.forecastFrom(values, cuts, season, 12, 240);
            for (int j : new int[] {3, cuts.length / 2, cuts.length - 2}) {
                double[] changed = values.clone();
                for (int t = cuts[j]; t < changed.length; t++) {
                    changed[t] = changed[t] * 1.5 + 10 * Math.sin(t); // everything from cut j on
                }
                double[][] after = SeasonalSmoothing.forecastFrom(changed, cuts, season, 12, 240);
                for (int k = 0; k <= j; k++) {
                    assertThat(after[k]).as("%s changed from cut %d: cut %d", name, cuts[j], cuts[k])
                            .containsExactly(before[k]);
                }
                assertThat(after[cuts.length - 1]).as(name + " the last cut sees the change")
                        .isNotEqualTo(before[cuts.length - 1]);
            }
        }
    }

    /** A reused choice re-solved on the very history it was chosen on forecasts as its full search did. */
    @Test
    void reusedChoiceOnTheSameHistoryForecastsAsItsSearch() {
        for (String name : List.of("AirPassengers", "co2", "USAccDeaths")) {
            double[] values = Datasets.values(name);
            double[][] rolling = SeasonalSmoothing.forecastFrom(values, new int[] {60, 60, values.length}, 12, 12, 240);
            for (int i = 0; i < 12; i++) {
                assertThat(rolling[1][i]).as(name).isCloseTo(rolling[0][i], offset(1e-9 * Math.abs(rolling[0][i])));
            }
        }
    }

    /**
     * The warm start against the full search at every cut of the selector's schedules (horizon 12,
     * the last 240 points before each cut) on the seasonal series of {@link RollingForecastTest}:
     * per model, the warm fit's squared error over the full search's.
     */
    @Test
    void warmStartedFitsAsWellAsTheFullSearch() {
        List<Double> ratios = new ArrayList<>();
        String worstCase = "";
        double worst = 0;
        long warmTrials = 0;
        long coldTrials = 0;
        int fits = 0;
        int fullSearches = 0;
        for (RollingForecastTest.Case c : RollingForecastTest.cases()) {
            if (c.season() != 4 && c.season() != 12) {
                continue;
            }
            int[] cuts = RollingForecastTest.cuts(c.values().length, 12, c.season());
            SeasonalWarmStart warm = new SeasonalWarmStart();
            for (int cut : cuts) {
                double[] history = Arrays.copyOfRange(c.values(), Math.max(0, cut - 240), cut);
                int fitsBefore = warm.fits;
                SeasonalSmoothing.forecast(history, c.season(), 12, warm);
                if (warm.fits == fitsBefore) {
                    continue; // too short or constant: no fit
                }
                int exponent = AdjustedHistory.scaleExponent(history);
                double origin = Math.scalb(history[0], -exponent);
                double[] y = Arrays.stream(history).map(v -> Math.scalb(v, -exponent) - origin).toArray();
                for (Model model : Model.values()) {
                    if (warm.last[model.ordinal()] == null) {
                        continue; // too few points for the model's AICc
                    }
                    Fit cold = SeasonalSmoothing.fit(y, c.season(), model);
                    coldTrials += cold.trials();
                    double ratio = cold.sse() > 0 ? warm.last[model.ordinal()].sse() / cold.sse() : 1;
                    ratios.add(ratio);
                    if (ratio > worst) {
                        worst = ratio;
                        worstCase = c.name() + " cut " + cut + " " + model;
                    }
                }
            }
            warmTrials += warm.trials;
            fits += warm.fits;
            fullSearches += warm.fullSearches;
        }
        System.out.printf("seasonal rolling: %d fits, %d full searches (%.1f%%), trials %.1f a fit warm, %.1f cold; %s%n",
                fits, fullSearches, 100.0 * fullSearches / fits, (double) warmTrials / fits, (double) coldTrials / fits,
                TestSeries.warmColdSummary(ratios, worstCase));
        assertThat(ratios.size()).isGreaterThan(1000);
        assertThat(TestSeries.shareWithin(ratios, 1.001)).isGreaterThanOrEqualTo(0.99);
        assertThat(worst).as("worst warm / cold SSE (%s)", worstCase).isLessThanOrEqualTo(1.02);
    }

    /** Mean of {@code |y_t - y_(t-m)|}: the in-sample error of seasonal naive, MASE's scale. */
    static double seasonalNaiveError(double[] y, int m) {
        double sum = 0;
        for (int t = m; t < y.length; t++) {
            sum += Math.abs(y[t] - y[t - m]);
        }
        return sum / (y.length - m);
    }

    /** One row group of {@code fixtures/seasonal/seasonal-r.csv} (written by {@code tools/r/seasonal_fixtures.R}). */
    record RFit(String fit, String caseName, String dataset, int m, int from, int length, String modelName,
            String scale, String method, double alpha, double beta, double gamma, double phi, double sse, double aicc,
            double[] initial, String auto, double[] mean) {

        Model model() {
            return switch (modelName) {
                case "ANA" -> Model.ANA;
                case "AAA" -> Model.AAA;
                default -> Model.AADA;
            };
        }

        /** Whether R fitted the model asked for (not its HoltWinters fallback). */
        boolean isEts() {
            return method.equals("ETS(" + modelName + ")");
        }

        double betaOrZero() {
            return Double.isNaN(beta) ? 0 : beta;
        }

        double phiOrOne() {
            return Double.isNaN(phi) ? 1 : phi;
        }

        /** The history R fitted, on the scale it fitted (log for the log fits). */
        double[] values() {
            double[] y = history(dataset, from, length);
            return scale.equals("log") ? Arrays.stream(y).map(Math::log).toArray() : y;
        }

        /** R's initial seasonal states {@code s1..sm} (s1 the latest) by phase: phase 0 uses {@code sm}. */
        double[] initialSeasonalByPhase() {
            int first = model().trend ? 2 : 1;
            double[] out = new double[m];
            for (int j = 0; j < m; j++) {
                out[j] = initial[first + m - 1 - j];
            }
            return out;
        }
    }

    /** {@code length} values of a public or synthetic dataset from its 1-based point {@code from}. */
    static double[] history(String dataset, int from, int length) {
        double[] all = dataset.startsWith("synthetic") ? synthetic().get(dataset) : Datasets.values(dataset);
        return Arrays.copyOfRange(all, from - 1, from - 1 + length);
    }

    /** Columns: fit,case,dataset,frequency,from,length,model,scale,method,alpha,beta,gamma,phi,sse,aicc,sigma2,initial,auto,step,mean. */
    static List<RFit> rFits() {
        List<RFit> out = new ArrayList<>();
        for (List<String[]> rows : TestSeries.rowsByCase("/fixtures/seasonal/seasonal-r.csv").values()) {
            String[] f = rows.get(0);
            out.add(new RFit(f[0], f[1], f[2], Integer.parseInt(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5]),
                    f[6], f[7], f[8], number(f[9]), number(f[10]), number(f[11]), number(f[12]), number(f[13]),
                    number(f[14]), Arrays.stream(f[16].trim().split(" ")).mapToDouble(Double::parseDouble).toArray(),
                    f[17], TestSeries.column(rows, 19).stream().mapToDouble(Double::doubleValue).toArray()));
        }
        return out;
    }

    private static Map<String, List<RFit>> rawFitsByCase() {
        Map<String, List<RFit>> out = new LinkedHashMap<>();
        for (RFit r : rFits()) {
            if (r.scale.equals("raw")) {
                out.computeIfAbsent(r.caseName, k -> new ArrayList<>()).add(r);
            }
        }
        return out;
    }

    private static double number(String s) {
        return s.equals("NA") ? Double.NaN : Double.parseDouble(s);
    }

    /** The synthetic series of {@code fixtures/seasonal/synthetic.csv}: dataset,t,value. */
    static Map<String, double[]> synthetic() {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (List<String[]> rows : TestSeries.rowsByCase("/fixtures/seasonal/synthetic.csv").values()) {
            out.put(rows.get(0)[0], TestSeries.column(rows, 2).stream().mapToDouble(Double::doubleValue).toArray());
        }
        return out;
    }
}
