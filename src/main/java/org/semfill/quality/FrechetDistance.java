package org.semfill.quality;

import java.util.Locale;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.semfill.internal.Check;

/**
 * The Fréchet distance between two sets of feature vectors, each summarised as a Gaussian N(mu, S) (Heusel et al.
 * 2017, "GANs trained by a two time-scale update rule converge to a local Nash equilibrium"; with Inception
 * features it is the FID):
 * <pre>
 *   d^2 = |mu_r - mu_g|^2 + Tr(S_r + S_g - 2 (S_r S_g)^(1/2))
 * </pre>
 * It is 0 for identical statistics, grows when the generated features sit elsewhere (the mean term) or are
 * spread differently (the covariance term: a collapsed generator, whose samples all look alike, has a small S_g
 * and pays for it there).
 *
 * <p>S_r S_g is not symmetric, so its square root is awkward to take directly. But it is similar to the
 * symmetric positive semi-definite A = S_r^(1/2) S_g S_r^(1/2) (multiply by S_r^(1/2) on the left and
 * S_r^(-1/2) on the right), so both have the same eigenvalues and Tr((S_r S_g)^(1/2)) = sum_i sqrt(lambda_i(A)).
 * Two symmetric eigen-decompositions (EJML) give it; eigenvalues a rounding error below zero are taken as 0.
 */
public final class FrechetDistance {
    private FrechetDistance() {}

    /** The mean (D) and covariance (D x D, divided by n - 1) of n feature vectors. */
    public record Stats(double[] mean, DMatrixRMaj cov, int n) {
        public int dim() {
            return mean.length;
        }
    }

    /** The distance and its two parts: value = meanTerm + covarianceTerm. */
    public record Result(double value, double meanTerm, double covarianceTerm) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.2f (means %.2f + covariances %.2f)", value, meanTerm, covarianceTerm);
        }
    }

    /** Statistics of features (n, d), row-major; n >= 2. */
    public static Stats stats(float[] features, int n, int d) {
        Check.arg(n >= 2, "a covariance needs at least 2 feature vectors, got " + n);
        Check.arg(features.length == n * d, "features: " + features.length + " values are not " + n + " x " + d);
        double[] mean = new double[d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) mean[j] += features[i * d + j];
        for (int j = 0; j < d; j++) mean[j] /= n;
        DMatrixRMaj centred = new DMatrixRMaj(n, d); // (n, d)
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) centred.unsafe_set(i, j, features[i * d + j] - mean[j]);
        DMatrixRMaj cov = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransA(centred, centred, cov); // X^T X
        CommonOps_DDRM.scale(1.0 / (n - 1), cov);
        return new Stats(mean, cov, n);
    }

    /** The Fréchet distance between two Gaussians given by their statistics. */
    public static Result between(Stats r, Stats g) {
        Check.arg(r.dim() == g.dim(), "feature sizes differ: " + r.dim() + " vs " + g.dim());
        double meanTerm = 0;
        for (int j = 0; j < r.dim(); j++) {
            double diff = r.mean()[j] - g.mean()[j];
            meanTerm += diff * diff;
        }
        double covTerm = CommonOps_DDRM.trace(r.cov()) + CommonOps_DDRM.trace(g.cov()) - 2 * traceSqrtProduct(r.cov(), g.cov());
        return new Result(meanTerm + covTerm, meanTerm, covTerm);
    }

    /** Tr((A B)^(1/2)) for symmetric positive semi-definite A and B, as the sum of sqrt(eig(A^(1/2) B A^(1/2))). */
    static double traceSqrtProduct(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj rootA = sqrtPsd(a);
        DMatrixRMaj tmp = new DMatrixRMaj(a.numRows, a.numCols), m = new DMatrixRMaj(a.numRows, a.numCols);
        CommonOps_DDRM.mult(rootA, b, tmp);
        CommonOps_DDRM.mult(tmp, rootA, m);
        symmetrize(m);
        double sum = 0;
        for (double lambda : eigenvalues(m, null)) sum += Math.sqrt(Math.max(0, lambda));
        return sum;
    }

    /** The symmetric square root V diag(sqrt(max(lambda, 0))) V^T of a symmetric positive semi-definite matrix. */
    static DMatrixRMaj sqrtPsd(DMatrixRMaj s) {
        int d = s.numRows;
        DMatrixRMaj v = new DMatrixRMaj(d, d); // eigenvectors in columns
        double[] lambda = eigenvalues(s, v);
        DMatrixRMaj scaled = v.copy(); // V diag(sqrt(lambda))
        for (int j = 0; j < d; j++) {
            double root = Math.sqrt(Math.max(0, lambda[j]));
            for (int i = 0; i < d; i++) scaled.unsafe_set(i, j, v.unsafe_get(i, j) * root);
        }
        DMatrixRMaj out = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransB(scaled, v, out);
        symmetrize(out);
        return out;
    }

    /** Eigenvalues of a symmetric matrix (not modified); eigenvectors into the columns of {@code vectors} when not null. */
    static double[] eigenvalues(DMatrixRMaj sym, DMatrixRMaj vectors) {
        int d = sym.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, vectors != null, true);
        if (!eig.decompose(sym.copy())) throw new IllegalStateException("the symmetric eigen-decomposition did not converge");
        double[] lambda = new double[d];
        for (int j = 0; j < d; j++) {
            lambda[j] = eig.getEigenvalue(j).getReal();
            if (vectors != null) {
                DMatrixRMaj col = eig.getEigenVector(j);
                for (int i = 0; i < d; i++) vectors.unsafe_set(i, j, col.get(i));
            }
        }
        return lambda;
    }

    /** (M + M^T) / 2: removes the rounding asymmetry of a product that is symmetric in exact arithmetic. */
    private static void symmetrize(DMatrixRMaj m) {
        for (int i = 0; i < m.numRows; i++)
            for (int j = i + 1; j < m.numCols; j++) {
                double avg = (m.unsafe_get(i, j) + m.unsafe_get(j, i)) / 2;
                m.unsafe_set(i, j, avg);
                m.unsafe_set(j, i, avg);
            }
    }
}
