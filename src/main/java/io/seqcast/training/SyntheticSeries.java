package io.seqcast.training;

import io.seqcast.series.SeriesData;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded synthetic series that widen what the default model has seen beyond the public datasets:
 * additive and multiplicative seasonality at common periods (4, 7, 12, 24), linear and damped
 * trends, level shifts, random walks and noise of several sizes. Same seed, same series.
 */
public final class SyntheticSeries {

    private static final int[] PERIODS = {1, 4, 7, 12, 24};

    private SyntheticSeries() {
    }

    public static List<SeriesData> generate(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<SeriesData> out = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            int period = PERIODS[random.nextInt(PERIODS.length)];
            int length = 80 + random.nextInt(220);
            double level = 10 + random.nextDouble() * 1000;
            double trend = (random.nextDouble() - 0.3) * level * 0.01;
            double damping = random.nextBoolean() ? 1.0 : 0.97 + random.nextDouble() * 0.03;
            double amplitude = period > 1 ? random.nextDouble() * 0.3 : 0;
            boolean multiplicative = random.nextBoolean();
            double noise = 0.005 + random.nextDouble() * 0.08;
            boolean walk = random.nextDouble() < 0.25;
            double[] shape = new double[Math.max(1, period)];
            for (int p = 0; p < shape.length; p++) {
                shape[p] = Math.sin(2 * Math.PI * p / period + random.nextDouble()) + 0.3 * random.nextGaussian();
            }
            double[] values = new double[length];
            double current = level;
            double slope = trend;
            for (int t = 0; t < length; t++) {
                slope *= damping;
                current += slope;
                if (walk) {
                    current += random.nextGaussian() * noise * level * 0.5;
                }
                if (random.nextDouble() < 0.005) {
                    current += (random.nextDouble() - 0.5) * level * 0.3;
                }
                double seasonal = period > 1 ? amplitude * shape[t % period] : 0;
                double value = multiplicative ? current * (1 + seasonal) : current + seasonal * level;
                values[t] = value * (1 + noise * random.nextGaussian());
            }
            out.add(new SeriesData("synthetic-" + s, values, null));
        }
        return out;
    }
}
