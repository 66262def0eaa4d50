/**
 * The Java Vector API kernels: the only package that imports {@code jdk.incubator.vector}. Loaded
 * reflectively by {@link org.semfill.kernels.KernelProvider} only when the module is present.
 */
package org.semfill.kernels.simd;
