/**
 * Semantic completion, step 3 of the story (Yeh et al., "Semantic Image Inpainting with Perceptual and
 * Contextual Losses", arXiv 1607.07539; B. Amos, "Image Completion with Deep Learning in TensorFlow", 2016):
 * masks ({@link org.semfill.completion.Mask}, {@link org.semfill.completion.Masks}), the importance weights of
 * the contextual loss, the latent search and Poisson blending of the generated fill into the known pixels, and
 * the report of what a completion produced. How well it restores images (PSNR, SSIM, the baseline fills, the
 * result table) is measured in {@link org.semfill.completion.evaluation}, which imports this package, never the
 * other way round.
 *
 * <p>Array conventions: images are {@code float[]} laid out (C, H, W) or (N, C, H, W), row-major, values in
 * [-1, 1]. A mask is one (H, W) plane with 1 = known pixel and 0 = missing; it applies to every channel of
 * every image, so most methods here accept any array made of whole H x W planes.
 *
 * <p>Imports: internal, gan and below; EJML for the sparse Poisson solve;
 * javax.imageio for mask files. Not its own subpackage {@code evaluation}.
 */
package org.semfill.completion;
