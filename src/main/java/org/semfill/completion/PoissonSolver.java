package org.semfill.completion;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.data.DMatrixSparseTriplet;
import org.ejml.interfaces.linsol.LinearSolverSparse;
import org.ejml.ops.DConvertMatrixStruct;
import org.ejml.sparse.FillReducing;
import org.ejml.sparse.csc.factory.LinearSolverFactory_DSCC;

/**
 * The discrete Poisson equation over the hole of a mask, shared by {@link PoissonBlend} (guidance field = the
 * gradient of the generated image) and {@link org.semfill.completion.evaluation.HarmonicFill} (zero guidance:
 * Laplace's equation). Public for that baseline fill; the rest of the API stays package-private.
 *
 * <p>Following Pérez, Gangnet and Blake, "Poisson Image Editing" (SIGGRAPH 2003, eq. 7), for every hole pixel p
 * with in-image 4-neighbours N(p):
 * <pre>
 *   |N(p)| x_p - sum_{q in N(p), q in hole} x_q = sum_{q in N(p), q known} y_q + sum_{q in N(p)} (g_p - g_q)
 * </pre>
 * Known pixels are the Dirichlet boundary (their values y are kept); neighbours outside the image are dropped,
 * which is a zero-gradient (Neumann) condition at the image border. The matrix is symmetric, and positive
 * definite whenever the mask has at least one known pixel (every connected piece of the hole then touches a
 * known pixel), so it is factored once by EJML's sparse Cholesky and every plane (channel, image) reuses the
 * factor. If that route fails (the factorisation reports failure or a solution's residual is too large), a
 * plane is solved by conjugate gradients instead.
 *
 * <p>Unknowns are numbered row by row, so the matrix is banded with a band as wide as the hole; no fill-reducing
 * ordering is needed at these image sizes.
 *
 * <p>Not thread-safe across calls ({@link #solve} is synchronized): EJML's solver keeps work arrays.
 */
public final class PoissonSolver {
    /** How the last {@link #solve} call solved its planes. */
    enum Method { NONE, CHOLESKY, CONJUGATE_GRADIENT }

    private static final double RESIDUAL_TOLERANCE = 1e-8;

    private final Mask mask;
    private final int h, w, n;
    private final int[] pixelOf;    // (n): flat pixel index of unknown i
    private final int[] neighbours; // (n, 4): unknown index of each in-image hole neighbour, or -1
    private final int[] degree;     // (n): number of in-image neighbours |N(p)|
    private final LinearSolverSparse<DMatrixSparseCSC, DMatrixRMaj> cholesky; // null: use conjugate gradients
    private Method lastMethod = Method.NONE;

    public PoissonSolver(Mask mask) {
        this(mask, true);
    }

    /** @param tryCholesky false forces the conjugate-gradient path (tests use this to check both agree). */
    PoissonSolver(Mask mask, boolean tryCholesky) {
        this.mask = mask;
        this.h = mask.height();
        this.w = mask.width();
        this.n = mask.holeCount();
        int[] unknownOf = new int[h * w]; // (H, W): unknown index of a hole pixel, -1 for a known one
        pixelOf = new int[n];
        int next = 0;
        for (int i = 0; i < h * w; i++) {
            unknownOf[i] = mask.isKnown(i) ? -1 : next;
            if (unknownOf[i] >= 0) pixelOf[next++] = i;
        }
        neighbours = new int[n * 4];
        degree = new int[n];
        for (int u = 0; u < n; u++) {
            int r = pixelOf[u] / w, c = pixelOf[u] % w, k = 0;
            for (int[] d : STEPS) {
                int rr = r + d[0], cc = c + d[1];
                if (rr < 0 || rr >= h || cc < 0 || cc >= w) continue;
                degree[u]++;
                int q = unknownOf[rr * w + cc];
                if (q >= 0) neighbours[u * 4 + k++] = q;
            }
            while (k < 4) neighbours[u * 4 + k++] = -1;
        }
        cholesky = tryCholesky && n > 0 && mask.knownCount() > 0 ? factor() : null;
    }

