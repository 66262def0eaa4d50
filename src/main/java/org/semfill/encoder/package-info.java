/**
 * The learned start of the completion search: training a model's {@link org.semfill.gan.Encoder} after the GAN
 * (G frozen) on G's own images with known z and on real images, each with a random hole. May use completion (for
 * masks), gan, nn, optim, autograd, tensor, io, data, charts and internal.
 */
package org.semfill.encoder;
