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
     * Every iteration of the search for each image's winning restart (the one with the lowest final loss): its loss
     * and the loss's two parts, and the z that gave them. Kept in a temporary file, not the heap, so a long search
     * with {@code --csv} needs no more memory than a short one; read back an iteration at a time, in order
     * ({@link #at}), and deleted by {@link #close}.
     */
    public static final class Trace implements AutoCloseable {
        private final int nz, rows, n, iterations;
        private final int[] restart;
        private final java.nio.file.Path file;
        private java.io.DataInputStream in;
        private int next;
        private final float[] loss, contextual, perceptual, z;

        /** @param file rows' loss, contextual, perceptual (rows each) and z (rows * nz) per iteration, as floats */
        Trace(int nz, int rows, int n, int iterations, int[] restart, java.nio.file.Path file) {
            this.nz = nz;
            this.rows = rows;
            this.n = n;
            this.iterations = iterations;
            this.restart = restart;
            this.file = file;
            loss = new float[n];
            contextual = new float[n];
            perceptual = new float[n];
            z = new float[n * nz];
        }

        public int nz() {
            return nz;
        }

        public int iterations() {
            return iterations;
        }

        /** The winning restart of each image. */
        public int[] restart() {
            return restart;
        }

        /** Moves to iteration {@code it} (0-based; only forward, in order); then {@link #loss()} and the rest describe it. */
        public void at(int it) {
            if (it < next - 1 || it >= iterations) throw new IllegalArgumentException("iteration " + it + " after " + (next - 1));
            try {
                if (in == null) in = new java.io.DataInputStream(new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(file), 1 << 16));
                float[] block = new float[rows];
                float[] zs = new float[rows * nz];
                while (next <= it) {
                    read(block);
                    pick(block, loss, 1);
                    read(block);
                    pick(block, contextual, 1);
                    read(block);
                    pick(block, perceptual, 1);
                    read(zs);
                    pick(zs, z, nz);
                    next++;
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot read the search's trace " + file, e);
            }
        }

        private void read(float[] into) throws java.io.IOException {
            for (int k = 0; k < into.length; k++) into[k] = in.readFloat();
        }

        /** Each image's winning row (restart r of image i is row r * n + i). */
        private void pick(float[] all, float[] out, int width) {
            for (int i = 0; i < n; i++) System.arraycopy(all, (restart[i] * n + i) * width, out, i * width, width);
        }

        public float[] loss() {
            return loss;
        }

        public float[] contextual() {
            return contextual;
        }

        public float[] perceptual() {
            return perceptual;
        }

        /** n * nz: each image's z at the current iteration. */
        public float[] z() {
            return z;
        }

        @Override
        public void close() {
            try {
                if (in != null) in.close();
                java.nio.file.Files.deleteIfExists(file);
            } catch (java.io.IOException ignored) { // a temporary file: deleteOnExit is the fallback
            }
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
