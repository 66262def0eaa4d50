package org.semfill.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.semfill.internal.Rng;

class FrechetDistanceTest {
    final Rng rng = new Rng(11);

    /** n draws of a Gaussian with the given mean and x = mean + L e, e ~ N(0, I): covariance L L^T. */
    float[] gaussian(int n, double[] mean, double[][] l) {
        int d = mean.length;
        float[] out = new float[n * d];
        double[] e = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) e[j] = rng.nextGaussian();
            for (int r = 0; r < d; r++) {
                double v = mean[r];
                for (int c = 0; c < d; c++) v += l[r][c] * e[c];
                out[i * d + r] = (float) v;
            }
        }
        return out;
    }

    static FrechetDistance.Stats exact(double[] mean, double[][] cov) {
        return new FrechetDistance.Stats(mean, new DMatrixRMaj(cov), Integer.MAX_VALUE);
    }

    @Test
    void aSetIsAtDistanceZeroFromItself() {
        float[] x = gaussian(500, new double[] {1, -2, 0.5}, new double[][] {{1, 0, 0}, {0.5, 2, 0}, {0, -1, 0.3}});
        FrechetDistance.Stats s = FrechetDistance.stats(x, 500, 3);
        FrechetDistance.Result r = FrechetDistance.between(s, s);
        assertEquals(0, r.value(), 1e-9);
        assertEquals(0, r.meanTerm(), 0);
    }

    @Test
    void shiftingTheMeanByDAddsItsSquaredLength() {
        int n = 300, dim = 4;
        float[] x = gaussian(n, new double[dim], new double[][] {{1, 0, 0, 0}, {0, 1, 0, 0}, {0.3, 0, 2, 0}, {0, 0, 0, 0.5}});
        double[] d = {0.5, -1, 2, 0.25};
        float[] y = x.clone();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < dim; j++) y[i * dim + j] += (float) d[j];
        FrechetDistance.Result r = FrechetDistance.between(FrechetDistance.stats(x, n, dim), FrechetDistance.stats(y, n, dim));
        assertEquals(0.25 + 1 + 4 + 0.0625, r.value(), 1e-3);
        assertEquals(0, r.covarianceTerm(), 1e-3);
    }

    @Test
    void oneDimensionalGaussiansGiveMeanAndStdDifferences() {
        // d^2 = (m1 - m2)^2 + (s1 - s2)^2 in one dimension
        FrechetDistance.Result r = FrechetDistance.between(exact(new double[] {1}, new double[][] {{4}}), exact(new double[] {3}, new double[][] {{9}}));
        assertEquals(4 + 1, r.value(), 1e-9);
    }

    @Test
    void diagonalCovariancesGiveTheSumOfSquaredStdDifferences() {
        double[] a = {1, 4, 0.25}, b = {9, 1, 0.25};
        FrechetDistance.Result r = FrechetDistance.between(
                exact(new double[] {0, 0, 0}, new double[][] {{a[0], 0, 0}, {0, a[1], 0}, {0, 0, a[2]}}),
                exact(new double[] {1, 1, 1}, new double[][] {{b[0], 0, 0}, {0, b[1], 0}, {0, 0, b[2]}}));
        assertEquals(3 + (1 - 3) * (1 - 3) + (2 - 1) * (2 - 1) + 0, r.value(), 1e-9);
    }

    @Test
    void nonCommutingCovariancesMatchTheTwoByTwoClosedForm() {
        // For a 2x2 matrix M with non-negative eigenvalues: Tr(sqrt(M)) = sqrt(Tr M + 2 sqrt(det M)).
        double[][] s1 = {{2, 1}, {1, 3}}, s2 = {{1, -0.4}, {-0.4, 0.5}};
        DMatrixRMaj m = new DMatrixRMaj(2, 2);
        CommonOps_DDRM.mult(new DMatrixRMaj(s1), new DMatrixRMaj(s2), m);
        double trSqrt = Math.sqrt(CommonOps_DDRM.trace(m) + 2 * Math.sqrt(CommonOps_DDRM.det(m)));
        double expected = (2 + 3) + (1 + 0.5) - 2 * trSqrt;
        FrechetDistance.Result r = FrechetDistance.between(exact(new double[] {0, 0}, s1), exact(new double[] {0, 0}, s2));
        assertEquals(expected, r.value(), 1e-9);
        // and symmetric in its arguments
        assertEquals(expected, FrechetDistance.between(exact(new double[] {0, 0}, s2), exact(new double[] {0, 0}, s1)).value(), 1e-9);
    }

    @Test
    void samplesApproachTheClosedFormOfTheirGaussians() {
        double[] m1 = {0, 0, 0}, m2 = {1, 0, -1};
        double[][] l1 = {{1, 0, 0}, {0.5, 1, 0}, {0, 0.2, 0.7}}, l2 = {{2, 0, 0}, {0, 0.5, 0}, {-0.3, 0, 1}};
        int n = 20000;
        FrechetDistance.Result sampled = FrechetDistance.between(FrechetDistance.stats(gaussian(n, m1, l1), n, 3), FrechetDistance.stats(gaussian(n, m2, l2), n, 3));
        FrechetDistance.Result exact = FrechetDistance.between(exact(m1, product(l1)), exact(m2, product(l2)));
        assertEquals(exact.value(), sampled.value(), 0.05 * exact.value());
    }

    @Test
    void squareRootSquaresBack() {
        DMatrixRMaj s = new DMatrixRMaj(new double[][] {{4, 1, 0}, {1, 3, 0.5}, {0, 0.5, 2}});
        DMatrixRMaj root = FrechetDistance.sqrtPsd(s), back = new DMatrixRMaj(3, 3);
        CommonOps_DDRM.mult(root, root, back);
        for (int i = 0; i < 9; i++) assertEquals(s.get(i), back.get(i), 1e-9);
    }

    static double[][] product(double[][] l) {
        int d = l.length;
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++)
                for (int k = 0; k < d; k++) out[i][j] += l[i][k] * l[j][k];
        return out;
    }
}
