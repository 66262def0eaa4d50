/**
 * The differentiable operations: one small class per family, forward and backward side by side, exposed
 * through the {@link org.semfill.autograd.Ops} facade; and the finite-difference {@link org.semfill.autograd.GradCheck}.
 * Imports internal, kernels and tensor.
 */
package org.semfill.autograd;
