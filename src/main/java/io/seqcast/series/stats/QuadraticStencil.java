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

    /** The least of {@code g.x + x'Hx / 2} over the box, by trying each set of bound coordinates. */
    private static double[] boxMinimum(double[] g, double[][] h, double[] lower, double[] upper) {
        double[] best = new double[3];
        double bestValue = 0; // the centre, x = 0, is in the box
        for (int code = 0; code < 27; code++) {
            double[] x = new double[3];
            int[] free = new int[3];
            int freeCount = 0;
            for (int a = 0; a < 3; a++) {
                int state = offset(code, a); // -1 lower bound, 1 upper bound, 0 free
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
            for (int a = 0; a < 3; a++) {
                value += g[a] * x[a];
                for (int b = 0; b < 3; b++) {
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
            for (int b = 0; b < 3; b++) {
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
