package org.semfill.completion;

import java.util.ArrayList;
import java.util.List;

/**
 * What HMC (Amos's {@code --approach hmc}) produced for n images, k chains each: the {@link CompletedImages} (a row per
 * chain, chain r of image i at row r * n + i, from the chain's last sample), the {@link Chains}, the loss and its two
 * parts per row at the last sample, and what a {@link Completion.SampleWatch} kept: {@link ChainSnapshots} and the
 * {@link ChainTrace} (or null).
 */
public record SampledFills(CompletedImages images, Chains chains, LossParts last, ChainSnapshots snapshots, ChainTrace trace) {

    /**
     * The chains: {@code k} per image, the iterations run (fewer than asked when a listener stopped the run), their
     * last z (rows * nz), and the acceptance rate per iteration and over the whole run.
     */
    public record Chains(int k, int iterations, float[] z, float[] acceptance, float acceptanceRate) {}

    /**
     * Every chain's G(z) pasted into the hole at some iterations, for the first {@code images} images only (row
     * r * images + i: chain r of image i): snapshot j is {@code pasted.get(j)} at iteration {@code iterations.get(j)}
     * (0-based), with the acceptance rate so far {@code acceptance[j]}.
     */
    public record ChainSnapshots(int images, List<Integer> iterations, List<float[]> pasted, float[] acceptance) {
        public int size() {
            return iterations.size();
        }

        public boolean isEmpty() {
            return iterations.isEmpty();
        }
    }

    /**
     * Every HMC iteration of every chain (row r * n + i: chain r of image i): {@code loss[it][row]} and its two parts
     * at the chain's z after the iteration, whether that iteration's proposal was {@code accepted}, and
     * {@code z[it]} (rows * nz).
     */
    public record ChainTrace(int nz, int k, float[][] loss, float[][] contextual, float[][] perceptual, boolean[][] accepted, float[][] z) {
        public int iterations() {
            return loss.length;
        }

        /** Collects the iterations one by one. */
        static final class Builder {
            private final List<float[]> loss = new ArrayList<>(), contextual = new ArrayList<>(), perceptual = new ArrayList<>(), z = new ArrayList<>();
            private final List<boolean[]> accepted = new ArrayList<>();

            void add(LatentSearch.Evaluation e, boolean[] ok, float[] zNow) {
                loss.add(e.loss().clone());
                contextual.add(e.contextual().clone());
                perceptual.add(e.perceptual().clone());
                accepted.add(ok);
                z.add(zNow);
            }

            ChainTrace build(int nz, int k) {
                return new ChainTrace(nz, k, loss.toArray(float[][]::new), contextual.toArray(float[][]::new), perceptual.toArray(float[][]::new),
                        accepted.toArray(boolean[][]::new), z.toArray(float[][]::new));
            }
        }
    }
}
