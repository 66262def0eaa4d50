package org.semfill.completion;

import java.util.List;

/**
 * What a completion produced for n images of C x S x S: the damaged input (hole grey), G(z-hat), the pasted
 * completion and the blended one, each (n, C, S, S); per-iteration means of the loss and its two parts;
 * snapshots of G(z) during the search and of it pasted into the hole (each image's winning restart); the final
 * loss per image; and, when asked for, the {@link Trace} of the search.
 */
public record CompletionResult(int n, int channels, int size, float[] damaged, float[] generated, float[] completed,
                               float[] blended, float[] loss, float[] contextual, float[] perceptual,
                               List<float[]> snapshots, List<Integer> snapshotIterations, float[] finalLoss, int rows,
                               List<float[]> pastedSnapshots, Trace trace) {

    /**
     * Every iteration of the search for each image's winning restart (the one with the lowest final loss):
     * {@code loss[it][i]} and its two parts, and {@code z[it]} (n * nz: the z that gave those losses).
     */
    public record Trace(int nz, int[] restart, float[][] loss, float[][] contextual, float[][] perceptual, float[][] z) {
        public int iterations() {
            return loss.length;
        }
    }

    public int imageSize() {
        return channels * size * size;
    }

    /** Image i of one of the arrays above, (C, S, S). */
    public float[] image(float[] set, int i) {
        return java.util.Arrays.copyOfRange(set, i * imageSize(), (i + 1) * imageSize());
    }
}
