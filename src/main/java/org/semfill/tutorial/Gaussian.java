package org.semfill.tutorial;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CovarianceRandomDraw_DDRM;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.semfill.internal.Check;

/**
 * The multivariate normal distribution N(mu, Sigma) in d dimensions, with EJML doing the linear algebra:
 *
 * <pre>
 *   p(x) = exp(-(x - mu)^T Sigma^-1 (x - mu) / 2) / sqrt((2 pi)^d det Sigma)
 * </pre>
 *
 * Everything goes through the Cholesky factor L (lower triangular, L L^T = Sigma): the quadratic form is |v|^2
 * where L v = x - mu (one triangular solve, no inverse), det Sigma is the squared product of L's diagonal, and a
 * sample is mu + L r with r a vector of independent standard normals.
 */
public final class Gaussian {
    private final double[] mean;       // (d)
    private final DMatrixRMaj cov;     // (d, d)
    private final double[] cholesky;   // (d, d) row-major lower-triangular L
    private final double logNorm;      // log of 1 / sqrt((2 pi)^d det Sigma)

    /**
     * @param mean       (d) the centre mu
     * @param covariance (d, d) symmetric positive definite Sigma
     * @throws IllegalArgumentException when Sigma is not symmetric positive definite
     */
    public Gaussian(double[] mean, double[][] covariance) {
        int d = mean.length;
        Check.arg(d > 0 && covariance.length == d, "covariance must be " + d + " x " + d);
        for (int i = 0; i < d; i++) {
            Check.arg(covariance[i].length == d, "covariance must be " + d + " x " + d);
            for (int j = 0; j < i; j++)
                Check.arg(covariance[i][j] == covariance[j][i], "covariance must be symmetric: [" + i + "][" + j + "] != [" + j + "][" + i + "]");
        }
        this.mean = mean.clone();
        this.cov = new DMatrixRMaj(covariance);
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(d, true);
        DMatrixRMaj work = cov.copy(); // decompose() may overwrite its input
        Check.arg(chol.decompose(work), "covariance is not positive definite (Cholesky failed)");
        DMatrixRMaj lower = chol.getT(null);
        this.cholesky = lower.getData().clone();
        double logDet = 0;
        for (int i = 0; i < d; i++) {
            double lii = cholesky[i * d + i];
            Check.arg(lii > 0, "covariance is not positive definite (zero pivot)");
            logDet += 2 * StrictMath.log(lii);
        }
        this.logNorm = -0.5 * (d * StrictMath.log(2 * Math.PI) + logDet);
    }

    /** N(0, I) in {@code d} dimensions. */
    public static Gaussian standard(int d) {
        Check.positive(d, "dimension");
        double[][] identity = new double[d][d];
        for (int i = 0; i < d; i++) identity[i][i] = 1;
        return new Gaussian(new double[d], identity);
    }

    /** The 2-D normal with means (muX, muY), standard deviations (sigmaX, sigmaY) and correlation rho in (-1, 1). */
    public static Gaussian bivariate(double muX, double muY, double sigmaX, double sigmaY, double rho) {
        Check.arg(sigmaX > 0 && sigmaY > 0, "standard deviations must be positive, got " + sigmaX + ", " + sigmaY);
        Check.arg(rho > -1 && rho < 1, "correlation must lie strictly between -1 and 1, got " + rho);
        double c = rho * sigmaX * sigmaY;
        return new Gaussian(new double[] {muX, muY}, new double[][] {{sigmaX * sigmaX, c}, {c, sigmaY * sigmaY}});
    }

    /** The standard normal density phi(x) = exp(-x^2 / 2) / sqrt(2 pi). */
    public static double standardPdf(double x) {
        return StrictMath.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    }

    public int dim() {
        return mean.length;
    }

    public double[] mean() {
        return mean.clone();
    }

    /** The density p(x); x has {@link #dim()} values. */
    public double density(double... x) {
        return StrictMath.exp(logDensity(x));
    }

    /** log p(x), computed without forming Sigma^-1: solve L v = x - mu, then log p = logNorm - |v|^2 / 2. */
    public double logDensity(double... x) {
        int d = mean.length;
        Check.arg(x.length == d, "point has " + x.length + " coordinates, the distribution " + d);
        double[] v = new double[d];
        for (int i = 0; i < d; i++) v[i] = x[i] - mean[i];
        TriangularSolver_DDRM.solveL(cholesky, v, d); // v <- L^-1 v
        double q = 0;
        for (double vi : v) q += vi * vi;
        return logNorm - 0.5 * q;
    }

    /** For a 2-D grid: {@code out[iy][ix] = p(xs[ix], ys[iy])}, the layout {@code charts.ContourChart} wants. */
    public double[][] densityGrid(double[] xs, double[] ys) {
        Check.arg(dim() == 2, "densityGrid needs a 2-D distribution, this one has " + dim() + " dimensions");
        double[][] out = new double[ys.length][xs.length];
        for (int iy = 0; iy < ys.length; iy++)
            for (int ix = 0; ix < xs.length; ix++) out[iy][ix] = density(xs[ix], ys[iy]);
        return out;
    }

    /**
     * {@code n} independent samples, {@code out[k]} the k-th point, drawn by EJML's {@link CovarianceRandomDraw_DDRM}
     * from a {@link Random} seeded with {@code seed}: the same seed gives the same samples.
     */
    public double[][] sample(int n, long seed) {
        int d = mean.length;
        CovarianceRandomDraw_DDRM draw = new CovarianceRandomDraw_DDRM(new Random(seed), cov.copy());
        DMatrixRMaj x = new DMatrixRMaj(d, 1);
        double[][] out = new double[n][];
        for (int k = 0; k < n; k++) {
            // next(x) ADDS L r to x, so x must hold the mean before every draw.
            for (int i = 0; i < d; i++) x.set(i, 0, mean[i]);
            draw.next(x);
            out[k] = x.getData().clone();
        }
        return out;
    }

    /**
     * For a 2-D normal, the mean of y given x, which is also the y that maximises p(x, y) along that vertical line:
     * mu_y + Sigma_xy / Sigma_xx (x - mu_x) = mu_y + rho sigma_y / sigma_x (x - mu_x).
     */
    public double conditionalMeanOfY(double x) {
        Check.arg(dim() == 2, "conditionalMeanOfY needs a 2-D distribution, this one has " + dim() + " dimensions");
        return mean[1] + cov.get(0, 1) / cov.get(0, 0) * (x - mean[0]);
    }
}
