package org.semfill.studio;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.semfill.data.DataSources;
import org.semfill.data.ImageSet;
import org.semfill.gan.Dcgan;
import org.semfill.internal.UserError;

/**
 * The completion studio's web server: the JDK's {@link HttpServer} bound to the loopback address only
 * (never to the network), serving the page and its JSON API ({@link StudioHandler}). It writes no file.
 *
 * <pre>
 *   try (StudioServer s = StudioServer.start(gan, "run3", new StudioServer.Options(0, 16, 1))) {
 *       System.out.println(s.uri()); // http://127.0.0.1:PORT/
 *   }
 * </pre>
 */
public final class StudioServer implements AutoCloseable {
    /** Uploads larger than this are refused (413). */
    public static final int MAX_UPLOAD_BYTES = 10_000_000;

    /**
     * @param port    TCP port on 127.0.0.1; 0 picks a free one
     * @param heldOut how many of the bundled held-out images to offer (0 for none)
     * @param seed    seed of the masks and starting points of the jobs
     */
    public record Options(int port, int heldOut, long seed) {
        public Options {
            if (port < 0 || port > 65535) throw new UserError("--port must be between 0 and 65535, got " + port);
            if (heldOut < 0 || heldOut > 64) throw new UserError("--held-out must be between 0 and 64, got " + heldOut);
        }
    }

    private final HttpServer server;
    private final ExecutorService pool;
    private final StudioApi api;

    private StudioServer(HttpServer server, ExecutorService pool, StudioApi api) {
        this.server = server;
        this.pool = pool;
        this.api = api;
    }

    /**
     * Starts serving {@code gan}; {@code modelLabel} is how the page names the model.
     *
     * @throws UserError if the port is taken
     */
    public static StudioServer start(Dcgan gan, String modelLabel, Options o) {
        int s = gan.config.size(), c = gan.config.channels();
        float[] heldOut = null;
        int n = 0;
        String note;
        try {
            ImageSet set = o.heldOut() == 0 ? null : DataSources.loadBundledHeldOut(s, c, o.heldOut());
            if (set != null) {
                heldOut = set.pixels();
                n = set.n();
            }
            note = set == null ? "no held-out images asked for" : set.source() + ", at " + s + " x " + s;
        } catch (UserError e) {
            note = "no held-out images: " + e.getMessage();
        }
        StudioApi api = new StudioApi(gan, modelLabel, MAX_UPLOAD_BYTES, heldOut, n, note, o.seed());
        StudioHandler handler = new StudioHandler(api);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), o.port()), 16);
        } catch (BindException e) {
            api.close();
            throw new UserError("port " + o.port() + " on 127.0.0.1 is in use: choose another with --port (0 picks a free one)");
        } catch (IOException e) {
            api.close();
            throw new UserError("cannot start the studio's server on port " + o.port() + ": " + e.getMessage(), e);
        }
        handler.setPort(server.getAddress().getPort());
        ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "semfill-studio-http");
            t.setDaemon(true);
            return t;
        });
        server.createContext("/", handler);
        server.setExecutor(pool);
        server.start();
        return new StudioServer(server, pool, api);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The page's address, {@code http://127.0.0.1:PORT/}. */
    public URI uri() {
        InetAddress a = server.getAddress().getAddress();
        String host = a instanceof java.net.Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress();
        return URI.create("http://" + host + ":" + port() + "/");
    }

    /** Stops the server and the running job. */
    @Override
    public void close() {
        server.stop(0);
        api.close();
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
