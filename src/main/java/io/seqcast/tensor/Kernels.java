package io.seqcast.tensor;

/**
 * The numeric kernels every model, request and training job runs on.
 *
 * <p>All arrays are flat, row-major {@code float[]} with an explicit offset; matrices also take a
 * leading dimension (the row stride in elements), so a kernel can work on a block inside a bigger
 * buffer. Weights are stored {@code [out, in]} as in PyTorch, so the forward product of a batch of
 * rows {@code X [m, in]} with a weight {@code W [out, in]} is {@code gemm(false, true, ...)}.
 *
 * <p>Two implementations: {@link ScalarKernels}, the plain-loop reference that is always present, and
 * {@code VectorKernels} on {@code jdk.incubator.vector}. Results of the two agree to float rounding
 * (summation order and the transcendental functions may differ in the last bits). Implementations
 * are stateless and thread-safe; they never allocate on the hot path.
 */
public interface Kernels {

    /** A short name for logs and metrics: {@code scalar} or {@code vector-256} and so on. */
    String name();

    /**
     * General matrix product {@code C = beta * C + op(A) * op(B)} with {@code op(A) [m, k]},
     * {@code op(B) [k, n]}, {@code C [m, n]}.
     *
     * @param transA when true {@code A} is stored {@code [k, m]} (leading dimension {@code lda >= m})
     *     and used transposed; else stored {@code [m, k]} with {@code lda >= k}
     * @param transB when true {@code B} is stored {@code [n, k]} ({@code ldb >= k}), the PyTorch weight
     *     layout; else {@code [k, n]} ({@code ldb >= n})
     * @param beta 0 overwrites {@code C} (whatever it held, even NaN), 1 accumulates into it; other
     *     values scale it first
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k,
              float[] a, int aOff, int lda,
              float[] b, int bOff, int ldb,
              float beta, float[] c, int cOff, int ldc);

    /**
     * Matrix-vector product {@code y = beta * y + op(W) x}. {@code W} is stored {@code [rows, cols]}
     * with leading dimension {@code ldw}; without transpose {@code x} has {@code cols} and {@code y}
     * has {@code rows} elements, transposed the other way round.
     */
    void gemv(boolean transW, int rows, int cols,
              float[] w, int wOff, int ldw,
              float[] x, int xOff,
              float beta, float[] y, int yOff);

    /** {@code c[r, j] += bias[j]} for each of {@code rows} rows of {@code cols} contiguous elements. */
    void addBias(int rows, int cols, float[] bias, int biasOff, float[] c, int cOff);

