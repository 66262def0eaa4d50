package org.semfill.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.semfill.internal.Rng;

class NearestNeighboursTest {

    @Test
    void agreesWithBruteForceInDouble() {
        Rng rng = new Rng(5);
        int m = 150, n = 400, p = 50, k = 3; // m > BLOCK, so two GEMM blocks
        float[] q = new float[m * p], ref = new float[n * p];
        for (int i = 0; i < q.length; i++) q[i] = (float) (rng.nextDouble() * 2 - 1);
        for (int i = 0; i < ref.length; i++) ref[i] = (float) (rng.nextDouble() * 2 - 1);
        NearestNeighbours.Result r = NearestNeighbours.find(q, m, ref, n, p, k);
        for (int a = 0; a < m; a++) {
            final int qa = a;
            double[] d = new double[n];
            for (int b = 0; b < n; b++) {
                double s = 0;
                for (int j = 0; j < p; j++) s += Math.pow((double) q[qa * p + j] - ref[b * p + j], 2);
                d[b] = Math.sqrt(s);
            }
            int[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble(b -> d[b])).mapToInt(Integer::intValue).limit(k).toArray();
            assertArrayEquals(order, r.index()[a], "query " + a);
            for (int j = 0; j < k; j++) assertEquals(d[order[j]], r.distance()[a][j], 1e-9);
        }
    }

    @Test
    void aCopyIsFoundAtDistanceExactlyZero() {
        Rng rng = new Rng(9);
        int n = 200, p = 784;
        float[] ref = new float[n * p];
        for (int i = 0; i < ref.length; i++) ref[i] = (float) (rng.nextDouble() * 2 - 1);
        float[] q = Arrays.copyOfRange(ref, 37 * p, 38 * p);
        NearestNeighbours.Result r = NearestNeighbours.find(q, 1, ref, n, p, 2);
        assertEquals(37, r.index()[0][0]);
        assertEquals(0.0, r.distance()[0][0], 0.0);
        assertEquals(0.0, r.nearest()[0], 0.0);
    }

    @Test
    void smallestSelectsTheRightSet() {
        double[] v = {5, 1, 9, 0, 3, 7, 2};
        int[] s = NearestNeighbours.smallest(v, 3);
        Arrays.sort(s);
        assertArrayEquals(new int[] {1, 3, 6}, s);
    }
}
