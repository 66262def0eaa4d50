/**
 * Files a user opens: single images (PNG out; PNG, JPEG and the rest of ImageIO in), image grids with column
 * titles, and model files in the safetensors format. Every write is atomic
 * ({@link org.semfill.internal.AtomicFiles}); every unreadable file is a {@link org.semfill.internal.UserError}
 * naming it.
 *
 * <p>Imports {@code internal} and {@code data} (for {@link org.semfill.data.ImageSet} and the pixel
 * conversions), plus gson for safetensors headers. Works on plain arrays: it knows nothing of tensors.
 */
package org.semfill.io;
