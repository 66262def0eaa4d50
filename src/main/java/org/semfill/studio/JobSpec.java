package org.semfill.studio;

import org.semfill.completion.HmcSampler;
import org.semfill.completion.Mask;
import org.semfill.completion.SearchSettings;

/**
 * A checked completion request: which image (pixels (C, S, S) in [-1, 1]), which mask, the search settings,
 * Yeh's importance weights or the plain mask, Poisson blending or pasting, the seed of the search's starting z's,
 * and HMC's knobs when the job samples several fills (one chain per {@code search.restarts()}) instead of
 * searching with Adam (null).
 */
record JobSpec(ImageStore.StudioImage image, Mask mask, SearchSettings search, boolean weighted, boolean poisson, long seed,
               HmcSampler.Settings hmc) {
    /** An Adam search. */
    JobSpec(ImageStore.StudioImage image, Mask mask, SearchSettings search, boolean weighted, boolean poisson, long seed) {
        this(image, mask, search, weighted, poisson, seed, null);
    }

    /** Whether the job samples several fills by HMC (else it searches the best one with Adam). */
    boolean sampling() {
        return hmc != null;
    }
}
