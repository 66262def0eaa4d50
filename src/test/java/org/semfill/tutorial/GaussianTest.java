package org.semfill.tutorial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GaussianTest {
    @Test
    void standardNormalDensityAtKnownPoints() {
        assertEquals(0.3989422804014327, Gaussian.standardPdf(0), 1e-15);
        assertEquals(0.24197072451914337, Gaussian.standardPdf(1), 1e-15);
        assertEquals(0.05399096651318806, Gaussian.standardPdf(-2), 1e-15);
        Gaussian one = Gaussian.standard(1);
        assertEquals(Gaussian.standardPdf(1), one.density(1), 1e-15);
        assertEquals(1 / (2 * Math.PI), Gaussian.standard(2).density(0, 0), 1e-15);
        assertEquals(Gaussian.standardPdf(1) * Gaussian.standardPdf(-0.5), Gaussian.standard(2).density(1, -0.5), 1e-15);
    }

    /** Second opinion: the textbook formula with EJML's inverse and determinant instead of the Cholesky factor. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void densityMatchesInverseAndDeterminantFormula(long seed) {
        Random rnd = new Random(seed);
        // A random symmetric positive definite 3 x 3 covariance A A^T + 0.5 I.
        DMatrixRMaj a = new DMatrixRMaj(3, 3);
        for (int i = 0; i < 9; i++) a.data[i] = rnd.nextGaussian();
        DMatrixRMaj cov = new DMatrixRMaj(3, 3);
        CommonOps_DDRM.multTransB(a, a, cov);
        for (int i = 0; i < 3; i++) cov.add(i, i, 0.5);
        double[][] c = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) c[i][j] = cov.get(i, j);
        for (int i = 0; i < 3; i++) for (int j = 0; j < i; j++) c[i][j] = c[j][i]; // exactly symmetric
        double[] mu = {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()};
        Gaussian g = new Gaussian(mu, c);

        DMatrixRMaj inv = new DMatrixRMaj(c);
        double det = CommonOps_DDRM.det(inv);
        CommonOps_DDRM.invert(inv);
        for (int k = 0; k < 10; k++) {
            double[] x = {rnd.nextGaussian() * 2, rnd.nextGaussian() * 2, rnd.nextGaussian() * 2};
            double q = 0;
            for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) q += (x[i] - mu[i]) * inv.get(i, j) * (x[j] - mu[j]);
            double expected = Math.exp(-q / 2) / Math.sqrt(Math.pow(2 * Math.PI, 3) * det);
            assertEquals(expected, g.density(x), 1e-12 * Math.max(1, expected));
        }
    }

    @Test
    void bivariateDensityMatchesTheClosedForm() {
        double mx = 0.5, my = -1, sx = 1.5, sy = 0.8, rho = -0.4;
        Gaussian g = Gaussian.bivariate(mx, my, sx, sy, rho);
        double x = 1.1, y = -0.2;
        double u = (x - mx) / sx, v = (y - my) / sy;
        double expected = Math.exp(-(u * u - 2 * rho * u * v + v * v) / (2 * (1 - rho * rho)))
            / (2 * Math.PI * sx * sy * Math.sqrt(1 - rho * rho));
        assertEquals(expected, g.density(x, y), 1e-15);
    }

    @Test
    void standard2dDensityOnTheTutorialGridHoldsTheBoxMass() {
        double[] grid = Grid.arange(-3, 3, 0.025);
        double sum = 0;
        for (double[] row : Gaussian.standard(2).densityGrid(grid, grid)) for (double v : row) sum += v;
        sum *= 0.025 * 0.025;
        double inside = 0.9973002039367398; // P(|X| < 3) for X ~ N(0, 1)
        assertEquals(inside * inside, sum, 1e-5);
    }

    @Test
    void correlatedDensityIntegratesToOne() {
        double[] wide = Grid.arange(-8, 8, 0.025);
        double sum = 0;
        for (double[] row : Gaussian.bivariate(0, 0, 1, 1, 0.7).densityGrid(wide, wide)) for (double v : row) sum += v;
        assertEquals(1.0, sum * 0.025 * 0.025, 1e-6);
    }

    @Test
    void samplesHaveTheAskedMeanAndCovariance() {
        double mx = 1, my = -2, sx = 2, sy = 0.5, rho = 0.7;
        Gaussian g = Gaussian.bivariate(mx, my, sx, sy, rho);
        int n = 40_000;
        double[][] s = g.sample(n, 11);
        double[] x = Grid.column(s, 0), y = Grid.column(s, 1);
        double meanX = Arrays.stream(x).average().orElseThrow(), meanY = Arrays.stream(y).average().orElseThrow();
        double vx = 0, vy = 0, cxy = 0;
        for (int i = 0; i < n; i++) {
            vx += (x[i] - meanX) * (x[i] - meanX);
            vy += (y[i] - meanY) * (y[i] - meanY);
            cxy += (x[i] - meanX) * (y[i] - meanY);
        }
        vx /= n - 1;
        vy /= n - 1;
        cxy /= n - 1;
        // Standard errors at n = 40,000 are about sigma / 200; allow 5 of them.
        assertEquals(mx, meanX, 5 * sx / 200);
        assertEquals(my, meanY, 5 * sy / 200);
        assertEquals(sx * sx, vx, 0.1);
        assertEquals(sy * sy, vy, 0.01);
        assertEquals(rho, cxy / Math.sqrt(vx * vy), 0.02);
    }

    @Test
    void sameSeedSameSamplesAndEveryDrawStartsFromTheMean() {
        Gaussian g = Gaussian.bivariate(100, 100, 1, 1, 0);
        double[][] a = g.sample(50, 5), b = g.sample(50, 5), c = g.sample(50, 6);
        for (int i = 0; i < 50; i++) assertArrayEquals(a[i], b[i], 0);
        assertFalse(Arrays.deepEquals(a, c));
        // If draws piled up (next() adds to x) the samples would be a random walk with a variance in the tens.
        double[] x = Grid.column(g.sample(400, 7), 0);
        double mean = Arrays.stream(x).average().orElseThrow(), var = 0;
        for (double v : x) var += (v - mean) * (v - mean) / (x.length - 1);
        assertEquals(100, mean, 0.3);
        assertEquals(1, var, 0.3);
    }

    /** Cholesky sampling: with the same seed, a correlated sample is L times the same standard normal draw. */
    @Test
    void correlatedSamplesAreTheCholeskyFactorTimesStandardDraws() {
        double rho = 0.7;
        double[][] r = Gaussian.standard(2).sample(100, 0), s = Gaussian.bivariate(0, 0, 1, 1, rho).sample(100, 0);
        for (int k = 0; k < 100; k++) {
            assertEquals(r[k][0], s[k][0], 1e-12);                                      // x = r1
            assertEquals(rho * r[k][0] + Math.sqrt(1 - rho * rho) * r[k][1], s[k][1], 1e-12); // y = 0.7 r1 + 0.714 r2
        }
    }

    @Test
    void rejectsBadCovariances() {
        assertThrows(IllegalArgumentException.class, () -> new Gaussian(new double[] {0, 0}, new double[][] {{1, 2}, {2, 1}}));
        assertThrows(IllegalArgumentException.class, () -> new Gaussian(new double[] {0, 0}, new double[][] {{1, 0.1}, {0.2, 1}}));
        assertThrows(IllegalArgumentException.class, () -> Gaussian.bivariate(0, 0, 1, 1, 1.0));
        assertThrows(IllegalArgumentException.class, () -> Gaussian.standard(2).density(1, 2, 3));
    }
}
