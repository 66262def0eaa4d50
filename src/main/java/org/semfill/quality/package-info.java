/**
 * Honest measures of what a GAN learned: the Fréchet distance (FID, Heusel et al. 2017) of its samples in the
 * feature space of a small classifier trained here with our own engine ({@link org.semfill.quality.FeatureNet},
 * kept in a cache file and reused), tracked per epoch during training ({@link org.semfill.quality.QualityTracker}),
 * and a memorisation check: the nearest training images of generated samples, against the yardstick of held-out
 * real images ({@link org.semfill.quality.MemorisationCheck}). {@link org.semfill.quality.Inspection} runs it all
 * for {@code semfill inspect}.
 *
 * <p>Imports gan and everything below it (data, io, nn, optim, autograd, tensor, kernels, internal), plus charts
 * (which itself imports only internal); cli and tutorial (chapter 5 shows the memorisation check) are above it.
 */
package org.semfill.quality;
