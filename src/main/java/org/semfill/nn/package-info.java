/** Layers that own parameters (Linear, Conv2d, ConvTranspose2d, BatchNorm2d), Sequential, activations and initialisers; state in PyTorch's naming. Imports internal, tensor, autograd. */
package org.semfill.nn;
