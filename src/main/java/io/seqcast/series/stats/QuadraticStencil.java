package io.seqcast.series.stats;

/**
 * A quadratic fitted by least squares to a function's values on the 3 x 3 x 3 stencil {@code
 * centre + (i, j, l) * step}, {@code i, j, l} in {-1, 0, 1}, and the point where it is least in a
 * box: the local step of {@link DampedTrend}'s search.
 *
 * <p>The 27 points determine the 10 coefficients with room to spare, so a function that is not
 * quite quadratic (the squared error of a recursion) is averaged rather than interpolated; on this
 * design the least-squares coefficients are plain weighted sums (orthogonal polynomials), no
 * system to solve.
 *
 * <p>In {@code d} dimensions ({@link SeasonalSmoothing}'s search, 2 to 4) the full {@code 3^d}
 * stencil grows too fast; the cross stencil keeps the points with at most two non-zero offsets:
 * the centre, the {@code 2d} points one step along an axis and the four diagonal points of each
 * plane of two axes, {@code 1 + 2 d^2} points for the {@code (d + 1)(d + 2) / 2} coefficients (9
 * for 6 in two dimensions, where it is the full stencil; 33 for 15 in four). Its least-squares
 * coefficients are weighted sums too, but for the squared terms, which share the constant and
 * solve as a 2 x 2 system by symmetry.
 */
final class QuadraticStencil {

    /** Points on the stencil; index {@code 9 (i + 1) + 3 (j + 1) + (l + 1)}. */
    static final int POINTS = 27;

    /** Index of the centre. */
    static final int CENTRE = 13;

    private QuadraticStencil() {
    }

    /** Offset (-1, 0 or 1) of stencil point {@code index} along {@code axis} (0, 1 or 2). */
    static int offset(int index, int axis) {
        int divisor = axis == 0 ? 9 : axis == 1 ? 3 : 1;
        return index / divisor % 3 - 1;
    }

    /**
     * The minimiser, in steps from the centre, of the quadratic fitted to {@code values} (indexed as
     * {@link #offset}), over the box {@code lower <= x <= upper} (in steps; {@code lower <= 0 <=
     * upper}). Where the quadratic has no minimum in the box's interior, that on a face, edge or
     * corner: all 27 combinations of free and bound coordinates are tried, which finds the least
     * value of any quadratic over a box, convex or not.
     */
    static double[] minimum(double[] values, double[] lower, double[] upper) {
        return fullStencilMinimum(values, lower, upper);
    }

    /** Points on the cross stencil in {@code d} dimensions: {@code 1 + 2 d^2}. */
    static int crossPoints(int d) {
        return 1 + 2 * d * d;
    }

    /**
     * The offsets (-1, 0 or 1) of the cross stencil's points in {@code d} dimensions: the centre
     * (index 0), then {@code -e_a, +e_a} for each axis {@code a}, then {@code (-1, -1), (-1, 1), (1,
     * -1), (1, 1)} on each pair of axes {@code a < b}.
     */
    static int[][] crossOffsets(int d) {
        int[][] out = new int[crossPoints(d)][d];
        int index = 1;
        for (int a = 0; a < d; a++) {
            out[index++][a] = -1;
            out[index++][a] = 1;
        }
        for (int a = 0; a < d; a++) {
            for (int b = a + 1; b < d; b++) {
                for (int corner = 0; corner < 4; corner++) {
                    out[index][a] = corner < 2 ? -1 : 1;
                    out[index][b] = corner % 2 == 0 ? -1 : 1;
                    index++;
                }
            }
        }
        return out;
    }

    /**
     * The minimiser, in steps from the centre, of the quadratic fitted to {@code values} on the
     * cross stencil ({@link #crossOffsets}, {@code d >= 2}), over the box {@code lower <= x <=
     * upper} (in steps; {@code lower <= 0 <= upper}).
     */
    static double[] crossMinimum(double[] values, int[][] offsets, double[] lower, double[] upper) {
        int d = lower.length;
        double axial = 4.0 * d - 2; // sum of x_a^2 (and of x_a^4) over the design
        double pair = 4; // sum of x_a^2 x_b^2, a != b
        double[] gradient = new double[d];
        double[][] hessian = new double[d][d];
        double[] squared = new double[d];
        double sum = 0;
        for (int index = 0; index < offsets.length; index++) {
            double f = values[index] - values[0];
            sum += f;
            for (int a = 0; a < d; a++) {
                int x = offsets[index][a];
                gradient[a] += f * x / axial;
                squared[a] += f * x * x;
                for (int b = a + 1; b < d; b++) {
                    hessian[a][b] += f * x * offsets[index][b] / pair;
                }
            }
        }
        // the constant c and the squared terms q_a (H_aa = 2 q_a): by symmetry, the mean of q
        // solves a 2 x 2 system with c, the deviations from it separately
        double meanSquared = 0;
        for (int a = 0; a < d; a++) {
            meanSquared += squared[a] / d;
        }
        double n = offsets.length;
        double det = n * (axial - pair + pair * d) - axial * axial * d;
        double meanQ = (n * meanSquared - axial * sum) / det;
        for (int a = 0; a < d; a++) {
            hessian[a][a] = 2 * (meanQ + (squared[a] - meanSquared) / (axial - pair));
            for (int b = a + 1; b < d; b++) {
                hessian[b][a] = hessian[a][b];
            }
        }
        return boxMinimum(gradient, hessian, lower, upper);
    }

