package org.semfill.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.semfill.completion.Masks;
import org.semfill.completion.SearchSettings;

/**
 * The studio against hostile or broken clients: decompression bombs, cross-site requests, stalled
 * connections, wrongly typed JSON, HEAD, and what a cancelled job says.
 */
class StudioDefenceTest {
    static StudioServer server;
    static HttpClient http;

    @BeforeAll
    static void start() {
        server = StudioServer.start(StudioFixtures.tinyGan(), "tiny", StudioFixtures.garments(2), new StudioServer.Options(0, 2, 5));
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String own() {
        return "http://127.0.0.1:" + server.port();
    }

    /** POST with the given Content-Type (null: none) and Origin (null: none). */
    static HttpResponse<String> post(String path, byte[] body, String type, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (type != null) b.header("Content-Type", type);
        if (origin != null) b.header("Origin", origin);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> postJson(String json) throws Exception {
        return post("/api/complete", json.getBytes(StandardCharsets.UTF_8), "application/json", null);
    }

    static String error(HttpResponse<String> r) {
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.body());
        return JsonParser.parseString(r.body()).getAsJsonObject().get("error").getAsString();
    }

    static JsonObject json(HttpResponse<String> r) {
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    static JsonObject await(String jobId) throws Exception {
        for (int i = 0; i < 3000; i++) {
            JsonObject s = json(http.send(HttpRequest.newBuilder(server.uri().resolve("/api/jobs/" + jobId)).build(),
                    HttpResponse.BodyHandlers.ofString()));
            String state = s.get("state").getAsString();
            if (!state.equals("queued") && !state.equals("running")) return s;
            Thread.sleep(20);
        }
        throw new AssertionError("job " + jobId + " did not finish");
    }

    // ---- 1. decompression bombs ----

    @Test
    void aPaintedMaskClaimingAHugeSizeIsRefusedFromItsHeader() throws Exception {
        String bomb = "data:image/png;base64," + Base64.getEncoder().encodeToString(StudioFixtures.bomb(40_000, 40_000));
        long t0 = System.nanoTime();
        HttpResponse<String> r = postJson("{\"imageId\":\"h0\",\"mask\":\"" + bomb + "\",\"iterations\":2,\"restarts\":1}");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(400, r.statusCode(), r.body());
        String e = error(r);
        assertTrue(e.contains("40000 x 40000") && e.contains("28 x 28"), e);
        assertTrue(ms < 3000, "refused from the header, not after decoding 1.6 GB: " + ms + " ms");
        HttpError direct = assertThrows(HttpError.class, () -> MaskDecoder.painted(bomb, 28));
        assertEquals(400, direct.status);
    }

    @Test
    void anUploadClaimingAHugeSizeIsRefusedFromItsHeader() throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = post("/api/images", StudioFixtures.bomb(40_000, 40_000), "image/png", null);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(400, r.statusCode(), r.body());
        String e = error(r);
        assertTrue(e.contains("40000 x 40000") && e.contains("megapixels"), e);
        assertTrue(ms < 3000, ms + " ms");
        // Within the side limit but over the megapixel bound: refused before decoding as well.
        HttpError big = assertThrows(HttpError.class, () -> UploadDecoder.decode(StudioFixtures.bomb(8000, 8000), 28, 1, StudioFixtures.ampleBudget()));
        assertTrue(big.getMessage().contains("8000 x 8000"), big.getMessage());
    }

    // ---- 2. cross-site requests ----

    @Test
    void aForeignOriginCannotChangeAnything() throws Exception {
        byte[] json = "{\"imageId\":\"h0\",\"mask\":\"center\",\"iterations\":2,\"restarts\":1}".getBytes(StandardCharsets.UTF_8);
        for (String origin : new String[] {"http://evil.example", "null", "http://127.0.0.1:1", "https://127.0.0.1:" + server.port()}) {
            HttpResponse<String> r = post("/api/complete", json, "text/plain", origin);
            assertEquals(403, r.statusCode(), origin + ": " + r.body());
            assertTrue(error(r).contains("cross-origin"), r.body());
            assertEquals(403, post("/api/complete", json, "application/json", origin).statusCode(), origin);
            assertEquals(403, post("/api/images", StudioFixtures.picture(20, 20, "png"), "application/octet-stream", origin).statusCode());
            assertEquals(403, post("/api/jobs/j1/cancel", new byte[0], null, origin).statusCode());
        }
        // Reading is not changing: a GET with a foreign Origin is answered (the browser keeps the answer from that page).
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(server.uri().resolve("/api/model")).header("Origin", "http://evil.example")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, get.statusCode());
        assertFalse(get.headers().firstValue("Access-Control-Allow-Origin").isPresent());
    }

