/** DCGAN: configs, layer tables, network builders, the run folder (RunDirectory: what a run folder holds and may become), the resumable training loop and model files. Imports everything below it (nn, optim, data, io, charts). */
package org.semfill.gan;
