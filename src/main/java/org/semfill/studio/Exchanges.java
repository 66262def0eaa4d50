package org.semfill.studio;

import com.google.gson.Gson;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reading requests and writing answers on a {@link HttpExchange}: bodies with a size limit, JSON and byte
 * answers, and the query string. Every answer says {@code Cache-Control: no-store} (the page polls) and
 * {@code X-Content-Type-Options: nosniff} (the browser must not guess types).
 */
final class Exchanges {
    static final Gson GSON = new Gson();
    /** A body larger than the limit is still read (and thrown away) up to this many bytes, so the client gets the 413 answer. */
    private static final long DRAIN_LIMIT = 256L << 20;

    private Exchanges() {}

    /**
     * The request body, at most {@code limit} bytes. The declared length is checked before anything is read;
     * a client has {@link RequestDeadlines#READ_MILLIS} to send it all (else it is dropped).
     *
     * @throws HttpError 413 if the body is larger, 400 if its Content-Length is not a number
     */
    static byte[] body(HttpExchange ex, int limit, String what) throws IOException {
        java.util.List<String> declared = ex.getRequestHeaders().get("Content-Length");
        long length = -1;
        if (declared != null) {
            String d = declared.size() == 1 ? declared.get(0).trim() : "";
            if (!d.matches("[0-9]{1,18}"))
                throw HttpError.badRequest("bad Content-Length: " + String.join(", ", declared) + " (it must be one whole number of bytes)");
            length = Long.parseLong(d);
        }
        InputStream in = ex.getRequestBody();
        if (length > limit) throw tooLarge(in, 0, limit, what);
        ByteArrayOutputStream out = new ByteArrayOutputStream(length > 0 ? (int) length : 8192);
        byte[] buf = new byte[65536];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
            if (total > limit) throw tooLarge(in, total, limit, what);
            out.write(buf, 0, n);
        }
        RequestDeadlines.processing();
        return out.toByteArray();
    }

    private static HttpError tooLarge(InputStream in, long alreadyRead, int limit, String what) throws IOException {
        byte[] buf = new byte[65536];
        for (long read = alreadyRead; read < DRAIN_LIMIT; ) {
            int n = in.read(buf);
            if (n <= 0) break;
            read += n;
        }
        return new HttpError(413, String.format("%s is too large: the limit is %.0f MB", what, limit / 1e6));
    }

    /** Decoded query parameters (the last value wins). */
    static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        String q = uri.getRawQuery();
        if (q == null || q.isEmpty()) return out;
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq), v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(decode(k), decode(v));
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("bad query string");
        }
    }

    static void json(HttpExchange ex, int status, Object value) throws IOException {
        send(ex, status, "application/json; charset=utf-8", GSON.toJson(value).getBytes(StandardCharsets.UTF_8));
    }

    static void error(HttpExchange ex, int status, String message) throws IOException {
        json(ex, status, Map.of("error", message));
    }

    static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = "HEAD".equals(ex.getRequestMethod());
        RequestDeadlines.writing();
        // HEAD: the headers GET would answer, with the length of the body it would send, and no body
        if (head) ex.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
        ex.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
