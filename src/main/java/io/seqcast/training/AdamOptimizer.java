package io.seqcast.training;

/**
 * Adam (Kingma and Ba, 2015) and AdamW (Loshchilov and Hutter, 2019), as PyTorch's
 * {@code torch.optim.Adam} and {@code AdamW} compute them, over one flat parameter array.
 *
 * <p>Call order per optimisation step: zero the gradients, run forward and backward to fill them,
 * optionally {@link #clipGlobalNorm}, then {@link #step} once. The moment estimates live here, so
 * one instance belongs to one parameter array for the whole of a training run. Deterministic: no
 * randomness, and a fixed order of operations.
 */
public final class AdamOptimizer {

    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final float weightDecay;
    private final boolean decoupled;
    private final float[] m;   // (parameters) first moment
    private final float[] v;   // (parameters) second moment
    private int steps;

    /**
     * @param weightDecay L2 factor; with {@code decoupled} (AdamW) it shrinks the weights directly by
     *     {@code lr * weightDecay}, otherwise (Adam) it is added to the gradient
     */
    public AdamOptimizer(int parameters, float beta1, float beta2, float epsilon, float weightDecay, boolean decoupled) {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("betas must be in [0, 1) but were " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("epsilon must be positive and weight decay non-negative but were "
                    + epsilon + ", " + weightDecay);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
        this.m = new float[parameters];
        this.v = new float[parameters];
    }

    /** Adam with PyTorch's defaults (betas 0.9, 0.999, eps 1e-8) and no weight decay. */
    public static AdamOptimizer adam(int parameters) {
        return new AdamOptimizer(parameters, 0.9f, 0.999f, 1e-8f, 0f, false);
    }

    /** AdamW with PyTorch's defaults (betas 0.9, 0.999, eps 1e-8) and the given weight decay. */
    public static AdamOptimizer adamW(int parameters, float weightDecay) {
        return new AdamOptimizer(parameters, 0.9f, 0.999f, 1e-8f, weightDecay, true);
    }

    /** Number of steps taken so far. */
    public int steps() {
        return steps;
    }

    /** One update of {@code params} from {@code grads} with learning rate {@code lr}. */
    public void step(float[] params, float[] grads, float lr) {
        steps++;
        double bias1 = 1 - Math.pow(beta1, steps);
        double bias2 = 1 - Math.pow(beta2, steps);
        float stepSize = (float) (lr / bias1);
        float sqrtBias2 = (float) Math.sqrt(bias2);
        float decay = decoupled ? 1f - lr * weightDecay : 1f;
        float l2 = decoupled ? 0f : weightDecay;
        for (int i = 0; i < m.length; i++) {
            float g = grads[i] + l2 * params[i];
            float mi = beta1 * m[i] + (1f - beta1) * g;
            float vi = beta2 * v[i] + (1f - beta2) * g * g;
            m[i] = mi;
            v[i] = vi;
            params[i] = params[i] * decay - stepSize * mi / ((float) Math.sqrt(vi) / sqrtBias2 + epsilon);
        }
    }

    /**
     * Scales {@code grads} so that their global L2 norm is at most {@code maxNorm} (as PyTorch's
     * {@code clip_grad_norm_}); returns the norm before clipping.
     */
    public static double clipGlobalNorm(float[] grads, int count, double maxNorm) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += (double) grads[i] * grads[i];
        }
        double norm = Math.sqrt(sum);
        if (norm > maxNorm && norm > 0) {
            float scale = (float) (maxNorm / (norm + 1e-6));
            for (int i = 0; i < count; i++) {
                grads[i] *= scale;
            }
        }
        return norm;
    }
}
