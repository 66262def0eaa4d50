package org.semfill.studio;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import org.semfill.data.ImageSet;
import org.semfill.gan.Dcgan;
import org.semfill.internal.SettingError;
import org.semfill.internal.UserError;

/**
 * The completion studio's web server: the JDK's {@link HttpServer} bound to the loopback address only
 * (never to the network), serving the page and its JSON API ({@link StudioHandler}). It writes no file.
 *
 * <pre>
 *   StudioServer.Options o = new StudioServer.Options(0, 16, 1);
 *   ExampleImages examples = ExampleImages.choose(run, null, gan.config.size(), gan.config.channels(), o.examples());
 *   try (StudioServer s = StudioServer.start(gan, "run3", examples, o)) {
 *       System.out.println(s.uri()); // http://127.0.0.1:PORT/
 *   }
 * </pre>
 */
public final class StudioServer implements AutoCloseable {
    /** Uploads larger than this are refused (413). */
    public static final int MAX_UPLOAD_BYTES = 10_000_000;

    /** Most example images the studio offers. */
    public static final int MAX_EXAMPLES = 64;

    /**
     * @param port     TCP port on 127.0.0.1; 0 picks a free one
     * @param examples how many example images to offer (0 for none): the count {@link ExampleImages#choose} is given
     * @param seed     seed of the masks and starting points of the jobs
     */
    public record Options(int port, int examples, long seed) {
        public Options {
            if (port < 0 || port > 65535) throw SettingError.of(StudioSetting.PORT, "must be between 0 and 65535, got " + port);
            if (examples < 0 || examples > MAX_EXAMPLES)
                throw SettingError.of(StudioSetting.EXAMPLES, "must be between 0 and " + MAX_EXAMPLES + ", got " + examples);
        }
    }

    private final HttpServer server;
    private final RequestDeadlines pool;
    private final StudioApi api;

    private StudioServer(HttpServer server, RequestDeadlines pool, StudioApi api) {
        this.server = server;
        this.pool = pool;
        this.api = api;
    }

    /**
     * Starts serving {@code gan}; {@code modelLabel} is how the page names the model, {@code examples} the images
     * it offers beside uploads ({@link ExampleImages#choose}, at the model's size and channels).
     *
     * @throws UserError if the port is taken
     */
    public static StudioServer start(Dcgan gan, String modelLabel, ExampleImages examples, Options o) {
        int s = gan.config.size(), c = gan.config.channels();
        ImageSet set = examples.images();
        if (set != null && (set.c() != c || set.h() != s || set.w() != s))
            throw new IllegalArgumentException("example images are " + set.c() + "x" + set.h() + "x" + set.w() + ", the model makes "
                    + c + "x" + s + "x" + s);
        float[] heldOut = set == null ? null : set.pixels();
        int n = set == null ? 0 : set.n();
        String note = examples.note();
        StudioApi api = new StudioApi(gan, modelLabel, MAX_UPLOAD_BYTES, heldOut, n, note, o.seed());
        StudioHandler handler = new StudioHandler(api);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), o.port()), 16);
        } catch (BindException e) {
            api.close();
            if (String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("permission"))
                throw new SettingError(StudioSetting.PORT, name -> "port " + o.port() + " on 127.0.0.1 needs administrator rights (ports below 1024 "
                        + "do): choose one from 1024 up with " + name.apply(StudioSetting.PORT) + " (0 picks a free one)");
            throw new SettingError(StudioSetting.PORT, name -> "port " + o.port() + " on 127.0.0.1 is in use: choose another with "
                    + name.apply(StudioSetting.PORT) + " (0 picks a free one)");
        } catch (IOException e) {
            api.close();
            throw new UserError("cannot start the studio's server on port " + o.port() + ": " + e.getMessage(), e);
        }
        handler.setPort(server.getAddress().getPort());
        // Threads with deadlines: a client that stalls while sending its request is dropped (RequestDeadlines).
        RequestDeadlines pool = new RequestDeadlines();
        server.createContext("/", new GuardedHandler(handler));
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
        pool.shutdown(5_000);
    }
}
