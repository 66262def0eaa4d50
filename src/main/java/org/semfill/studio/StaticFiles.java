package org.semfill.studio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The page's three files, read once from the classpath ({@code org/semfill/studio/}). Only these names are
 * served: a request for anything else is a 404, so no request path ever reaches a file system.
 */
final class StaticFiles {
    /** A file to serve: its bytes and content type. */
    record Asset(byte[] bytes, String contentType) {}

    private static final Map<String, String[]> ROUTES = Map.of(
            "/", new String[] {"index.html", "text/html; charset=utf-8"},
            "/studio.js", new String[] {"studio.js", "text/javascript; charset=utf-8"},
            "/studio.css", new String[] {"studio.css", "text/css; charset=utf-8"});

    private final Map<String, Asset> assets;

    StaticFiles() {
        java.util.HashMap<String, Asset> m = new java.util.HashMap<>();
        for (Map.Entry<String, String[]> e : ROUTES.entrySet()) m.put(e.getKey(), new Asset(read(e.getValue()[0]), e.getValue()[1]));
        this.assets = Map.copyOf(m);
    }

    /** The asset served at {@code path}, or null. */
    Asset get(String path) {
        return assets.get(path);
    }

    private static byte[] read(String name) {
        try (InputStream in = StaticFiles.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("the studio's page file " + name + " is missing from the classpath");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
