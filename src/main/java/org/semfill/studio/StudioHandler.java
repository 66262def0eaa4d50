package org.semfill.studio;

import com.google.gson.JsonParseException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The studio's one HTTP handler: checks the request, routes it, and turns refusals into JSON errors.
 *
 * <pre>
 *   GET  /  /studio.js  /studio.css       the page
 *   GET  /api/model                       size, channels, limits, mask types
 *   GET  /api/heldout                     example images: [{id, png}]
 *   POST /api/images                      raw PNG/JPEG bytes -> {id, png, note}   (413 if too large, 400 if not an image)
 *   GET  /api/masks/{type}                a preset mask as 0/1 values
 *   POST /api/complete                    JSON settings -> {jobId}
 *   GET  /api/jobs/{id}?since=N           state, frame (PNG data URLs), losses from step N
 *   POST /api/jobs/{id}/cancel            stop after the current step
 *   GET  /api/jobs/{id}/result.png        the blended result at the model's size
 * </pre>
 *
 * Paths with {@code ..}, backslashes, percent-escapes or empty segments are refused before routing; ids must
 * have the form the server hands out. Requests whose Host is not the loopback address are refused, so a web
 * page elsewhere cannot reach the studio through a DNS name that points at 127.0.0.1.
 */
final class StudioHandler implements HttpHandler {
    private static final Pattern SAFE_PATH = Pattern.compile("(/[A-Za-z0-9_.:-]+)*/?");
    private static final String CSP = "default-src 'self'; img-src 'self' data:; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final int JSON_LIMIT = 2 << 20; // a painted mask of 128 x 128 is a few kB

    private final StudioApi api;
    private final StaticFiles files = new StaticFiles();
    private volatile int port;

    StudioHandler(StudioApi api) {
        this.api = api;
    }

    void setPort(int port) {
        this.port = port;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            try {
                checkHost(ex);
                route(ex, ex.getRequestMethod(), ex.getRequestURI().getRawPath());
            } catch (HttpError e) {
                Exchanges.error(ex, e.status, e.getMessage());
            } catch (JsonParseException e) {
                Exchanges.error(ex, 400, "the request is not the JSON the studio expects");
            } catch (RuntimeException e) {
                System.err.println("semfill studio: internal error on " + ex.getRequestURI() + ": " + e);
                Exchanges.error(ex, 500, "internal error: " + e);
            }
        }
    }

    private void route(HttpExchange ex, String method, String path) throws IOException {
        if (path == null || path.contains("..") || !SAFE_PATH.matcher(path).matches())
            throw HttpError.badRequest("bad path: the studio serves only its own page and /api/...");
        StaticFiles.Asset asset = files.get(path);
        if (asset != null) {
            allow(method, "GET");
            ex.getResponseHeaders().set("Content-Security-Policy", CSP);
            Exchanges.send(ex, 200, asset.contentType(), asset.bytes());
            return;
        }
        String[] seg = path.substring(1).split("/");
        if (seg.length < 2 || !seg[0].equals("api")) throw HttpError.notFound("no such page: " + path);
        switch (seg[1]) {
            case "model" -> get(ex, method, seg, 2, api.model());
            case "heldout" -> get(ex, method, seg, 2, api.heldOut());
            case "images" -> {
                only(seg, 2);
                allow(method, "POST");
                Exchanges.json(ex, 201, api.upload(Exchanges.body(ex, api.maxUploadBytes(), "the upload")));
            }
            case "masks" -> {
                only(seg, 3);
                allow(method, "GET");
                Exchanges.json(ex, 200, api.mask(seg[2]));
            }
            case "complete" -> {
                only(seg, 2);
                allow(method, "POST");
                String body = new String(Exchanges.body(ex, JSON_LIMIT, "the request"), StandardCharsets.UTF_8);
                Exchanges.json(ex, 202, api.complete(Exchanges.GSON.fromJson(body, CompleteRequest.class)));
            }
            case "jobs" -> job(ex, method, seg);
            default -> throw HttpError.notFound("no such endpoint: " + path);
        }
    }

    private void job(HttpExchange ex, String method, String[] seg) throws IOException {
        if (seg.length < 3 || seg.length > 4) throw HttpError.notFound("no such endpoint");
        StudioJob job = api.job(seg[2]);
        if (seg.length == 3) {
            allow(method, "GET");
            Exchanges.json(ex, 200, job.status(since(ex)));
        } else if (seg[3].equals("cancel")) {
            allow(method, "POST");
            job.cancel();
            Exchanges.json(ex, 200, Map.of("jobId", job.id, "cancelled", true));
        } else if (seg[3].equals("result.png")) {
            allow(method, "GET");
            StudioJob.Frame f = job.frame();
            if (f == null) throw new HttpError(409, "job " + job.id + " has no result yet");
            ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"semfill-" + job.id + ".png\"");
            Exchanges.send(ex, 200, "image/png", f.blendedPng());
        } else {
            throw HttpError.notFound("no such endpoint");
        }
    }

    private static int since(HttpExchange ex) {
        String s = Exchanges.query(ex.getRequestURI()).get("since");
        if (s == null) return 0;
        try {
            return Math.max(0, Integer.parseInt(s));
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("since must be a whole number, got " + s);
        }
    }

    private static void get(HttpExchange ex, String method, String[] seg, int length, Object answer) throws IOException {
        only(seg, length);
        allow(method, "GET");
        Exchanges.json(ex, 200, answer);
    }

    private static void only(String[] seg, int length) {
        if (seg.length != length) throw HttpError.notFound("no such endpoint: /" + String.join("/", seg));
    }

    private static void allow(String method, String allowed) {
        if (!allowed.equals(method)) throw new HttpError(405, method + " is not allowed here; use " + allowed);
    }

    /** Only requests addressed to the loopback name and our port are answered. */
    private void checkHost(HttpExchange ex) {
        String host = ex.getRequestHeaders().getFirst("Host");
        String p = ":" + port;
        if (host == null || !(host.equals("127.0.0.1" + p) || host.equals("localhost" + p) || host.equals("[::1]" + p)))
            throw new HttpError(403, "the studio answers only requests to http://127.0.0.1" + p + "/");
    }
}
