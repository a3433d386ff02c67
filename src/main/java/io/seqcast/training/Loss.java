package io.seqcast.training;

import java.util.Locale;

/**
 * A training loss over predictions and targets of equal length, with mean reduction (as PyTorch's
 * {@code reduction="mean"}).
 */
public sealed interface Loss permits Loss.Mse, Loss.Mae, Loss.Huber, Loss.Pinball {

    /**
     * Computes the mean loss over {@code count} elements from the given offsets and writes
     * {@code d loss / d prediction} into {@code grad} (overwriting it).
     */
    double evaluate(float[] prediction, int predOff, float[] target, int targetOff, int count,
                    float[] grad, int gradOff);

    /** The name used in configurations and manifests. */
    String name();

    /**
     * Parses {@code mse}, {@code mae}, {@code huber} (delta 1), {@code huber:0.5},
     * {@code pinball:0.9} (a quantile in (0, 1)).
     */
    static Loss parse(String spec) {
        String s = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
        String[] parts = s.split(":", 2);
        try {
            return switch (parts[0]) {
                case "mse" -> new Mse();
                case "mae", "l1" -> new Mae();
                case "huber" -> new Huber(parts.length > 1 ? Float.parseFloat(parts[1]) : 1f);
                case "pinball", "quantile" -> new Pinball(parts.length > 1 ? Float.parseFloat(parts[1]) : 0.5f);
                default -> throw new IllegalArgumentException("unknown loss '" + spec
                        + "'; expected mse, mae, huber[:delta] or pinball[:quantile]");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("loss '" + spec + "' has a parameter that is not a number", e);
        }
    }

    /** Mean squared error {@code mean (p - t)^2}. */
    record Mse() implements Loss {
        @Override
        public double evaluate(float[] p, int pOff, float[] t, int tOff, int n, float[] g, int gOff) {
            double sum = 0;
            float scale = 2f / n;
            for (int i = 0; i < n; i++) {
                float e = p[pOff + i] - t[tOff + i];
                sum += (double) e * e;
                g[gOff + i] = scale * e;
            }
            return sum / n;
        }

        @Override
        public String name() {
            return "mse";
        }
    }

    /** Mean absolute error {@code mean |p - t|}; subgradient 0 at a perfect prediction. */
    record Mae() implements Loss {
        @Override
        public double evaluate(float[] p, int pOff, float[] t, int tOff, int n, float[] g, int gOff) {
            double sum = 0;
            float scale = 1f / n;
            for (int i = 0; i < n; i++) {
                float e = p[pOff + i] - t[tOff + i];
                sum += Math.abs(e);
                g[gOff + i] = e > 0 ? scale : e < 0 ? -scale : 0f;
            }
            return sum / n;
        }

        @Override
        public String name() {
            return "mae";
        }
    }

    /**
     * Huber loss as PyTorch's {@code HuberLoss(delta)}: {@code 0.5 e^2} for {@code |e| <= delta},
     * else {@code delta (|e| - 0.5 delta)}.
     */
    record Huber(float delta) implements Loss {
        public Huber {
            if (!(delta > 0) || Float.isInfinite(delta)) {
                throw new IllegalArgumentException("huber delta must be positive and finite but was " + delta);
            }
        }

        @Override
        public double evaluate(float[] p, int pOff, float[] t, int tOff, int n, float[] g, int gOff) {
            double sum = 0;
            float scale = 1f / n;
            for (int i = 0; i < n; i++) {
                float e = p[pOff + i] - t[tOff + i];
                float a = Math.abs(e);
                if (a <= delta) {
                    sum += 0.5 * e * e;
                    g[gOff + i] = scale * e;
                } else {
                    sum += delta * (a - 0.5 * delta);
                    g[gOff + i] = scale * (e > 0 ? delta : -delta);
                }
            }
            return sum / n;
        }

        @Override
        public String name() {
            return "huber:" + delta;
        }
    }

    /**
     * Pinball (quantile) loss for quantile {@code q}: {@code max(q (t - p), (q - 1)(t - p))}; its
     * minimiser is the q-quantile of the target's distribution.
     */
    record Pinball(float quantile) implements Loss {
        public Pinball {
            if (!(quantile > 0 && quantile < 1)) {
                throw new IllegalArgumentException("pinball quantile must be in (0, 1) but was " + quantile);
            }
        }

        @Override
        public double evaluate(float[] p, int pOff, float[] t, int tOff, int n, float[] g, int gOff) {
            double sum = 0;
            float scale = 1f / n;
            for (int i = 0; i < n; i++) {
                float e = t[tOff + i] - p[pOff + i];
                if (e >= 0) {
                    sum += quantile * e;
                    g[gOff + i] = e > 0 ? -scale * quantile : 0f;
                } else {
                    sum += (quantile - 1f) * e;
                    g[gOff + i] = scale * (1f - quantile);
                }
            }
            return sum / n;
        }

        @Override
        public String name() {
            return "pinball:" + quantile;
        }
    }
}
