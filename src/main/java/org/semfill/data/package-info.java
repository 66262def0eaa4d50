/**
 * Training data as plain float arrays: {@link org.semfill.data.ImageSet} (N, C, H, W) in [-1, 1], the IDX
 * reader (MNIST / Fashion-MNIST files), the image-folder reader (centre crop + area-averaging resize), the
 * loader that turns a {@code --data} argument into an image set ({@link org.semfill.data.DataSources}), the
 * {@link org.semfill.data.DataSource} (a {@code --data} argument with its cache folder) the CLI builds once and passes
 * on, and the seeded, resumable {@link org.semfill.data.Batcher}.
 *
 * <p>Imports only {@code internal} (and the JDK's ImageIO / AWT); it knows nothing of tensors, so the data
 * can be prepared and inspected without the engine.
 */
package org.semfill.data;