    private static double[] fullStencilMinimum(double[] values, double[] lower, double[] upper) {
        double[] gradient = new double[3];
        double[][] hessian = new double[3][3];
        double[] curvature = new double[3];
        for (int index = 0; index < POINTS; index++) {
            double f = values[index] - values[CENTRE]; // the constant term is not needed
            for (int a = 0; a < 3; a++) {
                int x = offset(index, a);
                gradient[a] += f * x / 18.0; // sum of x^2 over the design: 18
                curvature[a] += f * (x * x - 2.0 / 3) / 6.0; // sum of (x^2 - 2/3)^2: 6
                for (int b = a + 1; b < 3; b++) {
                    hessian[a][b] += f * x * offset(index, b) / 12.0; // sum of (x_a x_b)^2: 12
                }
            }
        }
        for (int a = 0; a < 3; a++) {
            hessian[a][a] = 2 * curvature[a];
            for (int b = a + 1; b < 3; b++) {
                hessian[b][a] = hessian[a][b];
            }
        }
        return boxMinimum(gradient, hessian, lower, upper);
    }

    /**
     * The least of {@code g.x + x'Hx / 2} over the box, by trying each set of bound coordinates
     * ({@code 3^d} of them, {@code d} the dimension of {@code g}).
     */
    private static double[] boxMinimum(double[] g, double[][] h, double[] lower, double[] upper) {
        int d = g.length;
        int codes = 1;
        for (int a = 0; a < d; a++) {
            codes *= 3;
        }
        double[] best = new double[d];
        double bestValue = 0; // the centre, x = 0, is in the box
        for (int code = 0; code < codes; code++) {
            double[] x = new double[d];
            int[] free = new int[d];
            int freeCount = 0;
            for (int a = 0, divisor = codes / 3; a < d; a++, divisor /= 3) {
                int state = code / divisor % 3 - 1; // -1 lower bound, 1 upper bound, 0 free
                if (state == 0) {
                    free[freeCount++] = a;
                } else {
                    x[a] = state < 0 ? lower[a] : upper[a];
                }
            }
            if (freeCount > 0 && !solveFree(g, h, x, free, freeCount, lower, upper)) {
                continue;
            }
            double value = 0;
            for (int a = 0; a < d; a++) {
                value += g[a] * x[a];
                for (int b = 0; b < d; b++) {
                    value += 0.5 * x[a] * h[a][b] * x[b];
                }
            }
            if (value < bestValue) {
                bestValue = value;
                best = x;
            }
        }
        return best;
    }

    /**
     * Sets the free coordinates of {@code x} to the stationary point of the quadratic with the others
     * held; false when that is singular or outside the box.
     */
    private static boolean solveFree(double[] g, double[][] h, double[] x, int[] free, int count,
            double[] lower, double[] upper) {
        double[][] m = new double[count][count + 1];
        for (int r = 0; r < count; r++) {
            int a = free[r];
            double rhs = -g[a];
            for (int b = 0; b < g.length; b++) {
                rhs -= h[a][b] * x[b]; // the free x[b] are still 0
            }
            for (int c = 0; c < count; c++) {
                m[r][c] = h[a][free[c]];
            }
            m[r][count] = rhs;
        }
        // Gauss-Jordan with partial pivoting
        for (int col = 0; col < count; col++) {
            int pivot = col;
            for (int r = col + 1; r < count; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] swap = m[col];
            m[col] = m[pivot];
            m[pivot] = swap;
            if (!(Math.abs(m[col][col]) > 1e-300)) {
                return false;
            }
            for (int r = 0; r < count; r++) {
                if (r != col) {
                    double factor = m[r][col] / m[col][col];
                    for (int c = col; c <= count; c++) {
                        m[r][c] -= factor * m[col][c];
                    }
                }
            }
        }
        for (int r = 0; r < count; r++) {
            double v = m[r][count] / m[r][r];
            int a = free[r];
            if (!(v >= lower[a] && v <= upper[a])) {
                return false;
            }
            x[a] = v;
        }
        return true;
    }
}