    @Test
    void jsonMustBeSentAsJsonAndUploadsAsBytes() throws Exception {
        byte[] json = "{\"imageId\":\"h0\",\"mask\":\"center\",\"iterations\":2,\"restarts\":1}".getBytes(StandardCharsets.UTF_8);
        for (String type : new String[] {"text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"}) {
            HttpResponse<String> r = post("/api/complete", json, type, null);
            assertEquals(415, r.statusCode(), type);
            assertTrue(error(r).contains("application/json"), r.body());
            assertEquals(415, post("/api/images", StudioFixtures.picture(20, 20, "png"), type, null).statusCode(), type);
            assertEquals(415, post("/api/jobs/j1/cancel", new byte[0], type, null).statusCode(), type);
        }
        assertEquals(415, post("/api/complete", json, null, null).statusCode());
        assertEquals(415, post("/api/images", StudioFixtures.picture(20, 20, "png"), null, null).statusCode());
    }

    @Test
    void theStudiosOwnPageStillWorks() throws Exception {
        // As studio.js sends them: JSON with its type, uploads as octet-stream, cancel with no body; Origin is our own.
        for (String origin : new String[] {own(), "http://localhost:" + server.port(), null}) {
            HttpResponse<String> up = post("/api/images", StudioFixtures.picture(30, 30, "png"), "application/octet-stream", origin);
            assertEquals(201, up.statusCode(), up.body());
            String image = json(up).get("id").getAsString();
            HttpResponse<String> job = post("/api/complete", ("{\"imageId\":\"" + image + "\",\"mask\":\"center\",\"iterations\":2,\"restarts\":1}")
                    .getBytes(StandardCharsets.UTF_8), "application/json; charset=utf-8", origin);
            assertEquals(202, job.statusCode(), job.body());
            String id = json(job).get("jobId").getAsString();
            assertEquals(200, post("/api/jobs/" + id + "/cancel", new byte[0], null, origin).statusCode());
        }
    }

    // ---- 3. stalled connections ----

