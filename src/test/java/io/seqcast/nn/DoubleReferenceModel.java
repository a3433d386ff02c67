package io.seqcast.nn;

/**
 * A test oracle: the same sequence-to-one model in double precision, written straight from the
 * equations (one series at a time, one step at a time, no kernels), with its own hand-written
 * backward pass. Central differences check its gradients to 1e-6; the product's float
 * implementation is then checked against it.
 */
final class DoubleReferenceModel {

    private final ModelSpec spec;
    private final ParameterLayout layout;
    final double[] p;

    DoubleReferenceModel(ModelSpec spec, double[] parameters) {
        this.spec = spec;
        this.layout = new ParameterLayout(spec);
        this.p = parameters;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** Everything one series' forward pass computed, per layer and step. */
    private final class Trace {
        final double[][][] xs = new double[spec.numLayers()][][];     // layer, step, in
        final double[][][] hs = new double[spec.numLayers()][][];     // layer, step 0..T, H
        final double[][][] cs = new double[spec.numLayers()][][];     // LSTM cell states
        final double[][][] gates = new double[spec.numLayers()][][];  // activated gates per step
        final double[][][] hn = new double[spec.numLayers()][][];     // GRU: W_hn h + b_hn per step
        double[] y;
    }

    private Trace forward(double[] x, int steps) {
        int in0 = spec.inputSize();
        int hidden = spec.hiddenSize();
        int g = spec.gateRows();
        Trace tr = new Trace();
        double[][] layerIn = new double[steps][];
        for (int t = 0; t < steps; t++) {
            layerIn[t] = java.util.Arrays.copyOfRange(x, t * in0, (t + 1) * in0);
        }
        for (int l = 0; l < spec.numLayers(); l++) {
            int in = spec.layerInputSize(l);
            tr.xs[l] = layerIn;
            tr.hs[l] = new double[steps + 1][hidden];
            tr.cs[l] = new double[steps + 1][hidden];
            tr.gates[l] = new double[steps][g];
            tr.hn[l] = new double[steps][hidden];
            for (int t = 0; t < steps; t++) {
                double[] h = tr.hs[l][t];
                double[] a = new double[g];   // W_ih x + b_ih
                double[] b = new double[g];   // W_hh h + b_hh
                for (int r = 0; r < g; r++) {
                    double sa = p[layout.biasIh(l) + r];
                    for (int j = 0; j < in; j++) {
                        sa += p[layout.weightIh(l) + r * in + j] * layerIn[t][j];
                    }
                    double sb = p[layout.biasHh(l) + r];
                    for (int j = 0; j < hidden; j++) {
                        sb += p[layout.weightHh(l) + r * hidden + j] * h[j];
                    }
                    a[r] = sa;
                    b[r] = sb;
                }
                double[] hNew = tr.hs[l][t + 1];
                double[] gt = tr.gates[l][t];
                for (int j = 0; j < hidden; j++) {
                    switch (spec.cell()) {
                        case RNN_TANH -> hNew[j] = Math.tanh(a[j] + b[j]);
                        case RNN_RELU -> hNew[j] = Math.max(0, a[j] + b[j]);
                        case GRU -> {
                            double r = sigmoid(a[j] + b[j]);
                            double z = sigmoid(a[hidden + j] + b[hidden + j]);
                            double n = Math.tanh(a[2 * hidden + j] + r * b[2 * hidden + j]);
                            gt[j] = r;
                            gt[hidden + j] = z;
                            gt[2 * hidden + j] = n;
                            tr.hn[l][t][j] = b[2 * hidden + j];
                            hNew[j] = (1 - z) * n + z * h[j];
                        }
                        case LSTM -> {
                            double i = sigmoid(a[j] + b[j]);
                            double f = sigmoid(a[hidden + j] + b[hidden + j]);
                            double gg = Math.tanh(a[2 * hidden + j] + b[2 * hidden + j]);
                            double o = sigmoid(a[3 * hidden + j] + b[3 * hidden + j]);
                            gt[j] = i;
                            gt[hidden + j] = f;
                            gt[2 * hidden + j] = gg;
                            gt[3 * hidden + j] = o;
                            double c = f * tr.cs[l][t][j] + i * gg;
                            tr.cs[l][t + 1][j] = c;
                            hNew[j] = o * Math.tanh(c);
                        }
                    }
                }
            }
            double[][] next = new double[steps][];
            for (int t = 0; t < steps; t++) {
                next[t] = tr.hs[l][t + 1];
            }
            layerIn = next;
        }
        double[] top = tr.hs[spec.numLayers() - 1][steps];
        tr.y = new double[spec.horizon()];
        for (int k = 0; k < spec.horizon(); k++) {
            double s = p[layout.headBias() + k];
            for (int j = 0; j < hidden; j++) {
                s += p[layout.headWeight() + k * hidden + j] * top[j];
            }
            tr.y[k] = s;
        }
        return tr;
    }

    /** Outputs {@code [batch, horizon]} for inputs {@code [batch, steps, in]}. */
    double[] predict(double[] x, int batch, int steps) {
        int in = spec.inputSize();
        double[] out = new double[batch * spec.horizon()];
        for (int b = 0; b < batch; b++) {
            double[] y = forward(java.util.Arrays.copyOfRange(x, b * steps * in, (b + 1) * steps * in), steps).y;
            System.arraycopy(y, 0, out, b * spec.horizon(), y.length);
        }
        return out;
    }

    /** The loss {@code sum(proj * y)} (a random projection), its parameter gradient, and its input gradient. */
    double lossAndGradients(double[] x, int batch, int steps, double[] proj, double[] grads, double[] dInput) {
        int in0 = spec.inputSize();
        int hidden = spec.hiddenSize();
        int g = spec.gateRows();
        double loss = 0;
        for (int bi = 0; bi < batch; bi++) {
            Trace tr = forward(java.util.Arrays.copyOfRange(x, bi * steps * in0, (bi + 1) * steps * in0), steps);
            double[] dy = java.util.Arrays.copyOfRange(proj, bi * spec.horizon(), (bi + 1) * spec.horizon());
            for (int k = 0; k < dy.length; k++) {
                loss += dy[k] * tr.y[k];
            }
            int top = spec.numLayers() - 1;
            double[][] dOutSeq = new double[steps][hidden];
            for (int k = 0; k < spec.horizon(); k++) {
                grads[layout.headBias() + k] += dy[k];
                for (int j = 0; j < hidden; j++) {
                    grads[layout.headWeight() + k * hidden + j] += dy[k] * tr.hs[top][steps][j];
                    dOutSeq[steps - 1][j] += dy[k] * p[layout.headWeight() + k * hidden + j];
                }
            }
            for (int l = top; l >= 0; l--) {
                int in = spec.layerInputSize(l);
                double[][] dIn = new double[steps][in];
                double[] dh = new double[hidden];
                double[] dc = new double[hidden];
                for (int t = steps - 1; t >= 0; t--) {
                    for (int j = 0; j < hidden; j++) {
                        dh[j] += dOutSeq[t][j];
                    }
                    double[] da = new double[g];   // d / d (W_ih x + b_ih)
                    double[] db = new double[g];   // d / d (W_hh h + b_hh)
                    double[] dhPrev = new double[hidden];
                    double[] gt = tr.gates[l][t];
                    for (int j = 0; j < hidden; j++) {
                        switch (spec.cell()) {
                            case RNN_TANH -> {
                                double hv = tr.hs[l][t + 1][j];
                                da[j] = db[j] = dh[j] * (1 - hv * hv);
                            }
                            case RNN_RELU -> da[j] = db[j] = tr.hs[l][t + 1][j] > 0 ? dh[j] : 0;
                            case GRU -> {
                                double r = gt[j];
                                double z = gt[hidden + j];
                                double n = gt[2 * hidden + j];
                                double dn = dh[j] * (1 - z) * (1 - n * n);
                                double dz = dh[j] * (tr.hs[l][t][j] - n) * z * (1 - z);
                                double dr = dn * tr.hn[l][t][j] * r * (1 - r);
                                da[j] = dr;
                                db[j] = dr;
                                da[hidden + j] = dz;
                                db[hidden + j] = dz;
                                da[2 * hidden + j] = dn;
                                db[2 * hidden + j] = dn * r;
                                dhPrev[j] += dh[j] * z;
                            }
                            case LSTM -> {
                                double i = gt[j];
                                double f = gt[hidden + j];
                                double gg = gt[2 * hidden + j];
                                double o = gt[3 * hidden + j];
                                double tc = Math.tanh(tr.cs[l][t + 1][j]);
                                double dcj = dc[j] + dh[j] * o * (1 - tc * tc);
                                da[j] = db[j] = dcj * gg * i * (1 - i);
                                da[hidden + j] = db[hidden + j] = dcj * tr.cs[l][t][j] * f * (1 - f);
                                da[2 * hidden + j] = db[2 * hidden + j] = dcj * i * (1 - gg * gg);
                                da[3 * hidden + j] = db[3 * hidden + j] = dh[j] * tc * o * (1 - o);
                                dc[j] = dcj * f;
                            }
                        }
                    }
                    double[] xt = tr.xs[l][t];
                    double[] hp = tr.hs[l][t];
                    for (int r = 0; r < g; r++) {
                        grads[layout.biasIh(l) + r] += da[r];
                        grads[layout.biasHh(l) + r] += db[r];
                        for (int j = 0; j < in; j++) {
                            grads[layout.weightIh(l) + r * in + j] += da[r] * xt[j];
                            dIn[t][j] += da[r] * p[layout.weightIh(l) + r * in + j];
                        }
                        for (int j = 0; j < hidden; j++) {
                            grads[layout.weightHh(l) + r * hidden + j] += db[r] * hp[j];
                            dhPrev[j] += db[r] * p[layout.weightHh(l) + r * hidden + j];
                        }
                    }
                    dh = dhPrev;
                }
                if (l > 0) {
                    dOutSeq = dIn;
                } else if (dInput != null) {
                    for (int t = 0; t < steps; t++) {
                        System.arraycopy(dIn[t], 0, dInput, (bi * steps + t) * in0, in0);
                    }
                }
            }
        }
        return loss;
    }

    double loss(double[] x, int batch, int steps, double[] proj) {
        double[] y = predict(x, batch, steps);
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += proj[i] * y[i];
        }
        return s;
    }
}
