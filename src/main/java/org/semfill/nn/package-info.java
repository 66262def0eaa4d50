/** Layers that own parameters (Linear, Conv2d, ConvTranspose2d, BatchNorm2d), Sequential, Flatten, activations and initialisers, and the Inference scope (evaluation mode, no graph); state in PyTorch's naming. Imports internal, tensor, autograd. */
package org.semfill.nn;
