/**
 * The Java Vector API kernels: the only package that imports {@code jdk.incubator.vector}. Loaded
 * reflectively by {@link org.semfill.kernels.KernelProvider} only when the module is present.
 *
 * <p>{@link org.semfill.kernels.simd.VectorKernels} is the entry point (streaming kernels); the SGEMM is
 * {@code VectorGemm} (blocking and threads), {@code GemmPacking} (panel copies), {@code MicroKernel}
 * (register tiles) and {@code VectorGemv} (M = 1 or N = 1); im2col/col2im are in {@code PatchCopy}, with
 * {@code EvenFloatGather} (the stride-2 rows of im2col) and {@code PhasePlaneUnfold} (stride 2 with the output half the
 * input, on the image's phase planes); {@code WinogradTransform} holds the tile transforms and gathers of Winograd
 * convolution; exp, tanh and sigmoid are in {@code VectorMath}.
 * Imports only {@code org.semfill.kernels}. docs/performance.md explains the design and the measurements.
 */
package org.semfill.kernels.simd;
