package io.seqcast.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels} on the Vector API ({@code jdk.incubator.vector}) at a fixed vector width of 256 or
 * 512 bits. Shapes, layouts and aliasing rules are exactly those of {@link Kernels}; results agree with
 * {@link ScalarKernels} to float rounding (different summation order; sigmoid and tanh from a
 * polynomial exp with a few ulp of error instead of {@link Math#exp}).
 *
 * <p>Needs {@code --add-modules jdk.incubator.vector} on the JVM; {@link KernelsProvider} loads this
 * class reflectively so that a JVM without the module never links it. Stateless apart from a
 * per-thread packing buffer inside gemm (grown, never shrunk); thread-safe.
 *
 * <p>The work is done by three package-private kernel families ({@code VectorGemm},
 * {@code VectorElementwise}, {@code VectorActivations}), each specialized per width by
 * {@link SpeciesSpecializer} so that the species is a JIT constant.
 */
public final class VectorKernels implements Kernels {

    /** gemm and gemv. */
    interface Gemm {
        void gemm(boolean transA, boolean transB, int m, int n, int k,
                  float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                  float beta, float[] c, int cOff, int ldc);

        void gemv(boolean transW, int rows, int cols, float[] w, int wOff, int ldw,
                  float[] x, int xOff, float beta, float[] y, int yOff);
    }

    /** The memory-bound element-wise kernels and dot. */
    interface Elementwise {
        void addBias(int rows, int cols, float[] bias, int biasOff, float[] c, int cOff);

        void lstmGatesBackward(int batch, int hidden, float[] gates, int gatesOff, float[] tanhC, int tanhCOff,
                           float[] cPrev, int cPrevOff, float[] dh, int dhOff, float[] dc, int dcOff,
                           float[] dGates, int dGatesOff);

        void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff);

        void add(int n, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff);

        void mul(int n, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff);

        void scale(int n, float alpha, float[] x, int xOff);

        float dot(int n, float[] a, int aOff, float[] b, int bOff);

        void relu(int n, float[] x, int xOff, float[] out, int outOff);
    }

    /** sigmoid, tanh, the recurrent-cell gates and the fused layer kernels. */
    interface Activations {
        int block();

        void gruSequence(int batch, int hidden, int steps, float[] gx, float[] whh, float[] bhn,
                         float[] state, float[] hSeq, int hSeqOff);

        void lstmSequence(int batch, int hidden, int steps, float[] gx, float[] whh, float[] state,
                          float[] hSeq, int hSeqOff, float[] cSeq, int cSeqOff);

        void sigmoid(int n, float[] x, int xOff, float[] out, int outOff);

        void tanh(int n, float[] x, int xOff, float[] out, int outOff);

        void gruGates(int batch, int hidden, float[] gx, int gxOff, float[] gh, int ghOff,
                      float[] hPrev, int hPrevOff, float[] hOut, int hOutOff, float[] gates, int gatesOff);

        void lstmGates(int batch, int hidden, float[] pre, int preOff, float[] cPrev, int cPrevOff,
                       float[] cOut, int cOutOff, float[] hOut, int hOutOff);
    }

    /** The specialized families of one width, defined once per JVM and shared by all instances. */
    private static final class Families {
        final Gemm gemm;
        final Elementwise elementwise;
        final Activations activations;

        Families(VectorSpecies<Float> species) {
            gemm = SpeciesSpecializer.specialize(VectorGemm.class, Gemm.class, species);
            elementwise = SpeciesSpecializer.specialize(VectorElementwise.class, Elementwise.class, species);
            activations = SpeciesSpecializer.specialize(VectorActivations.class, Activations.class, species);
        }
    }

    private static Families families256;
    private static Families families512;

    private static synchronized Families families(int bits) {
        if (bits == 256) {
            if (families256 == null) {
                families256 = new Families(FloatVector.SPECIES_256);
            }
            return families256;
        }
        if (families512 == null) {
            families512 = new Families(FloatVector.SPECIES_512);
        }
        return families512;
    }

    private final int bits;
    private final Gemm gemm;
    private final Elementwise elementwise;
    private final Activations activations;

    /**
     * @param bits the vector width, 256 or 512; a width wider than the CPU's registers still works
     *     (the JIT splits it) but is slow
     */
    public VectorKernels(int bits) {
        if (bits != 256 && bits != 512) {
            throw new IllegalArgumentException("vector width must be 256 or 512 bits, was " + bits);
        }
        this.bits = bits;
        Families f = families(bits);
        this.gemm = f.gemm;
        this.elementwise = f.elementwise;
        this.activations = f.activations;
    }

    /** The widest float vector the JIT supports on this CPU, in bits (a hint for choosing a width). */
    public static int preferredBitSize() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }

    /** The vector width in bits. */
    public int bits() {
        return bits;
    }

    @Override
    public String name() {
        return "vector-" + bits;
    }

    @Override
    public String toString() {
        return name();
    }

    @Override
    public int recurrentBlock() {
        return activations.block();
    }

    @Override
    public void gruSequence(int batch, int hidden, int steps, float[] gx, float[] whh, float[] bhn,
                            float[] state, float[] hSeq, int hSeqOff) {
        activations.gruSequence(batch, hidden, steps, gx, whh, bhn, state, hSeq, hSeqOff);
    }

    @Override
    public void lstmSequence(int batch, int hidden, int steps, float[] gx, float[] whh, float[] state,
                             float[] hSeq, int hSeqOff, float[] cSeq, int cSeqOff) {
        activations.lstmSequence(batch, hidden, steps, gx, whh, state, hSeq, hSeqOff, cSeq, cSeqOff);
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        gemm.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override
    public void gemv(boolean transW, int rows, int cols, float[] w, int wOff, int ldw,
                     float[] x, int xOff, float beta, float[] y, int yOff) {
        gemm.gemv(transW, rows, cols, w, wOff, ldw, x, xOff, beta, y, yOff);
    }

    @Override
    public void addBias(int rows, int cols, float[] bias, int biasOff, float[] c, int cOff) {
        elementwise.addBias(rows, cols, bias, biasOff, c, cOff);
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        elementwise.axpy(n, alpha, x, xOff, y, yOff);
    }

    @Override
    public void add(int n, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff) {
        elementwise.add(n, a, aOff, b, bOff, out, outOff);
    }

    @Override
    public void mul(int n, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff) {
        elementwise.mul(n, a, aOff, b, bOff, out, outOff);
    }

    @Override
    public void scale(int n, float alpha, float[] x, int xOff) {
        elementwise.scale(n, alpha, x, xOff);
    }

    @Override
    public float dot(int n, float[] a, int aOff, float[] b, int bOff) {
        return elementwise.dot(n, a, aOff, b, bOff);
    }

    @Override
    public void sigmoid(int n, float[] x, int xOff, float[] out, int outOff) {
        activations.sigmoid(n, x, xOff, out, outOff);
    }

    @Override
    public void tanh(int n, float[] x, int xOff, float[] out, int outOff) {
        activations.tanh(n, x, xOff, out, outOff);
    }

    @Override
    public void relu(int n, float[] x, int xOff, float[] out, int outOff) {
        elementwise.relu(n, x, xOff, out, outOff);
    }

    @Override
    public void lstmGatesBackward(int batch, int hidden, float[] gates, int gatesOff, float[] tanhC, int tanhCOff,
                           float[] cPrev, int cPrevOff, float[] dh, int dhOff, float[] dc, int dcOff,
                           float[] dGates, int dGatesOff) {
        elementwise.lstmGatesBackward(batch, hidden, gates, gatesOff, tanhC, tanhCOff, cPrev, cPrevOff, dh, dhOff,
                dc, dcOff, dGates, dGatesOff);
    }

    @Override
    public void gruGates(int batch, int hidden, float[] gx, int gxOff, float[] gh, int ghOff,
                         float[] hPrev, int hPrevOff, float[] hOut, int hOutOff, float[] gates, int gatesOff) {
        activations.gruGates(batch, hidden, gx, gxOff, gh, ghOff, hPrev, hPrevOff, hOut, hOutOff, gates, gatesOff);
    }

    @Override
    public void lstmGates(int batch, int hidden, float[] pre, int preOff, float[] cPrev, int cPrevOff,
                          float[] cOut, int cOutOff, float[] hOut, int hOutOff) {
        activations.lstmGates(batch, hidden, pre, preOff, cPrev, cPrevOff, cOut, cOutOff, hOut, hOutOff);
    }
}
