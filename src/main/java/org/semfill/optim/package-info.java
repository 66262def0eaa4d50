/** Optimisers over lists of tensors. Imports kernels and tensor. */
package org.semfill.optim;
