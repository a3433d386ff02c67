package io.seqcast.training;

import io.seqcast.series.SeriesData;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded synthetic series that widen what the default model has seen beyond the real histories, with
 * the frequencies and lengths of real business series (many short yearly and quarterly series of 20
 * to 150 points, monthly up to 400, daily and weekly longer) and ISO timestamps, so the model sees
 * each frequency's season and phase as it will at inference. Five families:
 * <ul>
 *   <li>exponential-smoothing simulations (ETS with additive or multiplicative error, no, linear or
 *       damped trend, no, additive or multiplicative season);</li>
 *   <li>compositions: a level, a linear, damped, exponential or piecewise trend, level shifts, a
 *       season (additive or multiplicative, slowly changing amplitude), a smooth Gaussian-process-like
 *       wiggle (random Fourier features of an RBF kernel, as a stand-in for KernelSynth's kernel
 *       compositions), AR(1) or AR(2) noise that is homo- or heteroscedastic;</li>
 *   <li>ARIMA simulations (d = 0, 1 or 2, AR and MA terms, drift);</li>
 *   <li>random walks, arithmetic or geometric with volatility clustering (prices, rates);</li>
 *   <li>intermittent demand (mostly zeros; sizes from a gamma-like law).</li>
 * </ul>
 * Same count and seed, same series.
 */
public final class SyntheticSeries {

    /** Season per frequency code; {@code H} and the unnamed ones carry no timestamps. */
    private static final String[] FREQUENCIES = {"Y", "Q", "M", "D", "W"};
    private static final double[] FREQUENCY_WEIGHTS = {0.30, 0.27, 0.28, 0.09, 0.06};

    private SyntheticSeries() {
    }

