package org.semfill.studio;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The studio's one HTTP handler: checks the request, routes it, and turns refusals into JSON errors.
 *
 * <pre>
 *   GET  /  /studio.js  /studio.css       the page
 *   GET  /api/model                       size, channels, limits, mask types
 *   GET  /api/heldout                     example images: [{id, png}]
 *   POST /api/images                      raw PNG/JPEG bytes -> {id, png, note}   (413 if too large, 400 if not an image)
 *   GET  /api/masks/{type}                a preset mask as 0/1 values
 *   POST /api/complete                    JSON settings -> {jobId}; header X-Semfill-Session: the page's session
 *                                         (its earlier job is superseded); 429 + Retry-After when too many wait
 *   GET  /api/jobs/{id}?since=N           state, frame (PNG data URLs), losses from step N
 *   POST /api/jobs/{id}/cancel            stop after the current step
 *   GET  /api/jobs/{id}/result.png        the blended result at the model's size
 *   GET  /api/jobs/{id}/result.png?fill=K an HMC job's fill number K (1 .. fills), blended
 * </pre>
 *
 * Paths with {@code ..}, backslashes, percent-escapes or empty segments are refused before routing; ids must
 * have the form the server hands out. Requests whose Host is not the loopback address are refused, so a web
 * page elsewhere cannot reach the studio through a DNS name that points at 127.0.0.1.
 *
 * <p>Cross-site requests: a page elsewhere can still make the browser send a "simple" POST (text/plain, form
 * types) to 127.0.0.1. So every request but GET/HEAD whose {@code Origin} is present and not the studio's own is
 * refused (403), and bodies must carry the type the page sends: {@code application/json} for JSON,
 * {@code application/octet-stream} or {@code image/*} for uploads (415 otherwise), which a foreign page cannot
 * send without a CORS preflight that the studio never grants. GET endpoints also answer HEAD.
 */
final class StudioHandler implements GuardedHandler.Route {
    /**
     * Longest path answered (414 beyond): the studio's own are under 60 characters. Checked before anything else
     * looks at the path, so no parsing ever sees a hostile one.
     */
    static final int MAX_PATH = 512;
    /** Longest query string answered (414 beyond): the page sends {@code ?since=N} and {@code ?fill=K}. */
    static final int MAX_QUERY = 512;
    /** The header with the page session's id: a page's new job supersedes its own earlier one, never another page's. */
    static final String SESSION_HEADER = "X-Semfill-Session";
    private static final java.util.regex.Pattern SESSION = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{8,64}");
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
    public void serve(HttpExchange ex) throws IOException {
        checkLength(ex);
        checkHost(ex);
        checkOrigin(ex, ex.getRequestMethod());
        route(ex, ex.getRequestMethod(), ex.getRequestURI().getRawPath());
    }

    /** 414 for an over-long path or query, before any parsing (a path of 2,000 segments once overflowed a regex's stack). */
    private static void checkLength(HttpExchange ex) {
        String path = ex.getRequestURI().getRawPath(), query = ex.getRequestURI().getRawQuery();
        if (path != null && path.length() > MAX_PATH)
            throw new HttpError(414, "the address is too long (" + path.length() + " characters; the studio's are under " + MAX_PATH + ")");
        if (query != null && query.length() > MAX_QUERY)
            throw new HttpError(414, "the query string is too long (" + query.length() + " characters; at most " + MAX_QUERY + ")");
    }

    /**
     * True for "/", or "/" followed by segments of letters, digits and {@code _ . : -} separated by single slashes,
     * with an optional trailing slash. A loop, not a regex: a repeated regex group recurses once per segment.
     */
    static boolean safePath(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') return false;
        for (int i = 1; i < path.length(); i++) {
            char ch = path.charAt(i);
            if (ch == '/') {
                if (path.charAt(i - 1) == '/') return false; // an empty segment
            } else if (!(ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '_' || ch == '.' || ch == ':' || ch == '-')) {
                return false;
            }
        }
        return true;
    }

    private void route(HttpExchange ex, String method, String path) throws IOException {
        if (path == null || path.contains("..") || !safePath(path))
            throw HttpError.badRequest("bad path: the studio serves only its own page and /api/...");
        StaticFiles.Asset asset = files.get(path);
        if (asset != null) {
            allow(ex, method, "GET");
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
                allow(ex, method, "POST");
                requireUploadType(ex);
                Exchanges.json(ex, 201, api.upload(Exchanges.body(ex, api.maxUploadBytes(), "the upload")));
            }
            case "masks" -> {
                only(seg, 3);
                allow(ex, method, "GET");
                Exchanges.json(ex, 200, api.mask(seg[2]));
            }
            case "complete" -> {
                only(seg, 2);
                allow(ex, method, "POST");
                requireType(ex, false);
                String body = new String(Exchanges.body(ex, JSON_LIMIT, "the request"), StandardCharsets.UTF_8);
                Exchanges.json(ex, 202, api.complete(CompleteRequest.parse(body), session(ex)));
            }
            case "jobs" -> job(ex, method, seg);
            default -> throw HttpError.notFound("no such endpoint: " + path);
        }
    }

    private void job(HttpExchange ex, String method, String[] seg) throws IOException {
        if (seg.length < 3 || seg.length > 4) throw HttpError.notFound("no such endpoint");
        if (seg.length == 4 && seg[3].equals("cancel")) { // method and type are checked before the job is looked up
            allow(ex, method, "POST");
            requireType(ex, true); // the page sends no body; a form or text/plain post from elsewhere is refused
            Exchanges.body(ex, 1024, "the cancel request");
        }
        StudioJob job = api.job(seg[2]);
        if (seg.length == 3) {
            allow(ex, method, "GET");
            Exchanges.json(ex, 200, job.status(since(ex)));
        } else if (seg[3].equals("cancel")) {
            boolean stopping = job.cancel();
            Exchanges.json(ex, 200, Map.of("jobId", job.id, "cancelled", stopping, "state", job.stateName()));
        } else if (seg[3].equals("result.png")) {
            allow(ex, method, "GET");
            Integer fill = fill(ex);
            byte[] png = job.resultPng(fill);
            String name = "semfill-" + job.id + (fill == null ? "" : "-fill" + fill) + ".png";
            ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + name + "\"");
            Exchanges.send(ex, 200, "image/png", png);
        } else {
            throw HttpError.notFound("no such endpoint");
        }
    }

    /** The page session a job belongs to (the page makes a random one when it loads), or null for a request of its own. */
    static String session(HttpExchange ex) {
        String s = ex.getRequestHeaders().getFirst(SESSION_HEADER);
        if (s == null) return null;
        if (!SESSION.matcher(s).matches())
            throw HttpError.badRequest(SESSION_HEADER + " must be 8 to 64 letters, digits, '-' or '_' (the page makes one when it loads)");
        return s;
    }

    private static int since(HttpExchange ex) {
        String s = Exchanges.query(ex.getRequestURI()).get("since");
        if (s == null) return 0;
        if (!s.matches("[0-9]{1,30}"))
            throw HttpError.badRequest("since must be a whole number of steps (0 or more), got " + abbreviate(s));
        return s.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(s); // beyond the last step: no new points
    }

    /** The {@code fill} query parameter of result.png (an HMC job's fill, from 1), or null when absent. */
    private static Integer fill(HttpExchange ex) {
        String s = Exchanges.query(ex.getRequestURI()).get("fill");
        if (s == null) return null;
        if (!s.matches("[0-9]{1,9}")) throw HttpError.badRequest("fill must be a whole number (the fill's number, from 1), got " + abbreviate(s));
        return Integer.parseInt(s);
    }

    private static void get(HttpExchange ex, String method, String[] seg, int length, Object answer) throws IOException {
        only(seg, length);
        allow(ex, method, "GET");
        Exchanges.json(ex, 200, answer);
    }

    private static void only(String[] seg, int length) {
        if (seg.length != length) throw HttpError.notFound("no such endpoint: /" + String.join("/", seg));
    }

    /** A GET endpoint also answers HEAD (the same headers, no body). */
    private static void allow(HttpExchange ex, String method, String allowed) {
        if (allowed.equals(method) || (allowed.equals("GET") && method.equals("HEAD"))) return;
        ex.getResponseHeaders().set("Allow", allowed.equals("GET") ? "GET, HEAD" : allowed);
        throw new HttpError(405, method + " is not allowed here; use " + allowed);
    }

    /** The media type of the body, lower case without parameters ("application/json; charset=utf-8" -> "application/json"), or null. */
    private static String mediaType(HttpExchange ex) {
        List<String> types = ex.getRequestHeaders().get("Content-Type");
        if (types == null || types.isEmpty()) return null;
        if (types.size() > 1) throw new HttpError(415, "the request has " + types.size() + " Content-Type headers; send one");
        String t = types.get(0);
        int semi = t.indexOf(';');
        return (semi < 0 ? t : t.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** JSON bodies must say so; a foreign page can only send text/plain or form types without a preflight. */
    private static void requireType(HttpExchange ex, boolean orNone) {
        String type = mediaType(ex);
        if ("application/json".equals(type) || (orNone && type == null)) return;
        throw new HttpError(415, "the request must be sent with Content-Type: application/json"
                + (type == null ? "" : " (it says " + abbreviate(type) + ")"));
    }

    /** Uploads are the file's bytes as the page sends them: application/octet-stream, or an image/* type. */
    private static void requireUploadType(HttpExchange ex) {
        String type = mediaType(ex);
        if (type != null && (type.equals("application/octet-stream") || (type.startsWith("image/") && type.length() > 6))) return;
        throw new HttpError(415, "an upload must be the image file's bytes with Content-Type: application/octet-stream or image/..."
                + (type == null ? "" : " (it says " + abbreviate(type) + ")"));
    }

    /**
     * Requests that change something (anything but GET and HEAD) are refused when a browser says they come from
     * another page: {@code Origin} present and not the studio's own (also {@code Origin: null}, from sandboxed
     * frames and files). Clients that send no Origin (curl, scripts) are not browsers visiting a page.
     */
    private void checkOrigin(HttpExchange ex, String method) {
        if (method.equals("GET") || method.equals("HEAD")) return;
        List<String> origins = ex.getRequestHeaders().get("Origin");
        if (origins == null) return;
        String p = ":" + port;
        for (String o : origins)
            if (!(o.equals("http://127.0.0.1" + p) || o.equals("http://localhost" + p) || o.equals("http://[::1]" + p)))
                throw new HttpError(403, "cross-origin request refused: only the studio's own page (http://127.0.0.1" + p
                        + "/) may " + method + " here, this one came from " + abbreviate(o));
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }

    /** Only requests addressed to the loopback name and our port are answered. */
    private void checkHost(HttpExchange ex) {
        String host = ex.getRequestHeaders().getFirst("Host");
        String p = ":" + port;
        if (host == null || !(host.equals("127.0.0.1" + p) || host.equals("localhost" + p) || host.equals("[::1]" + p)))
            throw new HttpError(403, "the studio answers only requests to http://127.0.0.1" + p + "/");
    }
}