    private static final int[][] STEPS = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}};

    private LinearSolverSparse<DMatrixSparseCSC, DMatrixRMaj> factor() {
        DMatrixSparseTriplet triplets = new DMatrixSparseTriplet(n, n, 5 * n);
        for (int u = 0; u < n; u++) {
            triplets.addItem(u, u, degree[u]);
            for (int k = 0; k < 4; k++) if (neighbours[u * 4 + k] >= 0) triplets.addItem(u, neighbours[u * 4 + k], -1);
        }
        DMatrixSparseCSC a = DConvertMatrixStruct.convert(triplets, (DMatrixSparseCSC) null);
        try {
            LinearSolverSparse<DMatrixSparseCSC, DMatrixRMaj> s = LinearSolverFactory_DSCC.cholesky(FillReducing.NONE);
            return s.setA(a) ? s : null;
        } catch (RuntimeException e) {
            return null; // fall back to conjugate gradients
        }
    }

    /** The mask whose hole this solver was built for. */
    public Mask mask() {
        return mask;
    }

    /** How the last call solved its planes (CHOLESKY, or CONJUGATE_GRADIENT if any plane needed it). */
    synchronized Method lastMethod() {
        return lastMethod;
    }

    /**
     * Solves every plane. Known pixels of the result are copied from {@code boundary}; hole pixels solve the
     * equation above. With no known pixel at all there is no boundary: the result is the guide itself (the
     * solution up to a free constant), or 0 (mid-grey) without a guide. Values are not clamped here.
     *
     * @param boundary (P, H, W) values y; only known pixels are read. Not modified.
     * @param guide    (P, H, W) image g whose gradient guides the hole, or null for zero guidance. Not modified.
     * @return a new (P, H, W) array
     */
    public synchronized float[] solve(float[] boundary, float[] guide) {
        int planes = mask.planesIn(boundary, "known image");
        if (guide != null) org.semfill.internal.Check.arg(guide.length == boundary.length,
                "generated image has " + guide.length + " values, known image " + boundary.length);
        float[] out = boundary.clone();
        lastMethod = Method.NONE;
        if (n == 0) return out;
        int plane = h * w;
        if (mask.knownCount() == 0) {
            for (int i = 0; i < out.length; i++) out[i] = guide == null ? 0f : guide[i];
            return out;
        }
        DMatrixRMaj b = new DMatrixRMaj(n, planes); // column p = right-hand side of plane p
        for (int p = 0; p < planes; p++) rightHandSide(boundary, guide, p * plane, b, p);
        DMatrixRMaj x = new DMatrixRMaj(n, planes);
        boolean choleskyOk = false;
        if (cholesky != null) {
            try {
                cholesky.solve(b.copy(), x);
                choleskyOk = true;
            } catch (RuntimeException e) {
                choleskyOk = false;
            }
        }
        lastMethod = Method.CHOLESKY;
        double[] rhs = new double[n], sol = new double[n];
        for (int p = 0; p < planes; p++) {
            for (int u = 0; u < n; u++) {
                rhs[u] = b.data[u * planes + p];
                sol[u] = x.data[u * planes + p];
            }
            if (!choleskyOk || !solves(sol, rhs)) {
                conjugateGradient(rhs, sol);
                lastMethod = Method.CONJUGATE_GRADIENT;
            }
            for (int u = 0; u < n; u++) out[p * plane + pixelOf[u]] = (float) sol[u];
        }
        return out;
    }

    /** Column {@code col} of b: sum of known neighbours' y plus the guidance term, for the plane at {@code off}. */
    private void rightHandSide(float[] y, float[] g, int off, DMatrixRMaj b, int col) {
        for (int u = 0; u < n; u++) {
            int pix = pixelOf[u], r = pix / w, c = pix % w;
            double sum = 0;
            for (int[] d : STEPS) {
                int rr = r + d[0], cc = c + d[1];
                if (rr < 0 || rr >= h || cc < 0 || cc >= w) continue;
                int q = rr * w + cc;
                if (mask.isKnown(q)) sum += y[off + q];
                if (g != null) sum += (double) g[off + pix] - g[off + q];
            }
            b.data[u * b.numCols + col] = sum;
        }
    }

    /** out = A x, using the stencil (no matrix needed). */
    private void multiply(double[] x, double[] out) {
        for (int u = 0; u < n; u++) {
            double s = degree[u] * x[u];
            for (int k = 0; k < 4; k++) {
                int q = neighbours[u * 4 + k];
                if (q >= 0) s -= x[q];
            }
            out[u] = s;
        }
    }

    /** Whether x is finite and solves A x = b to a small relative residual. */
    private boolean solves(double[] x, double[] b) {
        double[] ax = new double[n];
        multiply(x, ax);
        double worst = 0, scale = 1;
        for (int u = 0; u < n; u++) {
            if (!Double.isFinite(x[u])) return false;
            worst = Math.max(worst, Math.abs(ax[u] - b[u]));
            scale = Math.max(scale, Math.abs(b[u]));
        }
        return worst <= RESIDUAL_TOLERANCE * scale;
    }

    /** Conjugate gradients for A x = b from x = 0 (Hestenes and Stiefel 1952); A is symmetric positive definite. */
    private void conjugateGradient(double[] b, double[] x) {
        java.util.Arrays.fill(x, 0);
        double[] r = b.clone(), d = b.clone(), ad = new double[n];
        double rr = dot(r, r), stop = 1e-20 * Math.max(1, rr);
        for (int it = 0; it < 10 * n + 100 && rr > stop; it++) {
            multiply(d, ad);
            double alpha = rr / dot(d, ad);
            for (int u = 0; u < n; u++) {
                x[u] += alpha * d[u];
                r[u] -= alpha * ad[u];
            }
            double rrNext = dot(r, r);
            for (int u = 0; u < n; u++) d[u] = r[u] + (rrNext / rr) * d[u];
            rr = rrNext;
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