    public static List<SeriesData> generate(int count, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        List<SeriesData> out = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            SplittableRandom random = root.split();
            String frequency = FREQUENCIES[pick(random, FREQUENCY_WEIGHTS)];
            int period = switch (frequency) {
                case "Q" -> 4;
                case "M" -> 12;
                case "D" -> 7;
                case "W" -> 52;
                default -> 1;
            };
            int length = length(random, frequency);
            double[] values = switch (pick(random, new double[] {0.32, 0.36, 0.14, 0.10, 0.08})) {
                case 0 -> ets(random, length, period);
                case 1 -> composition(random, length, period);
                case 2 -> arima(random, length);
                case 3 -> walk(random, length);
                default -> intermittent(random, length, period);
            };
            if (random.nextDouble() < 0.08) {
                // Some series cross zero or live below it (balances, rates, temperatures).
                double shift = mean(values) * (0.5 + random.nextDouble());
                for (int t = 0; t < length; t++) {
                    values[t] -= shift;
                }
            }
            out.add(new SeriesData("synthetic-" + s, values, timestamps(random, frequency, length)));
        }
        return out;
    }

    private static int length(SplittableRandom random, String frequency) {
        // Log-uniform between the bounds real series of that frequency have.
        double[] bounds = switch (frequency) {
            case "Y" -> new double[] {22, 160};
            case "Q" -> new double[] {28, 220};
            case "M" -> new double[] {40, 420};
            default -> new double[] {100, 700};
        };
        return (int) Math.round(Math.exp(Math.log(bounds[0]) + random.nextDouble() * Math.log(bounds[1] / bounds[0])));
    }

    private static double[] ets(SplittableRandom random, int n, int period) {
        boolean multError = random.nextBoolean();
        int trend = random.nextInt(3); // none, additive, damped
        int season = period > 1 ? random.nextInt(3) : 0; // none, additive, multiplicative
        double alpha = 0.05 + random.nextDouble() * 0.85;
        double beta = trend == 0 ? 0 : random.nextDouble() * 0.2 * alpha;
        double gamma = season == 0 ? 0 : random.nextDouble() * 0.3 * (1 - alpha);
        double phi = trend == 2 ? 0.8 + random.nextDouble() * 0.18 : 1;
        double level = Math.pow(10, random.nextDouble() * 4);
        double slope = trend == 0 ? 0 : level * (random.nextDouble() - 0.35) * 0.03;
        double sigma = 0.005 + random.nextDouble() * 0.08;
        double amplitude = random.nextDouble() * 0.4;
        double[] seasonal = shape(random, period, amplitude);
        if (season == 2) {
            for (int p = 0; p < period; p++) {
                seasonal[p] = Math.max(-0.7, seasonal[p]);
            }
        }
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            int p = period > 1 ? t % period : 0;
            double s = season == 0 ? 0 : season == 1 ? seasonal[p] * level : 1 + seasonal[p];
            double base = level + phi * slope;
            double fitted = season == 2 ? base * s : base + (season == 1 ? s : 0);
            double e = random.nextGaussian() * sigma;
            double error = multError ? fitted * e : e * Math.abs(level);
            y[t] = fitted + error;
            double newLevel = base + alpha * (multError ? error / Math.max(Math.abs(s == 0 ? 1 : s), 1e-3) : error);
            slope = phi * slope + beta * (multError ? error : error);
            if (season == 1) {
                seasonal[p] += gamma * error / Math.max(Math.abs(level), 1e-9);
            } else if (season == 2) {
                seasonal[p] = Math.max(-0.7, seasonal[p] + gamma * e);
            }
            level = newLevel;
            if (!Double.isFinite(level) || Math.abs(level) > 1e12) {
                level = Math.signum(level) * 1e12;
                slope = 0;
            }
        }
        return y;
    }

    private static double[] composition(SplittableRandom random, int n, int period) {
        double level = Math.pow(10, random.nextDouble() * 4);
        double[] x = new double[n];
        // trend, in units of the level
        int trendKind = random.nextInt(5);
        // The whole trend moves the series by -0.5 to 1.5 levels (log-levels when multiplicative).
        double rate = (random.nextDouble() * 2 - 0.5) / n;
        double damping = 0.9 + random.nextDouble() * 0.09;
        int changes = trendKind == 4 ? 1 + random.nextInt(3) : 0;
        double slope = rate * (trendKind == 2 ? 10 : 1);
        double trend = 0;
        for (int t = 0; t < n; t++) {
            if (changes > 0 && random.nextDouble() < changes / (double) n) {
                slope = (random.nextDouble() * 2 - 0.7) / n;
            }
            switch (trendKind) {
                case 1 -> trend += rate;
                case 2 -> {
                    slope *= damping;
                    trend += slope;
                }
                case 3 -> trend = rate * t * t / n;
                case 4 -> trend += slope;
                default -> {
                }
            }
            x[t] = trend;
        }
        // level shifts
        if (random.nextDouble() < 0.3) {
            for (int k = random.nextInt(3); k >= 0; k--) {
                int at = random.nextInt(n);
                double jump = (random.nextDouble() - 0.5) * 0.4;
                for (int t = at; t < n; t++) {
                    x[t] += jump;
                }
            }
        }
        // smooth wiggle: random Fourier features of an RBF kernel
        if (random.nextDouble() < 0.5) {
            double lengthScale = 3 + random.nextDouble() * n / 2.0;
            double amp = random.nextDouble() * 0.15;
            int features = 12;
            double[] w = new double[features];
            double[] b = new double[features];
            for (int j = 0; j < features; j++) {
                w[j] = random.nextGaussian() / lengthScale;
                b[j] = random.nextDouble() * 2 * Math.PI;
            }
            for (int t = 0; t < n; t++) {
                double g = 0;
                for (int j = 0; j < features; j++) {
                    g += Math.cos(w[j] * t + b[j]);
                }
                x[t] += amp * g * Math.sqrt(2.0 / features);
            }
        }
        // season, possibly with a second, longer one
        double[] seasonal = period > 1 ? shape(random, period, random.nextDouble() * 0.35) : null;
        double drift = (random.nextDouble() - 0.5) * 0.004;
        // AR noise, homo- or heteroscedastic
        double phi1 = random.nextDouble() * 0.9;
        double phi2 = random.nextBoolean() ? (random.nextDouble() - 0.5) * (1 - phi1) : 0;
        double sigma = 0.005 + random.nextDouble() * 0.07;
        boolean hetero = random.nextDouble() < 0.3;
        double e1 = 0;
        double e2 = 0;
        for (int t = 0; t < n; t++) {
            double sd = sigma * (hetero ? 0.3 + 1.7 * t / n : 1);
            double e = phi1 * e1 + phi2 * e2 + random.nextGaussian() * sd;
            e2 = e1;
            e1 = e;
            double s = seasonal == null ? 0 : seasonal[t % period] * (1 + drift * t);
            x[t] += s + e;
        }
        boolean multiplicative = random.nextBoolean();
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = multiplicative ? level * Math.exp(Math.max(-20, Math.min(20, x[t]))) : level * (1 + x[t]);
        }
        return y;
    }

    private static double[] arima(SplittableRandom random, int n) {
        int d = pick(random, new double[] {0.35, 0.55, 0.10});
        double ar = random.nextDouble() < 0.6 ? (random.nextDouble() * 1.8 - 0.9) : 0;
        double ma = random.nextDouble() < 0.5 ? (random.nextDouble() * 1.6 - 0.8) : 0;
        double drift = d > 0 && random.nextBoolean() ? (random.nextDouble() - 0.3) * 0.3 : 0;
        double[] w = new double[n];
        double prev = 0;
        double prevE = 0;
        for (int t = 0; t < n; t++) {
            double e = random.nextGaussian();
            w[t] = drift + ar * prev + e + ma * prevE;
            prev = w[t];
            prevE = e;
        }
        for (int k = 0; k < d; k++) {
            for (int t = 1; t < n; t++) {
                w[t] += w[t - 1];
            }
        }
        double level = Math.pow(10, random.nextDouble() * 4);
        double scale = level * (0.005 + random.nextDouble() * 0.05) / (d == 2 ? Math.sqrt(n) : 1);
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = level + scale * w[t];
        }
        return y;
    }

    private static double[] walk(SplittableRandom random, int n) {
        boolean geometric = random.nextBoolean();
        double level = Math.pow(10, random.nextDouble() * 4);
        double vol = 0.003 + random.nextDouble() * 0.04;
        double drift = (random.nextDouble() - 0.4) * vol * 0.2;
        double persistence = random.nextDouble() < 0.5 ? 0.9 : 0;
        double h = vol * vol;
        double[] y = new double[n];
        double x = geometric ? Math.log(level) : level;
        for (int t = 0; t < n; t++) {
            double e = random.nextGaussian() * Math.sqrt(h);
            // GARCH(1,1)-like volatility clustering when persistent
            h = persistence > 0 ? vol * vol * (1 - persistence - 0.05) + persistence * h + 0.05 * e * e : h;
            x += geometric ? drift + e : level * (drift + e);
            y[t] = geometric ? Math.exp(Math.max(-50, Math.min(50, x))) : x;
        }
        return y;
    }

    private static double[] intermittent(SplittableRandom random, int n, int period) {
        double p = 0.1 + random.nextDouble() * 0.6;
        double size = 1 + random.nextDouble() * 20;
        double[] seasonal = period > 1 ? shape(random, period, random.nextDouble() * 0.5) : null;
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            double q = p * (seasonal == null ? 1 : Math.max(0.05, 1 + seasonal[t % period]));
            if (random.nextDouble() < q) {
                y[t] = Math.max(1, Math.round(size * -Math.log(1 - random.nextDouble()) + random.nextGaussian()));
            }
        }
        return y;
    }

    /** A season's shape: one or two harmonics plus noise, mean zero, peak about {@code amplitude}. */
    private static double[] shape(SplittableRandom random, int period, double amplitude) {
        double[] s = new double[Math.max(1, period)];
        if (period <= 1) {
            return s;
        }
        double p1 = random.nextDouble() * 2 * Math.PI;
        double p2 = random.nextDouble() * 2 * Math.PI;
        double second = random.nextDouble() * 0.6;
        double noise = random.nextDouble() * 0.4;
        double mean = 0;
        for (int p = 0; p < period; p++) {
            s[p] = Math.sin(2 * Math.PI * p / period + p1) + second * Math.sin(4 * Math.PI * p / period + p2)
                    + noise * random.nextGaussian();
            mean += s[p] / period;
        }
        for (int p = 0; p < period; p++) {
            s[p] = amplitude * (s[p] - mean);
        }
        return s;
    }

    private static List<String> timestamps(SplittableRandom random, String frequency, int n) {
        LocalDate start = LocalDate.of(1950 + random.nextInt(50), 1 + random.nextInt(12), 1);
        List<String> out = new ArrayList<>(n);
        for (int t = 0; t < n; t++) {
            LocalDate d = switch (frequency) {
                case "Y" -> start.withMonth(1).plusYears(t);
                case "Q" -> start.withMonth(1 + 3 * ((start.getMonthValue() - 1) / 3)).plusMonths(3L * t);
                case "M" -> start.plusMonths(t);
                case "W" -> start.plusWeeks(t);
                default -> start.plusDays(t);
            };
            out.add(d.toString());
        }
        return out;
    }

    private static int pick(SplittableRandom random, double[] weights) {
        double u = random.nextDouble();
        for (int i = 0; i < weights.length - 1; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}
