package org.semfill.completion.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semfill.completion.Mask;
import org.semfill.completion.Masks;
import org.semfill.completion.PoissonBlend;
import org.semfill.data.ImageSet;
import org.semfill.data.Npy;
import org.semfill.data.PreparedImages;
import org.semfill.internal.Rng;
import org.semfill.kernels.Parallel;

/**
 * The nearest-neighbour fill reads its training images a chunk at a time: the answer is the one a plain scan over
 * one in-memory array gives, whatever the chunk size, thread count or storage, and a prepared file larger than one
 * Java array is searched without ever being loaded.
 */
class NearestNeighbourStreamingTest {
    @TempDir
    Path dir;

    static final int C = 3, H = 6, W = 5, SIZE = C * H * W;

    /** The in-memory search as it was before streaming: one scan over the array, strict < so ties go low. */
    static int reference(float[] train, int n, float[] damaged, int q, Mask mask) {
        int plane = H * W;
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int t = 0; t < n; t++) {
            double d = 0;
            for (int ch = 0; ch < C; ch++)
                for (int pix = 0; pix < plane; pix++) {
                    if (!mask.isKnown(pix)) continue;
                    double diff = damaged[q * SIZE + ch * plane + pix] - train[t * SIZE + ch * plane + pix];
                    d += diff * diff;
                }
            if (d < bestD) {
                bestD = d;
                best = t;
            }
        }
        return best;
    }

    /** Byte-valued pixels (so a prepared file holds exactly the same floats), with duplicate images to make ties. */
    static byte[] trainingBytes(int n, long seed) {
        Rng rng = new Rng(seed);
        byte[] b = new byte[n * SIZE];
        for (int i = 0; i < b.length; i++) b[i] = (byte) rng.nextInt(256);
        for (int dup : new int[] {7, 19, 30}) System.arraycopy(b, 3 * SIZE, b, dup * SIZE, SIZE); // 3, 7, 19, 30 identical
        System.arraycopy(b, 25 * SIZE, b, 11 * SIZE, SIZE); // 11 and 25 identical
        return b;
    }

    static float[] toFloats(byte[] b) {
        float[] f = new float[b.length];
        for (int i = 0; i < b.length; i++) f[i] = org.semfill.data.Pixels.fromByte(b[i] & 0xFF);
        return f;
    }

    /** Queries: noisy copies of some training images (including the duplicated ones), damaged by the mask. */
    static float[] queries(float[] train, int[] near, Mask mask, long seed) {
        Rng rng = new Rng(seed);
        float[] q = new float[near.length * SIZE];
        for (int i = 0; i < near.length; i++)
            for (int k = 0; k < SIZE; k++) q[i * SIZE + k] = train[near[i] * SIZE + k] + 0.05f * (float) (rng.nextDouble() - 0.5);
        // An exact copy of a duplicated image: distance 0 to images 3, 7, 19 and 30, so the tie must go to 3.
        System.arraycopy(train, 19 * SIZE, q, 0, SIZE);
        return mask.damage(q, 0f);
    }

    static Mask holeMask() {
        float[] known = new float[H * W];
        Arrays.fill(known, 1f);
        for (int y = 2; y < 5; y++)
            for (int x = 1; x < 4; x++) known[y * W + x] = 0f;
        return new Mask("hole", H, W, known);
    }

    @Test
    void streamedSearchEqualsTheInMemoryScanForEveryChunkSizeThreadCountAndStorage() throws IOException {
        int n = 37;
        byte[] bytes = trainingBytes(n, 11);
        float[] train = toFloats(bytes);
        Mask mask = holeMask();
        int[] near = {19, 0, 36, 11, 25, 5, 12, 30, 1};
        float[] damaged = queries(train, near, mask, 5);
        int count = near.length;
        int[] expected = new int[count];
        for (int q = 0; q < count; q++) expected[q] = reference(train, n, damaged, q, mask);
        assertEquals(3, expected[0], "an exact tie goes to the lowest index");
        assertEquals(11, expected[4], "a near-copy of 25 matches 11 too, its lower-indexed twin");
        float[] expectedFill = new float[count * SIZE];
        for (int q = 0; q < count; q++) {
            float[] one = PoissonBlend.completeNaive(Arrays.copyOfRange(damaged, q * SIZE, (q + 1) * SIZE),
                    Arrays.copyOfRange(train, expected[q] * SIZE, (expected[q] + 1) * SIZE), mask);
            System.arraycopy(one, 0, expectedFill, q * SIZE, SIZE);
        }

        Path file = dir.resolve("train.npy");
        Files.write(file, concat(Npy.header(n, C, H, W), bytes));
        int before = Parallel.threads();
        try (PreparedImages prepared = PreparedImages.open(file, "prepared")) {
            assertArrayEquals(train, prepared.load().pixels(), "the file holds the same floats");
            ImageSet inMemory = new ImageSet(train, n, C, H, W, "memory");
            for (int threads : new int[] {1, 2, 3}) {
                Parallel.setThreads(threads);
                for (int chunk : new int[] {1, 4, 10, 36, 37, 1000}) {
                    for (var images : new org.semfill.data.TrainingImages[] {inMemory, prepared}) {
                        NearestNeighbourFill nn = new NearestNeighbourFill(images, chunk);
                        String what = images.source() + ", chunk " + chunk + ", threads " + threads;
                        assertArrayEquals(expected, nn.nearestIndices(damaged, count, C, mask, null), what);
                        assertArrayEquals(expectedFill, nn.fillAll(damaged, count, C, mask, null), what);
                        for (int q = 0; q < count; q++) {
                            float[] one = Arrays.copyOfRange(damaged, q * SIZE, (q + 1) * SIZE);
                            assertEquals(expected[q], nn.nearestIndex(one, C, mask), what + ", query " + q);
                            assertArrayEquals(Arrays.copyOfRange(expectedFill, q * SIZE, (q + 1) * SIZE), nn.fill(one, C, mask), what);
                        }
                    }
                }
            }
            // The old array constructor and the default chunk give the same answers.
            assertArrayEquals(expected, new NearestNeighbourFill(train, n, C, H, W).nearestIndices(damaged, count, C, mask, null));
            assertArrayEquals(expected, new NearestNeighbourFill(prepared).nearestIndices(damaged, count, C, mask, null));
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void evaluationScoresTheSameFromAPreparedFileAsFromMemory() throws IOException {
        int n = 33, held = 4;
        byte[] bytes = trainingBytes(n + held, 3);
        float[] all = toFloats(bytes);
        Mask mask = holeMask();
        ImageSet heldOut = new ImageSet(Arrays.copyOfRange(all, n * SIZE, (n + held) * SIZE), held, C, H, W, "held");
        ImageSet train = new ImageSet(Arrays.copyOf(all, n * SIZE), n, C, H, W, "memory");
        Path file = dir.resolve("all.npy");
        Files.write(file, concat(Npy.header(n + held, C, H, W), bytes));
        float[] ours = heldOut.pixels().clone();
        Evaluation.Outcome a = Evaluation.compare(heldOut, train, mask, ours, ours);
        try (PreparedImages prepared = PreparedImages.open(file, "prepared")) {
            Evaluation.Outcome b = Evaluation.compare(heldOut, prepared.range(0, n), mask, ours, ours);
            assertEquals(a.completions().keySet(), b.completions().keySet());
            for (Map.Entry<String, float[]> e : a.completions().entrySet())
                assertArrayEquals(e.getValue(), b.completions().get(e.getKey()), e.getKey());
            assertEquals(a.table().toMarkdown(), b.table().toMarkdown());
        }
        assertTrue(a.completions().containsKey("nearest neighbour"));
    }

    /** CelebA's count at 64 x 64 colour: 9.96 GB as floats, beyond one Java array. */
    static final int CELEBA = 202_599, SIDE = 64, IMAGE = 3 * SIDE * SIDE, TAIL = 3000;

    @Test
    void searchesAPreparedFileLargerThanAnArrayAtOffsetsBeyondTwoGigabytes() throws IOException {
        Path f = dir.resolve("big.npy");
        long dataBytes = (long) CELEBA * IMAGE;
        assertTrue(dataBytes > Integer.MAX_VALUE && (long) CELEBA * IMAGE > Integer.MAX_VALUE, "the test needs more than 2^31 values");
        int first = CELEBA - TAIL;
        assertTrue((long) first * IMAGE > Integer.MAX_VALUE, "the searched images all sit beyond byte 2^31");
        // Two distinctive images in the searched tail; every other image is zeros (pixel -1).
        int a = first + 1234, b = CELEBA - 1;
        byte[] imgA = new byte[IMAGE], imgB = new byte[IMAGE];
        for (int i = 0; i < IMAGE; i++) {
            imgA[i] = (byte) (100 + i % 97);
            imgB[i] = (byte) (200 + i % 53);
        }
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.write(Npy.header(CELEBA, 3, SIDE, SIDE));
            raf.setLength(Npy.HEADER_BYTES + dataBytes); // sparse: no disk is used for the zeros
            raf.seek(Npy.HEADER_BYTES + (long) a * IMAGE);
            raf.write(imgA);
            raf.seek(Npy.HEADER_BYTES + (long) b * IMAGE);
            raf.write(imgB);
        }
        Mask mask = Masks.center(SIDE);
        float[] damaged = new float[3 * IMAGE];
        float[] fa = toFloats(imgA), fb = toFloats(imgB);
        for (int i = 0; i < IMAGE; i++) {
            damaged[i] = fb[i] + 0.01f;           // near image b
            damaged[IMAGE + i] = fa[i] - 0.01f;   // near image a
            damaged[2 * IMAGE + i] = -0.98f;      // near the zeros: the first image of the range
        }
        damaged = mask.damage(damaged, 0f);
        try (PreparedImages images = PreparedImages.open(f, "synthetic faces")) {
            NearestNeighbourFill whole = new NearestNeighbourFill(images); // allocates one chunk, not the file
            assertEquals(CELEBA, whole.searched());
            PreparedImages tail = images.range(first, CELEBA);
            NearestNeighbourFill nn = new NearestNeighbourFill(tail);
            assertArrayEquals(new int[] {b - first, a - first, 0}, nn.nearestIndices(damaged, 3, 3, mask, null));
            float[] filled = nn.fillAll(damaged, 3, 3, mask, null);
            int plane = SIDE * SIDE, hole = SIDE / 2 * SIDE + SIDE / 2; // the centre pixel is in the hole
            assertTrue(!mask.isKnown(hole));
            for (int ch = 0; ch < 3; ch++) {
                assertEquals(fb[ch * plane + hole], filled[ch * plane + hole], "image b's pixel fills query 0's hole");
                assertEquals(fa[ch * plane + hole], filled[IMAGE + ch * plane + hole], "image a's pixel fills query 1's hole");
                assertEquals(-1f, filled[2 * IMAGE + ch * plane + hole], "a zero image fills query 2's hole");
            }
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
