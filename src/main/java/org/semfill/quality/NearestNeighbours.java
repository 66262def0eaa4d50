package org.semfill.quality;

import java.util.Arrays;
import org.semfill.internal.Check;
import org.semfill.kernels.Assign;
import org.semfill.kernels.KernelProvider;
import org.semfill.kernels.Transpose;

/**
 * For each query image, the k nearest images of a reference set in pixel space (Euclidean distance over all
 * C*H*W values in [-1, 1]).
 *
 * <p>How: |q - r|^2 = |q|^2 + |r|^2 - 2 q.r, and the dot products of a block of queries with every reference
 * image are one GEMM (the engine's fast kernel). That float shortcut only <em>ranks</em> candidates; the best
 * few (k plus a margin) are then measured again directly in double, so a copied image reports 0, not rounding noise.
 */
public final class NearestNeighbours {
    /** Queries per GEMM block: a block's distance table is BLOCK x N floats. */
    static final int BLOCK = 128;
    /** Extra candidates re-measured exactly, to absorb the float shortcut's ranking errors. */
    static final int MARGIN = 8;

    private NearestNeighbours() {}

    /** index[q][j] is the j-th nearest reference image of query q, distance[q][j] its distance (ascending in j). */
    public record Result(int[][] index, double[][] distance) {
        /** Distance of each query to its single nearest reference image. */
        public double[] nearest() {
            double[] d = new double[distance.length];
            for (int q = 0; q < d.length; q++) d[q] = distance[q][0];
            return d;
        }
    }

    /**
     * The k nearest of {@code reference} (n, p) for each of {@code queries} (m, p); both row-major, p values per
     * image. Not modified: queries, reference.
     */
    public static Result find(float[] queries, int m, float[] reference, int n, int p, int k) {
        Check.arg(queries.length == m * p && reference.length == n * p, "nearest neighbours: arrays do not hold " + m + " and " + n + " images of " + p);
        Check.arg(k >= 1 && k <= n, "k must be in 1.." + n + ", got " + k);
        double[] refNorm = new double[n];
        for (int i = 0; i < n; i++) refNorm[i] = squaredNorm(reference, i * p, p);
        int candidates = Math.min(n, k + MARGIN);
        int[][] index = new int[m][];
        double[][] distance = new double[m][];
        float[] dots = new float[BLOCK * n]; // (block, n) q.r
        for (int from = 0; from < m; from += BLOCK) {
            int rows = Math.min(BLOCK, m - from);
            KernelProvider.get().gemmParallel(Transpose.B, rows, n, p, queries, from * p, reference, 0, dots, 0, Assign.SET);
            for (int r = 0; r < rows; r++) {
                int q = from + r;
                double qNorm = squaredNorm(queries, q * p, p);
                double[] approx = new double[n];
                for (int i = 0; i < n; i++) approx[i] = qNorm + refNorm[i] - 2.0 * dots[r * n + i];
                int[] best = smallest(approx, candidates);
                double[] exact = new double[best.length];
                for (int j = 0; j < best.length; j++) exact[j] = Math.sqrt(squaredDistance(queries, q * p, reference, best[j] * p, p));
                Integer[] order = new Integer[best.length];
                for (int j = 0; j < order.length; j++) order[j] = j;
                Arrays.sort(order, (a, b) -> exact[a] != exact[b] ? Double.compare(exact[a], exact[b]) : Integer.compare(best[a], best[b]));
                index[q] = new int[k];
                distance[q] = new double[k];
                for (int j = 0; j < k; j++) {
                    index[q][j] = best[order[j]];
                    distance[q][j] = exact[order[j]];
                }
            }
        }
        return new Result(index, distance);
    }

    /** Indices of the {@code c} smallest values (in no particular order), by a partial selection. */
    static int[] smallest(double[] values, int c) {
        // A max-heap of the c best so far: O(n log c).
        int[] heap = new int[c];
        int size = 0;
        for (int i = 0; i < values.length; i++) {
            if (size < c) {
                heap[size] = i;
                siftUp(heap, size++, values);
            } else if (values[i] < values[heap[0]]) {
                heap[0] = i;
                siftDown(heap, size, values);
            }
        }
        return heap;
    }

    private static void siftUp(int[] h, int i, double[] v) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (v[h[parent]] >= v[h[i]]) return;
            swap(h, parent, i);
            i = parent;
        }
    }

    private static void siftDown(int[] h, int size, double[] v) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1, r = l + 1, top = i;
            if (l < size && v[h[l]] > v[h[top]]) top = l;
            if (r < size && v[h[r]] > v[h[top]]) top = r;
            if (top == i) return;
            swap(h, i, top);
            i = top;
        }
    }

    private static void swap(int[] h, int a, int b) {
        int t = h[a];
        h[a] = h[b];
        h[b] = t;
    }

    private static double squaredNorm(float[] x, int off, int p) {
        double s = 0;
        for (int i = 0; i < p; i++) s += (double) x[off + i] * x[off + i];
        return s;
    }

    private static double squaredDistance(float[] a, int aOff, float[] b, int bOff, int p) {
        double s = 0;
        for (int i = 0; i < p; i++) {
            double d = (double) a[aOff + i] - b[bOff + i];
            s += d * d;
        }
        return s;
    }
}
