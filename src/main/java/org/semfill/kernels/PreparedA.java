package org.semfill.kernels;

/**
 * The left operand op(A) of several products that share it (a convolution's weights, used for every chunk
 * of images), from {@link Kernels#prepareA}. {@code packed} holds whatever the kernels made of it once
 * (the vector kernels: A's micro-panels, so no product packs A again), or null. Never modified after it is
 * made, so threads may share it.
 *
 * <p>Dimension legend: op(A) is rows x depth (M x K); A is stored M x K, or K x M when {@code trans}.
 */
public record PreparedA(boolean trans, int rows, int depth, float[] data, int offset, float[] packed) {}
