package org.semfill.completion;

import static org.semfill.completion.CompletionSetting.HMC_ANNEAL;
import static org.semfill.completion.CompletionSetting.HMC_BETA;
import static org.semfill.completion.CompletionSetting.HMC_LEAPFROG;
import static org.semfill.completion.CompletionSetting.HMC_STEP;

import org.semfill.internal.Check;
import org.semfill.internal.Rng;
import org.semfill.internal.SettingError;

/**
 * Hamiltonian Monte Carlo on z (Amos 2016, {@code --approach hmc}): instead of minimising the completion loss L(z)
 * of a {@link LatentSearch}, sample z from the density proportional to exp(-beta * L(z)) on the prior's box
 * [-1, 1]^nz, each row (one chain of one image) on its own. Every {@link #iterate()} draws a momentum v ~ N(0, I),
 * follows {@code leapfrog} leapfrog steps of size {@code step} (z reflected at the box's faces, with the momentum's
 * component flipped, which keeps the move reversible and volume-preserving) and accepts the end point with
 * probability min(1, exp(H_old - H_new)), H = beta * L(z) + |v|^2 / 2; a rejected row keeps its z. Then beta is
 * multiplied by {@code anneal} (1 = no annealing; below or above 1 anneals geometrically). The rows start from the
 * search's own random z; momenta and the accept draws come from the given Rng, so the same seed gives the same samples.
 */
public final class HmcSampler {
    /** Inverse temperature beta, leapfrog step size and step count, and beta's factor per iteration. */
    public record Settings(float beta, float step, int leapfrog, float anneal) {
        public Settings {
            if (!(beta > 0 && beta <= 1e6f)) throw SettingError.of(HMC_BETA, "must be in (0, 1000000], got " + beta);
            if (!(step > 0 && step <= 1)) throw SettingError.of(HMC_STEP, "must be in (0, 1], got " + step);
            if (leapfrog < 1 || leapfrog > 10_000) throw SettingError.of(HMC_LEAPFROG, "must be between 1 and 10000, got " + leapfrog);
            if (!(anneal > 0 && anneal <= 10)) throw SettingError.of(HMC_ANNEAL, "must be in (0, 10] (1 = no annealing), got " + anneal);
        }

        /** Amos's defaults: beta 0.2, step 0.001, 100 leapfrog steps, no annealing. */
        public static Settings defaults() {
            return new Settings(0.2f, 0.001f, 100, 1f);
        }
    }

    private final LatentSearch search;
    private final Settings settings;
    private final Rng rng;
    private final int rows, nz;
    private final float[] z;
    private LatentSearch.Evaluation current;
    private double beta;
    private long proposed, accepted;
    private int iteration;
    private float lastAcceptance = Float.NaN;
    private final boolean[] lastAccepted;

    /** Samples around {@code search}'s rows, starting from its current z; G and D stay frozen by the search. */
    public HmcSampler(LatentSearch search, Settings settings, Rng rng) {
        Check.arg(search != null && settings != null && rng != null, "HMC needs a search, settings and an Rng");
        this.search = search;
        this.settings = settings;
        this.rng = rng;
        this.rows = search.rows();
        this.nz = search.nz();
        this.z = search.z().data().clone();
        this.beta = settings.beta();
        this.lastAccepted = new boolean[rows];
    }

    /** One HMC transition of every row; returns this iteration's acceptance rate over the rows. */
    public float iterate() {
        if (current == null) current = search.evaluate(z);
        int n = z.length;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) rng.nextGaussian();
        double[] hOld = energies(current.loss(), v);
        float[] q = z.clone();
        float eps = settings.step();
        float b = (float) beta;
        LatentSearch.Evaluation e = current;
        halfKick(v, e.gradient(), eps / 2 * b);
        for (int l = 0; l < settings.leapfrog(); l++) {
            for (int i = 0; i < n; i++) {
                q[i] += eps * v[i];
                while (q[i] > 1f || q[i] < -1f) { // reflect at the box's faces, flipping the momentum's component
                    q[i] = q[i] > 1f ? 2f - q[i] : -2f - q[i];
                    v[i] = -v[i];
                }
            }
            e = search.evaluate(q);
            halfKick(v, e.gradient(), (l == settings.leapfrog() - 1 ? eps / 2 : eps) * b);
        }
        double[] hNew = energies(e.loss(), v);
        float[] loss = current.loss().clone(), ctx = current.contextual().clone(), per = current.perceptual().clone();
        float[] grad = current.gradient().clone(), gen = current.generated().clone();
        int per1 = gen.length / rows, ok = 0;
        for (int r = 0; r < rows; r++) {
            double u = rng.nextDouble(); // drawn for every row, so the stream does not depend on the outcomes
            double logAccept = hOld[r] - hNew[r];
            lastAccepted[r] = Double.isFinite(hNew[r]) && (logAccept >= 0 || u < StrictMath.exp(logAccept));
            if (!lastAccepted[r]) continue;
            ok++;
            System.arraycopy(q, r * nz, z, r * nz, nz);
            System.arraycopy(e.gradient(), r * nz, grad, r * nz, nz);
            System.arraycopy(e.generated(), r * per1, gen, r * per1, per1);
            loss[r] = e.loss()[r];
            ctx[r] = e.contextual()[r];
            per[r] = e.perceptual()[r];
        }
        current = new LatentSearch.Evaluation(loss, ctx, per, grad, gen);
        proposed += rows;
        accepted += ok;
        beta *= settings.anneal();
        iteration++;
        lastAcceptance = ok / (float) rows;
        return lastAcceptance;
    }

    private static void halfKick(float[] v, float[] grad, float scale) {
        for (int i = 0; i < v.length; i++) v[i] -= scale * grad[i];
    }

    /** Per row: beta * L + |v|^2 / 2. */
    private double[] energies(float[] loss, float[] v) {
        double[] h = new double[rows];
        for (int r = 0; r < rows; r++) {
            double k = 0;
            for (int j = r * nz; j < (r + 1) * nz; j++) k += (double) v[j] * v[j];
            h[r] = beta * loss[r] + k / 2;
        }
        return h;
    }

    public int iteration() {
        return iteration;
    }

    /** The current z of every row, (rows * nz): a copy. */
    public float[] z() {
        return z.clone();
    }

    /** The loss, its parts, dL/dz and G(z) at the current z of every row (evaluated on first use). */
    public LatentSearch.Evaluation current() {
        if (current == null) current = search.evaluate(z);
        return current;
    }

    /** The inverse temperature the next iteration uses. */
    public double beta() {
        return beta;
    }

    /** Accepted proposals over all proposals so far (NaN before the first iteration). */
    public float acceptanceRate() {
        return proposed == 0 ? Float.NaN : accepted / (float) proposed;
    }

    /** Per row, whether the last iteration's proposal was accepted (all false before the first): a copy. */
    public boolean[] lastAccepted() {
        return lastAccepted.clone();
    }

    /** The last iteration's acceptance rate over the rows (NaN before the first). */
    public float lastAcceptance() {
        return lastAcceptance;
    }
}