    @Test
    void stalledConnectionsDoNotFreezeThePageAndAreDropped() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                Socket s = new Socket("127.0.0.1", server.port());
                String head = i % 2 == 0
                        ? "POST /api/complete HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"
                        : "POST /api/images HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nContent-Le"; // headers never finished
                s.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
                stalled.add(s);
            }
            Thread.sleep(300);
            long t0 = System.nanoTime();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(server.uri()).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(200, page.statusCode());
            assertTrue(ms < 2000, "the page answered in " + ms + " ms beside 8 stalled connections");

            // Each stalled client is dropped after the read deadline: the server closes its end.
            long limit = RequestDeadlines.READ_MILLIS + 4000;
            for (Socket s : stalled) {
                s.setSoTimeout((int) limit);
                long start = System.nanoTime();
                try {
                    int b = s.getInputStream().read();
                    assertEquals(-1, b, "no answer, just closed");
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("a stalled connection was still open after " + limit + " ms");
                } catch (IOException reset) {
                    // a reset is a drop too
                }
                assertTrue((System.nanoTime() - start) / 1_000_000 < limit);
            }
        } finally {
            for (Socket s : stalled) s.close();
        }
    }

    // ---- 4. wording and protocol ----

    @Test
    void wronglyTypedFieldsAreRefusedNamingTheField() throws Exception {
        Map<String, String> cases = Map.of(
                "\"weighted\":\"maybe\"", "weighted must be true or false",
                "\"weighted\":1", "weighted must be true or false",
                "\"iterations\":\"many\"", "iterations must be a whole number",
                "\"iterations\":2.5", "iterations must be a whole number",
                "\"restarts\":[2]", "restarts must be a whole number",
                "\"lambda\":\"0.1\"", "lambda must be a number",
                "\"blend\":true", "blend must be a string",
                "\"seed\":1e400", "seed must be a whole number");
        for (var c : cases.entrySet()) {
            HttpResponse<String> r = postJson("{\"imageId\":\"h0\",\"mask\":\"center\"," + c.getKey() + "}");
            assertEquals(400, r.statusCode(), c.getKey());
            assertTrue(error(r).startsWith(c.getValue()), c.getKey() + " -> " + r.body());
        }
        HttpResponse<String> list = postJson("[1,2]");
        assertEquals(400, list.statusCode());
        assertTrue(error(list).contains("JSON object"), list.body());
        HttpResponse<String> broken = postJson("{\"imageId\":");
        assertEquals(400, broken.statusCode());
        assertTrue(error(broken).contains("not valid JSON"), broken.body());
        HttpResponse<String> big = postJson("{\"imageId\":\"h0\",\"mask\":\"center\",\"iterations\":99999999999}");
        assertTrue(error(big).contains("iterations must be between 1 and"), big.body());
        HttpResponse<String> ok = postJson("{\"imageId\":\"h0\",\"mask\":\"center\",\"iterations\":2.0,\"restarts\":1,\"weighted\":false,\"lambda\":null}");
        assertEquals(202, ok.statusCode(), ok.body());
    }

    /** One raw HTTP/1.1 request; returns the whole answer (headers and body) as text. */
    static String raw(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void aBadContentLengthGetsAJsonError() throws Exception {
        String host = "127.0.0.1:" + server.port();
        String a = raw("POST /api/complete HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\nContent-Length: +2\r\n"
                + "Connection: close\r\n\r\n{}");
        assertTrue(a.startsWith("HTTP/1.1 400"), a);
        assertTrue(a.contains("application/json") && a.contains("bad Content-Length"), a);
        String q = raw("GET /api/jobs/j1?since=%C0%zz HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
        assertTrue(q.startsWith("HTTP/1.1 400"), q); // the JDK refuses a malformed URI before the studio sees it
    }

    @Test
    void headIsAnsweredLikeGetWithoutABody() throws Exception {
        String host = "127.0.0.1:" + server.port();
        String get = raw("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
        String head = raw("HEAD / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
        assertTrue(head.startsWith("HTTP/1.1 200"), head);
        int getBody = get.length() - get.indexOf("\r\n\r\n") - 4;
        assertTrue(head.endsWith("\r\n\r\n"), "no body: " + head);
        assertTrue(head.toLowerCase().contains("content-length: " + getBody), head);
        assertTrue(head.toLowerCase().contains("content-type: text/html"), head);
        assertTrue(raw("HEAD /api/model HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").startsWith("HTTP/1.1 200"));
        String wrong = raw("PUT /api/model HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertTrue(wrong.startsWith("HTTP/1.1 405") && wrong.toLowerCase().contains("allow: get, head"), wrong);
    }

    @Test
    void aCancelledJobSaysItWasCancelled() throws Exception {
        // Without HTTP: cancelled before its first step, there is no result, and that is what it says.
        JobSpec spec = new JobSpec(new ImageStore.StudioImage("u1", "grey", new float[28 * 28]), Masks.left(28),
                SearchSettings.defaults().withIterations(3), false, false, 1);
        StudioJob job = new StudioJob("j7", StudioFixtures.tinyGan(), spec);
        job.cancel();
        job.run();
        assertTrue(job.noResultMessage().contains("cancelled"), job.noResultMessage());
        assertTrue(String.valueOf(job.status(0).get("note")).contains("cancelled before its first step"));

        // Over HTTP: a long job stopped early; its status and its result say so.
        String id = json(postJson("{\"imageId\":\"h1\",\"mask\":\"center\",\"iterations\":5000,\"restarts\":1}")).get("jobId").getAsString();
        HttpResponse<String> c = post("/api/jobs/" + id + "/cancel", new byte[0], null, own());
        assertEquals(200, c.statusCode(), c.body());
        JsonObject s = await(id);
        assertEquals("cancelled", s.get("state").getAsString());
        assertTrue(s.get("note").getAsString().startsWith("cancelled"), s.toString());
        HttpResponse<String> result = http.send(HttpRequest.newBuilder(server.uri().resolve("/api/jobs/" + id + "/result.png")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (result.statusCode() != 200) {
            assertEquals(409, result.statusCode());
            assertTrue(error(result).contains("cancelled"), result.body());
        }
        // Cancelling a job that has ended changes nothing, and says so.
        JsonObject again = json(post("/api/jobs/" + id + "/cancel", new byte[0], null, null));
        assertFalse(again.get("cancelled").getAsBoolean());
        assertEquals("cancelled", again.get("state").getAsString());
    }
}
