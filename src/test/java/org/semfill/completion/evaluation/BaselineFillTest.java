package org.semfill.completion.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.semfill.completion.Mask;
import org.semfill.completion.Masks;
import org.semfill.kernels.Parallel;

class BaselineFillTest {
    // A 2x2 image with one missing pixel, bottom-right.
    private static final Mask CORNER = new Mask("corner", 2, 2, new float[] {1, 1, 1, 0});

    @Test
    void meanFillUsesEachChannelsKnownMean() {
        float[] img = {
            0.1f, 0.2f, 0.6f, -1f,   // channel 0: known mean 0.3
            -0.5f, 0.5f, 0.3f, 1f};  // channel 1: known mean 0.1
        float[] out = new MeanFill().fill(img, 2, CORNER);
        assertArrayEquals(new float[] {0.1f, 0.2f, 0.6f, 0.3f, -0.5f, 0.5f, 0.3f, 0.1f}, out, 1e-6f);
        assertEquals(-1f, img[3], "input untouched");
    }

    @Test
    void meanFillWithNothingKnownIsMidGrey() {
        Mask none = new Mask("none", 2, 2, new float[4]);
        assertArrayEquals(new float[4], new MeanFill().fill(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, 1, none));
    }

    /** Training set (N=4, C=2, 2, 2); image t is t/10 everywhere except a distinctive value in the corner. */
    private static float[] trainingSet() {
        float[] t = new float[4 * 8];
        for (int n = 0; n < 4; n++)
            for (int i = 0; i < 8; i++) t[n * 8 + i] = (i % 4 == 3) ? -0.9f + 0.1f * n : n / 10f;
        return t;
    }

    @Test
    void nearestNeighbourCopiesTheClosestTrainingImageIntoTheHole() {
        NearestNeighbourFill nn = new NearestNeighbourFill(trainingSet(), 4, 2, 2, 2);
        float[] query = {0.21f, 0.19f, 0.2f, 0.77f, 0.2f, 0.2f, 0.22f, 0.77f}; // known pixels near image 2
        assertEquals(2, nn.nearestIndex(query, 2, CORNER));
        float[] out = nn.fill(query, 2, CORNER);
        assertArrayEquals(new float[] {0.21f, 0.19f, 0.2f, -0.7f, 0.2f, 0.2f, 0.22f, -0.7f}, out, 1e-6f);
        // The hole's own values do not matter: a query that "remembers" image 0's corner still matches image 2.
        query[3] = -0.9f;
        query[7] = -0.9f;
        assertEquals(2, nn.nearestIndex(query, 2, CORNER));
    }

    @Test
    void nearestNeighbourIsTheSameWithOneOrTwoThreadsAndTiesGoLow() {
        float[] train = new float[6 * 4]; // six identical 1-channel images except for index 4 (far away)
        for (int i = 16; i < 20; i++) train[i] = 1f;
        NearestNeighbourFill nn = new NearestNeighbourFill(train, 6, 1, 2, 2);
        int before = Parallel.threads();
        try {
            for (int threads : new int[] {1, 2, 3}) {
                Parallel.setThreads(threads);
                assertEquals(0, nn.nearestIndex(new float[] {0.1f, 0f, 0f, 0f}, 1, CORNER), "threads " + threads);
                assertEquals(4, nn.nearestIndex(new float[] {0.9f, 0.9f, 0.9f, 0f}, 1, CORNER), "threads " + threads);
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void nearestNeighbourRejectsMismatchedShapes() {
        NearestNeighbourFill nn = new NearestNeighbourFill(trainingSet(), 4, 2, 2, 2);
        assertThrows(IllegalArgumentException.class, () -> nn.nearestIndex(new float[4], 1, CORNER));
        assertThrows(IllegalArgumentException.class, () -> nn.fill(new float[18], 2, Masks.center(3)));
        assertThrows(IllegalArgumentException.class, () -> new NearestNeighbourFill(new float[30], 4, 2, 2, 2));
    }

    @Test
    void namesForTheResultTable() {
        assertEquals("mean fill", new MeanFill().name());
        assertEquals("harmonic fill", new HarmonicFill().name());
        assertEquals("nearest neighbour", new NearestNeighbourFill(new float[4], 1, 1, 2, 2).name());
    }
}
