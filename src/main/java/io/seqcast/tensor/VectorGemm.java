package io.seqcast.tensor;

import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * gemm and gemv on the Vector API; a template specialized per width by {@link SpeciesSpecializer}
 * (contracts in {@link Kernels#gemm} and {@link Kernels#gemv}).
 *
 * <p>gemm: every transpose combination runs one register-tiled micro-kernel that computes a block
 * of 8 rows x 3 vectors of columns of {@code C} (24 accumulators; a 4-row variant for the rest) as a
 * sum of rank-1 updates: per {@code p}, 3 contiguous loads from row {@code p} of {@code op(B)} and 8
 * broadcasts of {@code op(A)[i..i+7, p]}. {@code op(A)} is read through two strides, so A and A^T cost the same. A
 * transposed B (the PyTorch weight layout, the forward product) is first packed into a per-thread
 * {@code [k, n]} scratch buffer: k*n copies against m*n*k FMAs, so that the inner loop always reads B
 * contiguously instead of reducing a dot product per element. k is split into panels of {@link #KC}
 * so that the 3-vector panel of B being reused stays in L1.
 */
final class VectorGemm implements VectorKernels.Gemm {

    static final VectorSpecies<Float> S = SpeciesSpecializer.species(MethodHandles.lookup());
    private static final int L = S.length();
    /** Columns of C per micro-kernel block. */
    private static final int NR = 3 * L;
    /** Depth of a k panel: 128 rows x NR floats of B is 12 KiB at 256 bits, 24 KiB at 512. */
    private static final int KC = 128;
    /** Per-thread scratch buffers (grow, never shrink): a transposed B as [k, n], and the packed panels. */
    private static final ThreadLocal<float[]> PACKED = new ThreadLocal<>();
    private static final ThreadLocal<float[]> PACKED_A = new ThreadLocal<>();
    private static final ThreadLocal<float[]> PACKED_B = new ThreadLocal<>();

    VectorGemm() {
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        if (m <= 0 || n <= 0) {
            return;
        }
        if (k <= 0) {
            scaleC(m, n, beta, c, cOff, ldc);
            return;
        }
        if (beta != 0f && beta != 1f) {
            // Scaled once here, so the kernels only ever overwrite (beta 0) or accumulate (beta 1).
            scaleC(m, n, beta, c, cOff, ldc);
            beta = 1f;
        }
        // op(A)[i, p] = a[aOff + i * rsA + p * csA]
        int rsA = transA ? 1 : lda;
        int csA = transA ? lda : 1;
        float[] bb = b;
        int bo = bOff;
        int ldbb = ldb;
        if (transB) {
            bb = packTransposed(n, k, b, bOff, ldb);
            bo = 0;
            ldbb = n;
        }
        for (int p0 = 0; p0 < k; p0 += KC) {
            int kc = Math.min(KC, k - p0);
            // The first panel applies beta, the later ones accumulate onto it.
            float bt = p0 == 0 ? beta : 1f;
            panel(m, n, kc, a, aOff + p0 * csA, rsA, csA, bb, bo + p0 * ldbb, ldbb, bt, c, cOff, ldc);
        }
    }

    /**
     * C = beta * C + op(A)[:, panel] * B[panel, :] for one k panel of depth kc. The full 4-row x NR
     * blocks run on packed copies (A as [4-row block][p][4], B as [NR-column block][p][NR]) so that
     * the micro-kernel reads two unit-stride streams indexed by p, which lets C2 drop the bounds
     * checks; the ragged edges run unpacked.
     */
    private static void panel(int m, int n, int kc, float[] a, int aOff, int rsA, int csA,
                              float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        int m4 = m & ~3;
        int nFull = n - n % NR;
        if (m4 > 0 && nFull > 0) {
            int m8 = m & ~7;
            float[] ap = scratch(PACKED_A, m4 * kc);
            float[] bp = scratch(PACKED_B, nFull * kc);
            packA(m8, m4, kc, a, aOff, rsA, csA, ap);
            packB(nFull, kc, b, bOff, ldb, bp);
            for (int j = 0; j < nFull; j += NR) {
                int ib = j * kc;
                for (int i = 0; i < m8; i += 8) {
                    kernel8x3Packed(kc, ap, i * kc, bp, ib, beta, c, cOff + i * ldc + j, ldc);
                }
                if (m8 < m4) {
                    kernel4x3Packed(kc, ap, m8 * kc, bp, ib, beta, c, cOff + m8 * ldc + j, ldc);
                }
            }
        }
        for (int j = 0; j < nFull; j += NR) {
            for (int i = m4; i < m; i++) {
                kernel1x3(kc, a, aOff + i * rsA, csA, b, bOff + j, ldb, beta, c, cOff + i * ldc + j);
            }
        }
        int j = nFull;
        for (; j + L <= n; j += L) {
            int i = 0;
            for (; i < m4; i += 4) {
                kernel4x1(kc, a, aOff + i * rsA, rsA, csA, b, bOff + j, ldb, beta, c, cOff + i * ldc + j, ldc);
            }
            for (; i < m; i++) {
                kernel1x1(kc, a, aOff + i * rsA, csA, b, bOff + j, ldb, beta, c, cOff + i * ldc + j);
            }
        }
        if (j < n) {
            scalarColumns(m, j, n, kc, a, aOff, rsA, csA, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    /**
     * op(A)[0..m4, 0..kc] as blocks of 8 rows, each [p][8], up to m8, then at most one block of 4 rows
     * [p][4]: the block of row i starts at i * kc.
     */
    private static void packA(int m8, int m4, int kc, float[] a, int aOff, int rsA, int csA, float[] ap) {
        int dst = 0;
        for (int i = 0; i < m8; i += 8) {
            int r0 = aOff + i * rsA;
            for (int p = 0; p < kc; p++, dst += 8) {
                int src = r0 + p * csA;
                for (int q = 0; q < 8; q++) {
                    ap[dst + q] = a[src + q * rsA];
                }
            }
        }
        for (int i = m8; i < m4; i += 4) {
            int r0 = aOff + i * rsA;
            for (int p = 0; p < kc; p++, dst += 4) {
                int src = r0 + p * csA;
                ap[dst] = a[src];
                ap[dst + 1] = a[src + rsA];
                ap[dst + 2] = a[src + 2 * rsA];
                ap[dst + 3] = a[src + 3 * rsA];
            }
        }
    }

    /** B[0..kc, 0..nFull] as blocks of NR columns, each [p][NR]: block j/NR starts at j * kc. */
    private static void packB(int nFull, int kc, float[] b, int bOff, int ldb, float[] bp) {
        int dst = 0;
        for (int j = 0; j < nFull; j += NR) {
            int src = bOff + j;
            for (int p = 0; p < kc; p++, src += ldb, dst += NR) {
                for (int q = 0; q < NR; q += L) {
                    FloatVector.fromArray(S, b, src + q).intoArray(bp, dst + q);
                }
            }
        }
    }

    /**
     * The main micro-kernel: 8 rows x 3 vectors of C in 24 accumulators, plus 3 vectors of B and a
     * broadcast: 28 of the 32 vector registers AVX-512 gives C2 (also at 256 bits, ymm16-31). Per p it
     * does 24 FMAs for 3 loads and 8 broadcasts, twice the FMAs per load of the 4x3 kernel. The
     * accumulators start from beta * C (one branch) and are stored plainly: a three-way beta branch
     * per store, as the smaller kernels have, made this method too big for C2 to inline the Vector API
     * calls, and unintrinsified it ran 4 to 100 times slower.
     */
    private static void kernel8x3Packed(int kc, float[] ap, int ia, float[] bp, int ib,
                                        float beta, float[] c, int ic, int ldc) {
        FloatVector c00, c01, c02;
        FloatVector c10, c11, c12;
        FloatVector c20, c21, c22;
        FloatVector c30, c31, c32;
        FloatVector c40, c41, c42;
        FloatVector c50, c51, c52;
        FloatVector c60, c61, c62;
        FloatVector c70, c71, c72;
        if (beta == 0f) {
            c00 = FloatVector.zero(S); c01 = c00; c02 = c00;
            c10 = FloatVector.zero(S); c11 = c10; c12 = c10;
            c20 = FloatVector.zero(S); c21 = c20; c22 = c20;
            c30 = FloatVector.zero(S); c31 = c30; c32 = c30;
            c40 = FloatVector.zero(S); c41 = c40; c42 = c40;
            c50 = FloatVector.zero(S); c51 = c50; c52 = c50;
            c60 = FloatVector.zero(S); c61 = c60; c62 = c60;
            c70 = FloatVector.zero(S); c71 = c70; c72 = c70;
        } else {
            c00 = FloatVector.fromArray(S, c, ic + 0 * ldc); c01 = FloatVector.fromArray(S, c, ic + 0 * ldc + L); c02 = FloatVector.fromArray(S, c, ic + 0 * ldc + 2 * L);
            c10 = FloatVector.fromArray(S, c, ic + 1 * ldc); c11 = FloatVector.fromArray(S, c, ic + 1 * ldc + L); c12 = FloatVector.fromArray(S, c, ic + 1 * ldc + 2 * L);
            c20 = FloatVector.fromArray(S, c, ic + 2 * ldc); c21 = FloatVector.fromArray(S, c, ic + 2 * ldc + L); c22 = FloatVector.fromArray(S, c, ic + 2 * ldc + 2 * L);
            c30 = FloatVector.fromArray(S, c, ic + 3 * ldc); c31 = FloatVector.fromArray(S, c, ic + 3 * ldc + L); c32 = FloatVector.fromArray(S, c, ic + 3 * ldc + 2 * L);
            c40 = FloatVector.fromArray(S, c, ic + 4 * ldc); c41 = FloatVector.fromArray(S, c, ic + 4 * ldc + L); c42 = FloatVector.fromArray(S, c, ic + 4 * ldc + 2 * L);
            c50 = FloatVector.fromArray(S, c, ic + 5 * ldc); c51 = FloatVector.fromArray(S, c, ic + 5 * ldc + L); c52 = FloatVector.fromArray(S, c, ic + 5 * ldc + 2 * L);
            c60 = FloatVector.fromArray(S, c, ic + 6 * ldc); c61 = FloatVector.fromArray(S, c, ic + 6 * ldc + L); c62 = FloatVector.fromArray(S, c, ic + 6 * ldc + 2 * L);
            c70 = FloatVector.fromArray(S, c, ic + 7 * ldc); c71 = FloatVector.fromArray(S, c, ic + 7 * ldc + L); c72 = FloatVector.fromArray(S, c, ic + 7 * ldc + 2 * L);
        }
        for (int p = 0; p < kc; p++) {
            int pb = ib + p * NR;
            int pa = ia + p * 8;
            FloatVector b0 = FloatVector.fromArray(S, bp, pb);
            FloatVector b1 = FloatVector.fromArray(S, bp, pb + L);
            FloatVector b2 = FloatVector.fromArray(S, bp, pb + 2 * L);
            FloatVector av = FloatVector.broadcast(S, ap[pa]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            c02 = av.fma(b2, c02);
            av = FloatVector.broadcast(S, ap[pa + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            c12 = av.fma(b2, c12);
            av = FloatVector.broadcast(S, ap[pa + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            c22 = av.fma(b2, c22);
            av = FloatVector.broadcast(S, ap[pa + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            c32 = av.fma(b2, c32);
            av = FloatVector.broadcast(S, ap[pa + 4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            c42 = av.fma(b2, c42);
            av = FloatVector.broadcast(S, ap[pa + 5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
            c52 = av.fma(b2, c52);
            av = FloatVector.broadcast(S, ap[pa + 6]);
            c60 = av.fma(b0, c60);
            c61 = av.fma(b1, c61);
            c62 = av.fma(b2, c62);
            av = FloatVector.broadcast(S, ap[pa + 7]);
            c70 = av.fma(b0, c70);
            c71 = av.fma(b1, c71);
            c72 = av.fma(b2, c72);
        }
        c00.intoArray(c, ic + 0 * ldc); c01.intoArray(c, ic + 0 * ldc + L); c02.intoArray(c, ic + 0 * ldc + 2 * L);
        c10.intoArray(c, ic + 1 * ldc); c11.intoArray(c, ic + 1 * ldc + L); c12.intoArray(c, ic + 1 * ldc + 2 * L);
        c20.intoArray(c, ic + 2 * ldc); c21.intoArray(c, ic + 2 * ldc + L); c22.intoArray(c, ic + 2 * ldc + 2 * L);
        c30.intoArray(c, ic + 3 * ldc); c31.intoArray(c, ic + 3 * ldc + L); c32.intoArray(c, ic + 3 * ldc + 2 * L);
        c40.intoArray(c, ic + 4 * ldc); c41.intoArray(c, ic + 4 * ldc + L); c42.intoArray(c, ic + 4 * ldc + 2 * L);
        c50.intoArray(c, ic + 5 * ldc); c51.intoArray(c, ic + 5 * ldc + L); c52.intoArray(c, ic + 5 * ldc + 2 * L);
        c60.intoArray(c, ic + 6 * ldc); c61.intoArray(c, ic + 6 * ldc + L); c62.intoArray(c, ic + 6 * ldc + 2 * L);
        c70.intoArray(c, ic + 7 * ldc); c71.intoArray(c, ic + 7 * ldc + L); c72.intoArray(c, ic + 7 * ldc + 2 * L);
    }

    private static void kernel4x3Packed(int kc, float[] ap, int ia, float[] bp, int ib,
                                        float beta, float[] c, int ic, int ldc) {
        FloatVector c00 = beta == 0f ? FloatVector.zero(S) : FloatVector.fromArray(S, c, ic + 0 * ldc);
        FloatVector c01 = beta == 0f ? FloatVector.zero(S) : FloatVector.fromArray(S, c, ic + 0 * ldc + L);
        FloatVector c02 = beta == 0f ? FloatVector.zero(S) : FloatVector.fromArray(S, c, ic + 0 * ldc + 2 * L);
        FloatVector c10 = beta == 0f ? FloatVector.zero(S) : FloatVector.fromArray(S, c, ic + 1 * ldc);
        FloatVector c11 = beta == 0f ? FloatVector.zero(S) : FloatVector.fromArray(S, c, ic + 1 * ldc + L);
        FloatVector c12 = beta == 0f ? FloatVector.zero(S) : FloatVector.fromArray(S, c, ic + 1 * ldc + 2 * L);
        FloatVector c20 = beta == 0f ? FloatVector.zero(S) : FloatVector.fromArray(S, c, ic + 2 * ldc);
        FloatVector c21 = beta == 0f ? FloatVector.zero(S) : FloatVector.fromArray(S, c, ic + 2 * ldc + L);
        FloatVector c22 = beta == 0f ? FloatVector.zero(S) : FloatVector.fromArray(S, c, ic + 2 * ldc + 2 * L);
        FloatVector c30 = beta == 0f ? FloatVector.zero(S) : FloatVector.fromArray(S, c, ic + 3 * ldc);
        FloatVector c31 = beta == 0f ? FloatVector.zero(S) : FloatVector.fromArray(S, c, ic + 3 * ldc + L);
        FloatVector c32 = beta == 0f ? FloatVector.zero(S) : FloatVector.fromArray(S, c, ic + 3 * ldc + 2 * L);
        for (int p = 0; p < kc; p++) {
            int pb = ib + p * NR;
            int pa = ia + p * 4;
            FloatVector b0 = FloatVector.fromArray(S, bp, pb);
            FloatVector b1 = FloatVector.fromArray(S, bp, pb + L);
            FloatVector b2 = FloatVector.fromArray(S, bp, pb + 2 * L);
            FloatVector av = FloatVector.broadcast(S, ap[pa]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            c02 = av.fma(b2, c02);
            av = FloatVector.broadcast(S, ap[pa + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            c12 = av.fma(b2, c12);
            av = FloatVector.broadcast(S, ap[pa + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            c22 = av.fma(b2, c22);
            av = FloatVector.broadcast(S, ap[pa + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            c32 = av.fma(b2, c32);
        }
        c00.intoArray(c, ic);
        c01.intoArray(c, ic + L);
        c02.intoArray(c, ic + 2 * L);
        ic += ldc;
        c10.intoArray(c, ic);
        c11.intoArray(c, ic + L);
        c12.intoArray(c, ic + 2 * L);
        ic += ldc;
        c20.intoArray(c, ic);
        c21.intoArray(c, ic + L);
        c22.intoArray(c, ic + 2 * L);
        ic += ldc;
        c30.intoArray(c, ic);
        c31.intoArray(c, ic + L);
        c32.intoArray(c, ic + 2 * L);
    }

    private static void kernel1x3(int kc, float[] a, int ia, int csA, float[] b, int ib, int ldb,
                                  float beta, float[] c, int ic) {
        FloatVector c00 = beta == 0f ? FloatVector.zero(S) : FloatVector.fromArray(S, c, ic);
        FloatVector c01 = beta == 0f ? FloatVector.zero(S) : FloatVector.fromArray(S, c, ic + L);
        FloatVector c02 = beta == 0f ? FloatVector.zero(S) : FloatVector.fromArray(S, c, ic + 2 * L);
        for (int p = 0; p < kc; p++, ia += csA, ib += ldb) {
            FloatVector av = FloatVector.broadcast(S, a[ia]);
            c00 = av.fma(FloatVector.fromArray(S, b, ib), c00);
            c01 = av.fma(FloatVector.fromArray(S, b, ib + L), c01);
            c02 = av.fma(FloatVector.fromArray(S, b, ib + 2 * L), c02);
        }
        c00.intoArray(c, ic);
        c01.intoArray(c, ic + L);
        c02.intoArray(c, ic + 2 * L);
    }

    private static void kernel4x1(int kc, float[] a, int ia, int rsA, int csA, float[] b, int ib, int ldb,
                                  float beta, float[] c, int ic, int ldc) {
        FloatVector c0 = beta == 0f ? FloatVector.zero(S) : FloatVector.fromArray(S, c, ic + 0 * ldc);
        FloatVector c1 = beta == 0f ? FloatVector.zero(S) : FloatVector.fromArray(S, c, ic + 1 * ldc);
        FloatVector c2 = beta == 0f ? FloatVector.zero(S) : FloatVector.fromArray(S, c, ic + 2 * ldc);
        FloatVector c3 = beta == 0f ? FloatVector.zero(S) : FloatVector.fromArray(S, c, ic + 3 * ldc);
        int rs2 = 2 * rsA;
        int rs3 = 3 * rsA;
        for (int p = 0; p < kc; p++, ia += csA, ib += ldb) {
            FloatVector bv = FloatVector.fromArray(S, b, ib);
            c0 = FloatVector.broadcast(S, a[ia]).fma(bv, c0);
            c1 = FloatVector.broadcast(S, a[ia + rsA]).fma(bv, c1);
            c2 = FloatVector.broadcast(S, a[ia + rs2]).fma(bv, c2);
            c3 = FloatVector.broadcast(S, a[ia + rs3]).fma(bv, c3);
        }
        c0.intoArray(c, ic);
        c1.intoArray(c, ic + ldc);
        c2.intoArray(c, ic + 2 * ldc);
        c3.intoArray(c, ic + 3 * ldc);
    }

    private static void kernel1x1(int kc, float[] a, int ia, int csA, float[] b, int ib, int ldb,
                                  float beta, float[] c, int ic) {
        FloatVector c0 = beta == 0f ? FloatVector.zero(S) : FloatVector.fromArray(S, c, ic);
        for (int p = 0; p < kc; p++, ia += csA, ib += ldb) {
            c0 = FloatVector.broadcast(S, a[ia]).fma(FloatVector.fromArray(S, b, ib), c0);
        }
        c0.intoArray(c, ic);
    }

    /** The last n - j0 (< L) columns, scalar. */
    private static void scalarColumns(int m, int j0, int n, int kc, float[] a, int aOff, int rsA, int csA,
                                      float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int ia0 = aOff + i * rsA;
            int cRow = cOff + i * ldc;
            for (int j = j0; j < n; j++) {
                float sum = 0f;
                int ia = ia0;
                int ib = bOff + j;
                for (int p = 0; p < kc; p++, ia += csA, ib += ldb) {
                    sum = Math.fma(a[ia], b[ib], sum);
                }
                c[cRow + j] = beta == 0f ? sum : beta * c[cRow + j] + sum;
            }
        }
    }

    private static void scaleC(int m, int n, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                c[row + j] = beta == 0f ? 0f : beta * c[row + j];
            }
        }
    }

    private static float[] scratch(ThreadLocal<float[]> holder, int size) {
        float[] buf = holder.get();
        if (buf == null || buf.length < size) {
            buf = new float[size];
            holder.set(buf);
        }
        return buf;
    }

    /** B stored [n, k] (ldb) copied to a per-thread [k, n] buffer (leading dimension n). */
    private static float[] packTransposed(int n, int k, float[] b, int bOff, int ldb) {
        float[] packed = scratch(PACKED, n * k);
        // 16x16 tiles: both the strided reads and the strided writes stay within a few cache lines.
        final int t = 16;
        for (int j0 = 0; j0 < n; j0 += t) {
            int j1 = Math.min(n, j0 + t);
            for (int p0 = 0; p0 < k; p0 += t) {
                int p1 = Math.min(k, p0 + t);
                for (int j = j0; j < j1; j++) {
                    int src = bOff + j * ldb;
                    for (int p = p0; p < p1; p++) {
                        packed[p * n + j] = b[src + p];
                    }
                }
            }
        }
        return packed;
    }

    @Override
    public void gemv(boolean transW, int rows, int cols, float[] w, int wOff, int ldw,
                     float[] x, int xOff, float beta, float[] y, int yOff) {
        if (transW && beta != 0f && beta != 1f) {
            // Scaled once here, so gemvT only overwrites (beta 0) or accumulates (beta 1).
            scaleC(1, cols, beta, y, yOff, cols);
            beta = 1f;
        }
        if (transW) {
            gemvT(rows, cols, w, wOff, ldw, x, xOff, beta, y, yOff);
        } else {
            gemvN(rows, cols, w, wOff, ldw, x, xOff, beta, y, yOff);
        }
    }

    /**
     * y[r] = beta * y[r] + dot(W[r, :], x): 4 rows at a time, each with 2 accumulators, so that one
     * load of x feeds 4 FMAs and 8 independent FMA chains hide the latency.
     */
    private static void gemvN(int rows, int cols, float[] w, int wOff, int ldw,
                              float[] x, int xOff, float beta, float[] y, int yOff) {
        int bound = S.loopBound(cols);
        int bound2 = cols - 2 * L + 1;
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int w0 = wOff + r * ldw;
            int w1 = w0 + ldw;
            int w2 = w1 + ldw;
            int w3 = w2 + ldw;
            FloatVector a0 = FloatVector.zero(S), b0 = FloatVector.zero(S);
            FloatVector a1 = FloatVector.zero(S), b1 = FloatVector.zero(S);
            FloatVector a2 = FloatVector.zero(S), b2 = FloatVector.zero(S);
            FloatVector a3 = FloatVector.zero(S), b3 = FloatVector.zero(S);
            int j = 0;
            for (; j < bound2; j += 2 * L) {
                FloatVector xa = FloatVector.fromArray(S, x, xOff + j);
                FloatVector xb = FloatVector.fromArray(S, x, xOff + j + L);
                a0 = FloatVector.fromArray(S, w, w0 + j).fma(xa, a0);
                b0 = FloatVector.fromArray(S, w, w0 + j + L).fma(xb, b0);
                a1 = FloatVector.fromArray(S, w, w1 + j).fma(xa, a1);
                b1 = FloatVector.fromArray(S, w, w1 + j + L).fma(xb, b1);
                a2 = FloatVector.fromArray(S, w, w2 + j).fma(xa, a2);
                b2 = FloatVector.fromArray(S, w, w2 + j + L).fma(xb, b2);
                a3 = FloatVector.fromArray(S, w, w3 + j).fma(xa, a3);
                b3 = FloatVector.fromArray(S, w, w3 + j + L).fma(xb, b3);
            }
            for (; j < bound; j += L) {
                FloatVector xa = FloatVector.fromArray(S, x, xOff + j);
                a0 = FloatVector.fromArray(S, w, w0 + j).fma(xa, a0);
                a1 = FloatVector.fromArray(S, w, w1 + j).fma(xa, a1);
                a2 = FloatVector.fromArray(S, w, w2 + j).fma(xa, a2);
                a3 = FloatVector.fromArray(S, w, w3 + j).fma(xa, a3);
            }
            float s0 = a0.add(b0).reduceLanes(VectorOperators.ADD);
            float s1 = a1.add(b1).reduceLanes(VectorOperators.ADD);
            float s2 = a2.add(b2).reduceLanes(VectorOperators.ADD);
            float s3 = a3.add(b3).reduceLanes(VectorOperators.ADD);
            for (; j < cols; j++) {
                float xv = x[xOff + j];
                s0 += w[w0 + j] * xv;
                s1 += w[w1 + j] * xv;
                s2 += w[w2 + j] * xv;
                s3 += w[w3 + j] * xv;
            }
            int yi = yOff + r;
            y[yi] = beta == 0f ? s0 : beta * y[yi] + s0;
            y[yi + 1] = beta == 0f ? s1 : beta * y[yi + 1] + s1;
            y[yi + 2] = beta == 0f ? s2 : beta * y[yi + 2] + s2;
            y[yi + 3] = beta == 0f ? s3 : beta * y[yi + 3] + s3;
        }
        for (; r < rows; r++) {
            int w0 = wOff + r * ldw;
            FloatVector a0 = FloatVector.zero(S), b0 = FloatVector.zero(S);
            int j = 0;
            for (; j < bound2; j += 2 * L) {
                a0 = FloatVector.fromArray(S, w, w0 + j).fma(FloatVector.fromArray(S, x, xOff + j), a0);
                b0 = FloatVector.fromArray(S, w, w0 + j + L).fma(FloatVector.fromArray(S, x, xOff + j + L), b0);
            }
            for (; j < bound; j += L) {
                a0 = FloatVector.fromArray(S, w, w0 + j).fma(FloatVector.fromArray(S, x, xOff + j), a0);
            }
            float s0 = a0.add(b0).reduceLanes(VectorOperators.ADD);
            for (; j < cols; j++) {
                s0 += w[w0 + j] * x[xOff + j];
            }
            y[yOff + r] = beta == 0f ? s0 : beta * y[yOff + r] + s0;
        }
    }

    /**
     * y[j] = beta * y[j] + sum_r W[r, j] x[r]: blocks of 8 vectors of y kept in registers while the
     * rows of W stream through (rank-1 updates, no reductions). 8 independent FMA chains cover the FMA
     * latency (4 cycles) at 2 FMAs per cycle; with 4 the batch-1 recurrent product ran at half speed.
     * This is the batch-1 recurrent product on the packed {@code W_hh^T [H, G*H]}.
     */
    private static void gemvT(int rows, int cols, float[] w, int wOff, int ldw,
                              float[] x, int xOff, float beta, float[] y, int yOff) {
        int j = 0;
        for (; j + 8 * L <= cols; j += 8 * L) {
            FloatVector a0 = beta == 0f ? FloatVector.zero(S) : FloatVector.fromArray(S, y, yOff + j + 0 * L);
            FloatVector a1 = beta == 0f ? FloatVector.zero(S) : FloatVector.fromArray(S, y, yOff + j + 1 * L);
            FloatVector a2 = beta == 0f ? FloatVector.zero(S) : FloatVector.fromArray(S, y, yOff + j + 2 * L);
            FloatVector a3 = beta == 0f ? FloatVector.zero(S) : FloatVector.fromArray(S, y, yOff + j + 3 * L);
            FloatVector a4 = beta == 0f ? FloatVector.zero(S) : FloatVector.fromArray(S, y, yOff + j + 4 * L);
            FloatVector a5 = beta == 0f ? FloatVector.zero(S) : FloatVector.fromArray(S, y, yOff + j + 5 * L);
            FloatVector a6 = beta == 0f ? FloatVector.zero(S) : FloatVector.fromArray(S, y, yOff + j + 6 * L);
            FloatVector a7 = beta == 0f ? FloatVector.zero(S) : FloatVector.fromArray(S, y, yOff + j + 7 * L);
            int iw = wOff + j;
            for (int r = 0; r < rows; r++, iw += ldw) {
                FloatVector xv = FloatVector.broadcast(S, x[xOff + r]);
                a0 = FloatVector.fromArray(S, w, iw).fma(xv, a0);
                a1 = FloatVector.fromArray(S, w, iw + L).fma(xv, a1);
                a2 = FloatVector.fromArray(S, w, iw + 2 * L).fma(xv, a2);
                a3 = FloatVector.fromArray(S, w, iw + 3 * L).fma(xv, a3);
                a4 = FloatVector.fromArray(S, w, iw + 4 * L).fma(xv, a4);
                a5 = FloatVector.fromArray(S, w, iw + 5 * L).fma(xv, a5);
                a6 = FloatVector.fromArray(S, w, iw + 6 * L).fma(xv, a6);
                a7 = FloatVector.fromArray(S, w, iw + 7 * L).fma(xv, a7);
            }
            int iy = yOff + j;
            a0.intoArray(y, iy);
            a1.intoArray(y, iy + L);
            a2.intoArray(y, iy + 2 * L);
            a3.intoArray(y, iy + 3 * L);
            a4.intoArray(y, iy + 4 * L);
            a5.intoArray(y, iy + 5 * L);
            a6.intoArray(y, iy + 6 * L);
            a7.intoArray(y, iy + 7 * L);
        }
        for (; j + 4 * L <= cols; j += 4 * L) {
            FloatVector a0 = beta == 0f ? FloatVector.zero(S) : FloatVector.fromArray(S, y, yOff + j + 0 * L);
            FloatVector a1 = beta == 0f ? FloatVector.zero(S) : FloatVector.fromArray(S, y, yOff + j + 1 * L);
            FloatVector a2 = beta == 0f ? FloatVector.zero(S) : FloatVector.fromArray(S, y, yOff + j + 2 * L);
            FloatVector a3 = beta == 0f ? FloatVector.zero(S) : FloatVector.fromArray(S, y, yOff + j + 3 * L);
            int iw = wOff + j;
            for (int r = 0; r < rows; r++, iw += ldw) {
                FloatVector xv = FloatVector.broadcast(S, x[xOff + r]);
                a0 = FloatVector.fromArray(S, w, iw).fma(xv, a0);
                a1 = FloatVector.fromArray(S, w, iw + L).fma(xv, a1);
                a2 = FloatVector.fromArray(S, w, iw + 2 * L).fma(xv, a2);
                a3 = FloatVector.fromArray(S, w, iw + 3 * L).fma(xv, a3);
            }
            a0.intoArray(y, yOff + j);
            a1.intoArray(y, yOff + j + L);
            a2.intoArray(y, yOff + j + 2 * L);
            a3.intoArray(y, yOff + j + 3 * L);
        }
        for (; j + L <= cols; j += L) {
            FloatVector a0 = beta == 0f ? FloatVector.zero(S) : FloatVector.fromArray(S, y, yOff + j);
            int iw = wOff + j;
            for (int r = 0; r < rows; r++, iw += ldw) {
                a0 = FloatVector.fromArray(S, w, iw).fma(FloatVector.broadcast(S, x[xOff + r]), a0);
            }
            a0.intoArray(y, yOff + j);
        }
        for (; j < cols; j++) {
            float sum = 0f;
            for (int r = 0; r < rows; r++) {
                sum += w[wOff + r * ldw + j] * x[xOff + r];
            }
            y[yOff + j] = beta == 0f ? sum : beta * y[yOff + j] + sum;
        }
    }
}
