/**
 * The completion studio: a small web page, served by this program on the loopback address only, where a
 * user picks or uploads an image, paints the hole, and watches the latent search of
 * {@link org.semfill.completion.LatentSearch} fill it, restart by restart, with the loss curve; or samples several
 * fills by HMC ({@link org.semfill.completion.Completion#sample}) and chooses one of them.
 *
 * <p>The server is the JDK's own {@code com.sun.net.httpserver}; the page is plain HTML, CSS and JavaScript
 * served from the classpath (no build step, nothing fetched from elsewhere). It writes no file: uploads,
 * masks and results live in memory under ids the server makes, and no name or path from the client is ever
 * used to open a file.
 *
 * <p>Imports internal, data, io, gan, completion. Imported by: cli.
 */
package org.semfill.studio;
