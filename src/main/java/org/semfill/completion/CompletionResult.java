package org.semfill.completion;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * What a completion produced for n images: the {@link CompletedImages} (a row per image: its winning restart), the
 * loss curve (per iteration, the mean over all rows of the loss and its two parts), each image's final loss, the
 * {@link SearchSnapshots} of G(z) during the search and, when asked for, the {@link Trace} of the search.
 */
public record CompletionResult(CompletedImages images, LossParts curve, float[] finalLoss, SearchSnapshots snapshots, Trace trace) {

    /**
     * G(z) of each image's winning restart at some iterations (0-based) of the search, and it pasted into the hole;
     * snapshot j is {@code generated.get(j)} and {@code pasted.get(j)}, each (n, C, S, S), at {@code iterations.get(j)}.
     */
    public record SearchSnapshots(List<Integer> iterations, List<float[]> generated, List<float[]> pasted) {
        public int size() {
            return iterations.size();
        }

        public boolean isEmpty() {
            return iterations.isEmpty();
        }

        /** Only the snapshots at the iterations {@code keep} accepts. */
        public SearchSnapshots only(IntPredicate keep) {
            List<float[]> g = new ArrayList<>(), p = new ArrayList<>();
            List<Integer> its = new ArrayList<>();
            for (int j = 0; j < size(); j++) {
                if (!keep.test(iterations.get(j))) continue;
                g.add(generated.get(j));
                p.add(pasted.get(j));
                its.add(iterations.get(j));
            }
            return new SearchSnapshots(its, g, p);
        }
    }

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
}
