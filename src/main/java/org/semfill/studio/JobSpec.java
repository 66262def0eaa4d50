package org.semfill.studio;

import org.semfill.completion.Mask;
import org.semfill.completion.SearchSettings;

/**
 * A checked completion request: which image (pixels (C, S, S) in [-1, 1]), which mask, the search settings,
 * Yeh's importance weights or the plain mask, Poisson blending or pasting, and the seed of the search's starting z's.
 */
record JobSpec(ImageStore.StudioImage image, Mask mask, SearchSettings search, boolean weighted, boolean poisson, long seed) {}
