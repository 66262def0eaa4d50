package org.semfill.kernels;

/**
 * The three matrices of a Winograd minimal filtering algorithm F(m, r) (Lavin and Gray 2016, "Fast Algorithms for
 * Convolutional Neural Networks", section 4; Winograd 1980): m outputs of an r-tap correlation from n = m + r - 1
 * inputs with n multiplications, y = A^T [(G g) .* (B^T d)], built by Toom-Cook from n - 1 finite interpolation
 * points and the point at infinity, in double.
 *
 * <p>Why it works: the correlation is the transpose of the linear convolution s = h * g of a length-m h, and
 * Toom-Cook computes that by evaluating both polynomials at the n points (A h and G g), multiplying, and
 * interpolating (B). Transposing the convolution turns its evaluation of h into the output transform A^T and its
 * interpolation into the input transform B^T. The interpolation's divisions by f_k = prod_{l != k} (p_k - p_l) are
 * moved into G, so for integer points B^T has integer entries: the data, transformed every call, sees no
 * fractions, and the weights, transformed once, absorb them.
 *
 * <p>Dimension legend: at is m x n, g is n x r, bt is n x n; all row-major.
 */
public record WinogradMatrices(int m, int r, double[] points, double[][] at, double[][] g, double[][] bt) {

    /** F(m, r) from the n - 1 = m + r - 2 given finite points (distinct) and infinity. */
    public static WinogradMatrices toomCook(int m, int r, double... points) {
        int n = m + r - 1;
        if (points.length != n - 1) throw new IllegalArgumentException("F(" + m + ", " + r + ") needs " + (n - 1) + " finite points");
        double[][] at = new double[m][n], g = new double[n][r], bt = new double[n][n];
        for (int k = 0; k < n - 1; k++) {
            double f = 1;
            double[] mk = {1}; // M_k(x) = prod_{l != k} (x - p_l): the Lagrange numerator, degree n - 2
            for (int l = 0; l < n - 1; l++) {
                if (l == k) continue;
                f *= points[k] - points[l];
                mk = timesLinear(mk, points[l]);
            }
            for (int i = 0; i < m; i++) at[i][k] = StrictMath.pow(points[k], i); // evaluate h at p_k
            for (int j = 0; j < r; j++) g[k][j] = StrictMath.pow(points[k], j) / f; // evaluate g at p_k, over f_k
            System.arraycopy(mk, 0, bt[k], 0, mk.length);
        }
        // Infinity: the leading coefficients, s_{n-1} = h_{m-1} g_{r-1}, weighted by prod_l (x - p_l).
        at[m - 1][n - 1] = 1;
        g[n - 1][r - 1] = 1;
        double[] all = {1};
        for (double p : points) all = timesLinear(all, p);
        System.arraycopy(all, 0, bt[n - 1], 0, n);
        return new WinogradMatrices(m, r, points.clone(), at, g, bt);
    }

    /**
     * The points this project uses for F(m, 2), the most accurate in float32 of those measured (a 1024-deep conv and
     * transposed conv of DCGAN-like data, max abs error over max abs output): m = 2 {1, -1}: 1.0e-6 ({0, 1}: 1.4e-6,
     * {0, -1}: 2.0e-6); m = 4 {1, -1, 1/2, -1/2}: 5.5e-6 ({0, 1, -1, -2}: 6.5e-6, {0, 1, -1, 1/2}: 9.6e-6,
     * {0, 1, -1, 2}: 1.1e-5, {1, -1, 2, -2}: 3.7e-5). All are binary fractions, so B^T is exact in float.
     */
    public static WinogradMatrices forTile(int m) {
        return switch (m) {
            case 2 -> toomCook(2, 2, 1, -1);
            case 4 -> toomCook(4, 2, 1, -1, 0.5, -0.5);
            default -> throw new IllegalArgumentException("tile size must be 2 or 4, got " + m);
        };
    }

    public int n() {
        return m + r - 1;
    }

    /** The coefficients (lowest first) of poly(x) (x - p). */
    private static double[] timesLinear(double[] poly, double p) {
        double[] out = new double[poly.length + 1];
        for (int i = 0; i < poly.length; i++) {
            out[i + 1] += poly[i];
            out[i] -= p * poly[i];
        }
        return out;
    }

    /** a as a row-major float array (rows x cols), transposed when asked. */
    static float[] toFloat(double[][] a, boolean transpose) {
        int rows = a.length, cols = a[0].length;
        float[] out = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (transpose) out[j * rows + i] = (float) a[i][j];
                else out[i * cols + j] = (float) a[i][j];
            }
        }
        return out;
    }
}
