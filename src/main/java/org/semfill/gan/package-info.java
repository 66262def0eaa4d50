/** DCGAN: configs, layer tables, network builders, the resumable trainer and model files. Imports everything below it (nn, optim, data, io, charts). */
package org.semfill.gan;
