package org.semfill.quality;

/**
 * Quarter-turn rotations of square images, for the label-free pretext task of {@link FeatureTask#ROTATION}
 * (Gidaris, Singh and Komodakis 2018, "Unsupervised representation learning by predicting image rotations"):
 * to tell which way up an image is, a network has to recognise what is in it.
 */
final class Rotations {
    private Rotations() {}

    /**
     * Writes image {@code src[srcOff ..]} (C, S, S) turned {@code quarterTurns} x 90 degrees counter-clockwise
     * into {@code dst[dstOff ..]} (C, S, S). Not modified: src. Modified: dst (must not overlap src).
     */
    static void rotate(float[] src, int srcOff, int c, int s, int quarterTurns, float[] dst, int dstOff) {
        int q = Math.floorMod(quarterTurns, 4);
        for (int ch = 0; ch < c; ch++) {
            int plane = ch * s * s;
            for (int y = 0; y < s; y++)
                for (int x = 0; x < s; x++) {
                    // output (y, x) reads the input pixel that lands there after q counter-clockwise turns
                    int sy, sx;
                    switch (q) {
                        case 0 -> { sy = y; sx = x; }
                        case 1 -> { sy = x; sx = s - 1 - y; }
                        case 2 -> { sy = s - 1 - y; sx = s - 1 - x; }
                        default -> { sy = s - 1 - x; sx = y; }
                    }
                    dst[dstOff + plane + y * s + x] = src[srcOff + plane + sy * s + sx];
                }
        }
    }
}
