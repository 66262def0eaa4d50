/**
 * Evaluation of semantic completion: how well the hole is restored, measured rather than produced. Quality
 * metrics ({@link org.semfill.completion.evaluation.Metrics}: PSNR, and SSIM after Wang et al. 2004), the
 * per-image {@link org.semfill.completion.evaluation.Scores} and their averages in a
 * {@link org.semfill.completion.evaluation.ResultTable}, the classic baseline fills that need no network (mean
 * colour, nearest training image, harmonic diffusion) and {@link org.semfill.completion.evaluation.Evaluation},
 * which completes held-out images and scores our fills against the baselines.
 *
 * <p>Array conventions are those of {@link org.semfill.completion}: images {@code float[]} (C, H, W) or
 * (N, C, H, W) in [-1, 1], masks (H, W) with 1 = known.
 *
 * <p>Imports: completion and everything completion may import (gan and below: internal, kernels, data, io,
 * charts, ...). The completion algorithm never imports this package; only cli and tutorial import it.
 */
package org.semfill.completion.evaluation;