    /** {@code y[i] += alpha * x[i]}. */
    void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff);

    /** {@code out[i] = a[i] + b[i]}; {@code out} may alias either input. */
    void add(int n, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff);

    /** {@code out[i] = a[i] * b[i]}; {@code out} may alias either input. */
    void mul(int n, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff);

    /** {@code x[i] *= alpha}. */
    void scale(int n, float alpha, float[] x, int xOff);

    /** Sum of {@code a[i] * b[i]}. */
    float dot(int n, float[] a, int aOff, float[] b, int bOff);

    /** {@code out[i] = 1 / (1 + exp(-x[i]))}; {@code out} may alias {@code x}. */
    void sigmoid(int n, float[] x, int xOff, float[] out, int outOff);

    /** {@code out[i] = tanh(x[i])}; {@code out} may alias {@code x}. */
    void tanh(int n, float[] x, int xOff, float[] out, int outOff);

    /** {@code out[i] = max(0, x[i])}; {@code out} may alias {@code x}. */
    void relu(int n, float[] x, int xOff, float[] out, int outOff);

    /**
     * One GRU step for a block of {@code batch} rows, PyTorch semantics (gate blocks r, z, n):
     * <pre>
     *   r  = sigmoid(gx_r + gh_r)
     *   z  = sigmoid(gx_z + gh_z)
     *   n  = tanh(gx_n + r * gh_n)
     *   h' = (1 - z) * n + z * h
     * </pre>
     * where {@code gx = W_ih x + b_ih} and {@code gh = W_hh h + b_hh} are already computed.
     *
     * @param gx {@code [batch, 3*hidden]} input projection including {@code b_ih}
     * @param gh {@code [batch, 3*hidden]} recurrent projection including {@code b_hh}
     * @param hPrev {@code [batch, hidden]} previous state
     * @param hOut {@code [batch, hidden]} new state (may not alias {@code hPrev})
     * @param gates {@code [batch, 3*hidden]} receives r, z, n for the backward pass, or {@code null}
     *     at inference
     */
    void gruGates(int batch, int hidden,
                  float[] gx, int gxOff, float[] gh, int ghOff,
                  float[] hPrev, int hPrevOff, float[] hOut, int hOutOff,
                  float[] gates, int gatesOff);

    /**
     * One LSTM step for a block of {@code batch} rows, PyTorch semantics (gate blocks i, f, g, o):
     * <pre>
     *   i = sigmoid(pre_i)  f = sigmoid(pre_f)  g = tanh(pre_g)  o = sigmoid(pre_o)
     *   c' = f * c + i * g
     *   h' = o * tanh(c')
     * </pre>
     *
     * @param pre {@code [batch, 4*hidden]} the summed pre-activations
     *     {@code W_ih x + b_ih + W_hh h + b_hh}; overwritten with the activated gates i, f, g, o
     *     (which the backward pass keeps)
     * @param cPrev {@code [batch, hidden]} previous cell state
     * @param cOut {@code [batch, hidden]} new cell state (may alias {@code cPrev})
     * @param hOut {@code [batch, hidden]} new hidden state
     */
    void lstmGates(int batch, int hidden, float[] pre, int preOff,
                   float[] cPrev, int cPrevOff, float[] cOut, int cOutOff,
                   float[] hOut, int hOutOff);

    /**
     * One LSTM step backward for a block of {@code batch} rows: from the activated gates i, f, g, o
     * (as {@link #lstmGates} left them), {@code tanh(c')}, the previous cell state and
     * {@code dh = d loss / d h'}, the gradients of the four gate pre-activations:
     * <pre>
     *   dc  = dcNext + dh * o * (1 - tanh(c')^2)
     *   di  = dc * g * i (1 - i)        df = dc * c * f (1 - f)
     *   dg  = dc * i * (1 - g^2)        do = dh * tanh(c') * o (1 - o)
     *   dcNext &lt;- dc * f               (carried to the previous step)
     * </pre>
     *
     * @param gates {@code [batch, 4*hidden]} activated i, f, g, o
     * @param tanhC {@code [batch, hidden]} {@code tanh(c')}
     * @param cPrev {@code [batch, hidden]} the step's input cell state {@code c}
     * @param dh {@code [batch, hidden]} gradient w.r.t. the step's output {@code h'}
     * @param dc {@code [batch, hidden]} in: gradient w.r.t. {@code c'} carried from the next step;
     *     out: gradient w.r.t. {@code c}
     * @param dGates {@code [batch, 4*hidden]} receives the pre-activation gradients (i, f, g, o)
     */
    void lstmGatesBackward(int batch, int hidden, float[] gates, int gatesOff, float[] tanhC, int tanhCOff,
                           float[] cPrev, int cPrevOff, float[] dh, int dhOff, float[] dc, int dcOff,
                           float[] dGates, int dGatesOff);

    /**
     * Units per block of the packed recurrent weights that {@link #gruSequence} and
     * {@link #lstmSequence} read: 16 (scalar, 256-bit vectors) or 32 (512-bit). {@code hp} below is
     * the hidden size rounded up to a multiple of it.
     */
    int recurrentBlock();

    /**
     * A whole GRU layer at inference (same equations as {@link #gruGates}): for every step the
     * recurrent product from the packed weights and the gates in one pass, states kept in
     * {@code state}. Padding lanes ({@code hidden} to {@code hp}) must be zero in every input; they
     * stay zero in the state.
     *
     * @param gx {@code [steps, batch, 3, hp]} input projections with {@code b_ih}, and {@code b_hh}
     *     already added for r and z; read only
     * @param whh the packed {@code W_hh}: {@code [hp / block, hidden, 3, block]}, element
     *     {@code [u / block, r, gate, u % block] = W_hh[gate * hidden + u, r]}, zero for {@code u >= hidden}
     * @param bhn {@code [hp]} {@code b_hh} of the n gate
     * @param state {@code [2, batch, hp]} on entry block 0 holds the initial states; scratch after
     * @param hSeq receives {@code [steps, batch, hidden]} from {@code hSeqOff}: every step's state
     */
    void gruSequence(int batch, int hidden, int steps, float[] gx, float[] whh, float[] bhn,
                     float[] state, float[] hSeq, int hSeqOff);

    /**
     * A whole LSTM layer at inference (same equations as {@link #lstmGates}), as {@link #gruSequence}.
     *
     * @param gx {@code [steps, batch, 4, hp]} pre-activations without the recurrent product (both
     *     biases added); read only
     * @param whh the packed {@code W_hh}: {@code [hp / block, hidden, 4, block]}
     * @param state {@code [3, batch, hp]} on entry block 0 holds the initial hidden states and block 2
     *     the initial cell states; scratch after
     * @param hSeq receives {@code [steps, batch, hidden]} hidden states from {@code hSeqOff}
     * @param cSeq receives {@code [steps, batch, hidden]} cell states from {@code cSeqOff}
     */
    void lstmSequence(int batch, int hidden, int steps, float[] gx, float[] whh, float[] state,
                      float[] hSeq, int hSeqOff, float[] cSeq, int cSeqOff);
}
