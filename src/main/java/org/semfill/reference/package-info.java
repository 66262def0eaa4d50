/**
 * Read this first: the textbook versions of the operations a DCGAN and the semantic completion search are
 * built from, forward and backward side by side, as plain nested loops over float arrays (in the spirit of
 * llm.c's reference layer). The fast ops in {@code org.semfill.autograd} (im2col + GEMM, fused batch norm,
 * Vector API kernels) compute the same numbers, and the tests in {@code src/test/java/org/semfill/reference}
 * check them against these classes on seeded random inputs, under both the scalar and the vector kernels;
 * each reference backward is itself checked against central finite differences.
 *
 * <p>Every class opens with a legend of its dimension letters; arrays are row-major (NCHW for images), so
 * x[n][c][h][w] lives at {@code ((n * C + c) * H + h) * W + w}. Nothing here is fast, cached or parallel:
 * these classes exist to be read and to be trusted. Sums run in double so the reference is the most accurate
 * thing in the comparison.
 *
 * <p>Imports nothing of semfill (not even {@code internal}): only the JDK.
 */
package org.semfill.reference;
