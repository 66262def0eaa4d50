package org.semfill.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.semfill.completion.Masks;
import org.semfill.data.Pixels;

/** The studio's HTTP API on an ephemeral port, with a tiny untrained model. */
class StudioServerTest {
    static StudioServer server;
    static HttpClient http;

    @BeforeAll
    static void start() {
        server = StudioServer.start(StudioFixtures.tinyGan(), "tiny", StudioFixtures.garments(4), new StudioServer.Options(0, 4, 3));
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(server.uri().resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(server.uri().resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<String> post(String path, byte[] body, String type) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(server.uri().resolve(path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
        return post(path, json.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json");
    }

    static JsonObject json(HttpResponse<String> r) {
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    static BufferedImage dataUrlImage(String url) throws IOException {
        assertTrue(url.startsWith("data:image/png;base64,"), url);
        return StudioFixtures.decode(Base64.getDecoder().decode(url.substring("data:image/png;base64,".length())));
    }

    /** Polls a job until it leaves queued/running; the bound only keeps a broken build from hanging. */
    static JsonObject await(String jobId) throws Exception {
        for (int i = 0; i < 6000; i++) {
            JsonObject s = json(get("/api/jobs/" + jobId));
            String state = s.get("state").getAsString();
            if (!state.equals("queued") && !state.equals("running")) return s;
            Thread.sleep(20);
        }
        throw new AssertionError("job " + jobId + " did not finish");
    }

    @Test
    void servesThePageWithAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<title>semfill studio</title>"));
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
        assertEquals(200, get("/studio.js").statusCode());
        assertEquals(200, get("/studio.css").statusCode());
        assertEquals(404, get("/index.html.bak").statusCode());
    }

    @Test
    void thePageOffersTheApproachAndTheNumberOfFills() throws Exception {
        String page = get("/").body();
        assertTrue(page.contains("<select id=\"approach\">") && page.contains("<option value=\"adam\">") && page.contains("<option value=\"hmc\">"), page);
        assertTrue(page.contains("id=\"fills\"") && page.contains("id=\"fill-views\""), page);
        String js = get("/studio.js").body();
        assertTrue(js.contains("body.fills = ") && js.contains("result.png?fill="), "the page sends fills and downloads the chosen fill");
        JsonObject m = json(get("/api/model"));
        assertEquals(CompleteRequest.MAX_FILLS, m.get("maxFills").getAsInt());
        assertEquals(CompleteRequest.MIN_FILLS, m.get("minFills").getAsInt());
        assertEquals(CompleteRequest.MAX_HMC_ITERATIONS, m.get("maxHmcIterations").getAsInt());
        assertEquals(4, m.getAsJsonObject("defaults").get("fills").getAsInt());
        assertEquals("[\"adam\",\"hmc\"]", m.get("approaches").toString());
    }

    @Test
    void hmcRequestsAreCheckedFieldByField() throws Exception {
        String base = "{\"imageId\":\"h0\",\"mask\":\"center\",";
        String[][] cases = {
                {"\"approach\":\"sgd\"", "approach must be adam (search the best fill) or hmc (sample several fills), got sgd"},
                {"\"approach\":2", "approach must be a string"},
                {"\"approach\":\"HMC\"", "approach must be adam"},
                {"\"approach\":\"hmc\",\"fills\":1", "fills must be between 2 and 8, got 1"},
                {"\"approach\":\"hmc\",\"fills\":9", "fills must be between 2 and 8, got 9"},
                {"\"approach\":\"hmc\",\"fills\":-3", "fills must be between 2 and 8, got -3"},
                {"\"approach\":\"hmc\",\"fills\":\"four\"", "fills must be a whole number"},
                {"\"approach\":\"hmc\",\"fills\":2.5", "fills must be a whole number"},
                {"\"approach\":\"hmc\",\"fills\":[3]", "fills must be a whole number"},
                {"\"approach\":\"hmc\",\"fills\":99999999999", "fills must be between 2 and 8"},
                {"\"fills\":3", "fills is for approach hmc"},
                {"\"approach\":\"adam\",\"fills\":3", "fills is for approach hmc"},
                {"\"approach\":\"hmc\",\"restarts\":2", "restarts is for approach adam"},
                {"\"approach\":\"hmc\",\"iterations\":501", "with approach hmc, iterations must be between 1 and 500"},
                {"\"approach\":\"hmc\",\"iterations\":0", "with approach hmc, iterations must be between 1 and 500"}};
        for (String[] c : cases) {
            HttpResponse<String> r = postJson("/api/complete", base + c[0] + "}");
            assertEquals(400, r.statusCode(), c[0] + " -> " + r.body());
            assertTrue(json(r).get("error").getAsString().startsWith(c[1]), c[0] + " -> " + r.body());
            assertEquals(1, json(r).get("error").getAsString().lines().count(), r.body());
        }
        HttpResponse<String> ok = postJson("/api/complete", base + "\"approach\":\"hmc\",\"fills\":2,\"iterations\":1}");
        assertEquals(202, ok.statusCode(), ok.body());
        JsonObject s = await(json(ok).get("jobId").getAsString());
        assertEquals("done", s.get("state").getAsString(), s.toString());
        HttpResponse<String> defaults = postJson("/api/complete", base + "\"approach\":\"hmc\",\"iterations\":1}");
        assertEquals(202, defaults.statusCode(), defaults.body());
        JsonObject d = await(json(defaults).get("jobId").getAsString());
        assertEquals(CompleteRequest.DEFAULT_FILLS, d.getAsJsonArray("fills").size(), "fills defaults to " + CompleteRequest.DEFAULT_FILLS);
        assertEquals(202, postJson("/api/complete", base + "\"approach\":\"adam\",\"iterations\":1,\"restarts\":1}").statusCode());
    }

    @Test
    void anHmcJobShowsItsChainsThenOffersItsFillsForDownload() throws Exception {
        String request = "{\"imageId\":\"h1\",\"mask\":\"center\",\"approach\":\"hmc\",\"fills\":3,\"iterations\":4,\"seed\":5}";
        String id = json(postJson("/api/complete", request)).get("jobId").getAsString();
        JsonObject s = await(id);
        assertEquals("done", s.get("state").getAsString(), s.toString());
        assertEquals("hmc", s.get("approach").getAsString());
        assertEquals(3, s.get("chains").getAsInt());
        assertEquals(4, s.get("iteration").getAsInt());
        assertEquals(3, s.getAsJsonArray("generated").size(), "every chain's G(z)");
        assertEquals(3, s.getAsJsonArray("loss").size());
        assertEquals(4, s.getAsJsonArray("loss").get(2).getAsJsonArray().size());
        float acceptance = s.get("acceptance").getAsFloat();
        assertTrue(acceptance >= 0 && acceptance <= 1, s.toString());
        assertFalse(s.has("blended"), "the user chooses the result among the fills");
        JsonArray fills = s.getAsJsonArray("fills");
        assertEquals(3, fills.size());
        assertEquals(3, s.getAsJsonArray("fillLoss").size());

        float[] original = Pixels.fromImage(dataUrlImage(json(get("/api/heldout")).getAsJsonArray("images").get(1)
                .getAsJsonObject().get("png").getAsString()), 1);
        var mask = Masks.center(28);
        for (int fill = 1; fill <= 3; fill++) {
            HttpResponse<byte[]> png = getBytes("/api/jobs/" + id + "/result.png?fill=" + fill);
            assertEquals(200, png.statusCode());
            assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));
            assertTrue(png.headers().firstValue("Content-Disposition").orElse("").contains("semfill-" + id + "-fill" + fill + ".png"));
            assertEquals(fills.get(fill - 1).getAsString(), "data:image/png;base64," + Base64.getEncoder().encodeToString(png.body()));
            float[] got = Pixels.fromImage(StudioFixtures.decode(png.body()), 1);
            for (int i = 0; i < got.length; i++)
                if (mask.isKnown(i)) assertEquals(original[i], got[i], 1e-6, "fill " + fill + ": known pixel " + i + " must stay as it was");
        }
        for (String[] bad : new String[][] {{"", "choose one with ?fill=1 .. ?fill=3"}, {"?fill=0", "fill must be between 1 and 3"},
                {"?fill=4", "fill must be between 1 and 3"}, {"?fill=two", "fill must be a whole number"}, {"?fill=-1", "fill must be a whole number"},
                {"?fill=99999999999", "fill must be a whole number"}}) {
            HttpResponse<String> r = get("/api/jobs/" + id + "/result.png" + bad[0]);
            assertEquals(400, r.statusCode(), bad[0]);
            assertTrue(json(r).get("error").getAsString().contains(bad[1]), bad[0] + " -> " + r.body());
        }

        JsonObject same = await(json(postJson("/api/complete", request)).get("jobId").getAsString());
        assertEquals(fills, same.getAsJsonArray("fills"), "the same seed gives the same fills");

        String adam = json(postJson("/api/complete", "{\"imageId\":\"h1\",\"mask\":\"center\",\"iterations\":2,\"restarts\":1}"))
                .get("jobId").getAsString();
        await(adam);
        HttpResponse<String> r = get("/api/jobs/" + adam + "/result.png?fill=1");
        assertEquals(400, r.statusCode());
        assertTrue(json(r).get("error").getAsString().contains("searched with Adam"), r.body());
        assertEquals("adam", json(get("/api/jobs/" + adam)).get("approach").getAsString());
    }

    @Test
    void describesTheModel() throws Exception {
        JsonObject m = json(get("/api/model"));
        assertEquals(28, m.get("size").getAsInt());
        assertEquals(1, m.get("channels").getAsInt());
        assertEquals("tiny", m.get("model").getAsString());
        assertEquals(CompleteRequest.MAX_ITERATIONS, m.get("maxIterations").getAsInt());
        assertFalse(m.get("maskTypes").toString().contains("full"), "a mask without a hole is no button");
    }

    @Test
    void offersHeldOutImagesAtTheModelsSize() throws Exception {
        JsonObject h = json(get("/api/heldout"));
        JsonArray images = h.getAsJsonArray("images");
        assertEquals(4, images.size(), h.get("note").getAsString());
        BufferedImage first = dataUrlImage(images.get(0).getAsJsonObject().get("png").getAsString());
        assertEquals(28, first.getWidth());
        assertEquals(28, first.getHeight());
        assertEquals("h0", images.get(0).getAsJsonObject().get("id").getAsString());
    }

    @Test
    void acceptsAPngUploadAndShowsItAtTheModelsSize() throws Exception {
        HttpResponse<String> r = post("/api/images", StudioFixtures.picture(90, 60, "png"), "image/png");
        assertEquals(201, r.statusCode(), r.body());
        JsonObject u = json(r);
        assertTrue(u.get("id").getAsString().matches("u[0-9]+"));
        BufferedImage img = dataUrlImage(u.get("png").getAsString());
        assertEquals(28, img.getWidth());
        assertTrue(u.get("note").getAsString().contains("90 x 60"), u.get("note").getAsString());
    }

    @Test
    void acceptsAJpegUpload() throws Exception {
        HttpResponse<String> r = post("/api/images", StudioFixtures.picture(40, 40, "jpg"), "image/jpeg");
        assertEquals(201, r.statusCode(), r.body());
        assertTrue(json(r).get("note").getAsString().startsWith("JPEG"));
    }

    @Test
    void refusesAnUploadThatIsNotAnImage() throws Exception {
        HttpResponse<String> r = post("/api/images", "this is not a picture".getBytes(), "image/png");
        assertEquals(400, r.statusCode());
        String error = json(r).get("error").getAsString();
        assertTrue(error.startsWith("the upload is not an image") && error.endsWith("choose a PNG or JPEG file"), error);
        assertFalse(error.contains("decode") || error.contains("convert it"), "words meant for files on disk: " + error);
        HttpResponse<String> empty = post("/api/images", new byte[0], "image/png");
        assertEquals(400, empty.statusCode());
        assertTrue(json(empty).get("error").getAsString().contains("empty"), empty.body());
    }

    @Test
    void refusesAnUploadLargerThanTheLimitWith413() throws Exception {
        byte[] huge = new byte[StudioServer.MAX_UPLOAD_BYTES + 1];
        HttpResponse<String> r = post("/api/images", huge, "image/png");
        assertEquals(413, r.statusCode());
        assertTrue(json(r).get("error").getAsString().contains("too large"), r.body());
    }

    @Test
    void refusesAnImageThatClaimsTooManyPixels() throws Exception {
        byte[] wide = StudioFixtures.picture(UploadDecoder.MAX_SIDE + 1, 1, "png"); // a few kB of PNG
        HttpResponse<String> r = post("/api/images", wide, "image/png");
        assertEquals(400, r.statusCode());
        assertTrue(json(r).get("error").getAsString().contains("at most"), r.body());
    }

    @Test
    void refusesPathsThatTryToLeaveTheSite() throws Exception {
        String host = "127.0.0.1:" + server.port();
        for (String path : new String[] {"/../pom.xml", "/api/../../pom.xml", "/%2e%2e/pom.xml", "/api/jobs/..%2F..%2Fpom.xml",
                "/studio.js/../../../etc/passwd", "/api/masks/..\\..\\pom.xml", "//etc/passwd", "/api/images/../heldout"}) {
            String[] r = StudioFixtures.raw(server.port(), "GET", path, host);
            assertTrue(r[0].equals("400") || r[0].equals("404"), path + " answered " + r[0]);
            assertFalse(r[1].contains("<project") || r[1].contains("root:"), path);
        }
        assertEquals(400, get("/api/jobs/x1").statusCode());
        assertEquals(400, get("/api/masks/pom.xml").statusCode());
    }

    @Test
    void answersOnlyRequestsAddressedToTheLoopback() throws Exception {
        String[] evil = StudioFixtures.raw(server.port(), "GET", "/api/model", "studio.example.com:" + server.port());
        assertEquals("403", evil[0]);
        String[] ok = StudioFixtures.raw(server.port(), "GET", "/api/model", "localhost:" + server.port());
        assertEquals("200", ok[0]);
    }

    @Test
    void refusesTheWrongMethod() throws Exception {
        assertEquals(405, get("/api/complete").statusCode());
        assertEquals(405, postJson("/api/model", "{}").statusCode());
    }

    @Test
    void givesPresetMasksAndRefusesFileNames() throws Exception {
        JsonObject m = json(get("/api/masks/center"));
        int holes = 0;
        for (var v : m.getAsJsonArray("known")) if (v.getAsInt() == 0) holes++;
        assertEquals(Masks.center(28).holeCount(), holes);
        HttpResponse<String> bad = get("/api/masks/mask.png");
        assertEquals(400, bad.statusCode());
        assertTrue(json(bad).get("error").getAsString().contains("unknown mask type"));
        assertEquals(400, get("/api/masks/random:7").statusCode(), "a missing fraction above 1");
        assertEquals(1, m.get("block").getAsInt(), "a pixel mask");
    }

    @Test
    void lowresIsOfferedAsBlockMeansAndCompletesByName() throws Exception {
        JsonObject m = json(get("/api/masks/lowres"));
        int block = m.get("block").getAsInt();
        assertEquals(Masks.parse("lowres", 28, new org.semfill.internal.Rng(1)).block(), block);
        assertTrue(block > 1);
        for (var v : m.getAsJsonArray("known")) assertEquals(0, v.getAsInt(), "no pixel is known on its own");
        String id = json(postJson("/api/complete", "{\"imageId\":\"h0\",\"mask\":\"lowres\",\"iterations\":2,\"restarts\":1}"))
                .get("jobId").getAsString();
        assertEquals("done", await(id).get("state").getAsString());
        assertEquals(200, get("/api/jobs/" + id + "/result.png").statusCode());
    }

    @Test
    void refusesBadCompletionRequests() throws Exception {
        assertEquals(400, postJson("/api/complete", "{not json").statusCode());
        assertEquals(400, postJson("/api/complete", "{\"mask\":\"center\"}").statusCode());
        assertEquals(400, postJson("/api/complete", "{\"imageId\":\"../h0\",\"mask\":\"center\"}").statusCode());
        assertEquals(404, postJson("/api/complete", "{\"imageId\":\"h999\",\"mask\":\"center\"}").statusCode());
        assertEquals(400, postJson("/api/complete", "{\"imageId\":\"h0\",\"mask\":\"center\",\"iterations\":5001}").statusCode());
        assertEquals(400, postJson("/api/complete", "{\"imageId\":\"h0\",\"mask\":\"center\",\"restarts\":9}").statusCode());
        assertEquals(400, postJson("/api/complete", "{\"imageId\":\"h0\",\"mask\":\"center\",\"blend\":\"smear\"}").statusCode());
        assertEquals(400, postJson("/api/complete", "{\"imageId\":\"h0\",\"mask\":\"/etc/passwd\"}").statusCode());
        HttpResponse<String> noHole = postJson("/api/complete", "{\"imageId\":\"h0\",\"mask\":\"full\"}");
        assertEquals(400, noHole.statusCode());
        assertTrue(json(noHole).get("error").getAsString().contains("no hole"));
        assertEquals(404, get("/api/jobs/j99999").statusCode());
    }

    @Test
    void aShortJobCompletesAndItsResultKeepsTheKnownPixels() throws Exception {
        HttpResponse<String> r = postJson("/api/complete",
                "{\"imageId\":\"h1\",\"mask\":\"center\",\"iterations\":6,\"restarts\":2,\"lambda\":0.1,\"blend\":\"poisson\"}");
        assertEquals(202, r.statusCode(), r.body());
        String id = json(r).get("jobId").getAsString();
        JsonObject s = await(id);
        assertEquals("done", s.get("state").getAsString(), s.toString());
        assertEquals(6, s.get("iteration").getAsInt());
        assertEquals(6, s.get("frameIteration").getAsInt(), "the last frame shows the last step");
        assertEquals(2, s.getAsJsonArray("generated").size());
        assertEquals(2, s.getAsJsonArray("loss").size());
        assertEquals(6, s.getAsJsonArray("loss").get(0).getAsJsonArray().size());
        int best = s.get("best").getAsInt();
        assertTrue(best == 0 || best == 1);
        assertEquals(28, dataUrlImage(s.getAsJsonArray("generated").get(1).getAsString()).getWidth());

        HttpResponse<byte[]> png = getBytes("/api/jobs/" + id + "/result.png");
        assertEquals(200, png.statusCode());
        assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));
        BufferedImage result = StudioFixtures.decode(png.body());
        assertEquals(28, result.getWidth());
        float[] got = Pixels.fromImage(result, 1);
        float[] original = Pixels.fromImage(dataUrlImage(json(get("/api/heldout")).getAsJsonArray("images").get(1)
                .getAsJsonObject().get("png").getAsString()), 1);
        var mask = Masks.center(28);
        for (int i = 0; i < got.length; i++)
            if (mask.isKnown(i)) assertEquals(original[i], got[i], 1e-6, "known pixel " + i + " must stay as it was");
    }

    @Test
    void theLossHistoryCanBeFetchedFromAStep() throws Exception {
        String id = json(postJson("/api/complete", "{\"imageId\":\"h2\",\"mask\":\"left\",\"iterations\":5,\"restarts\":1}"))
                .get("jobId").getAsString();
        JsonObject all = await(id);
        JsonObject tail = json(get("/api/jobs/" + id + "?since=3"));
        assertEquals(3, tail.get("lossFrom").getAsInt());
        JsonArray allLoss = all.getAsJsonArray("loss").get(0).getAsJsonArray(), tailLoss = tail.getAsJsonArray("loss").get(0).getAsJsonArray();
        assertEquals(2, tailLoss.size());
        assertEquals(allLoss.get(3).getAsFloat(), tailLoss.get(0).getAsFloat());
        assertEquals(400, get("/api/jobs/" + id + "?since=two").statusCode());
    }

    @Test
    void aPaintedMaskIsUsedAsPainted() throws Exception {
        float[] known = new float[28 * 28];
        java.util.Arrays.fill(known, 1f);
        for (int y = 10; y < 14; y++) for (int x = 3; x < 25; x++) known[y * 28 + x] = 0f; // a horizontal stroke
        float[] chw = new float[known.length];
        for (int i = 0; i < known.length; i++) chw[i] = known[i] * 2 - 1;
        String maskUrl = Png.dataUrl(chw, 1, 28, 28);
        String id = json(postJson("/api/complete", "{\"imageId\":\"h3\",\"mask\":\"" + maskUrl + "\",\"iterations\":3,\"restarts\":1}"))
                .get("jobId").getAsString();
        JsonObject s = await(id);
        assertEquals("painted", s.get("mask").getAsString());
        assertEquals("done", s.get("state").getAsString());
        HttpResponse<String> wrongSize = postJson("/api/complete",
                "{\"imageId\":\"h3\",\"mask\":\"" + Png.dataUrl(new float[16 * 16], 1, 16, 16) + "\"}");
        assertEquals(400, wrongSize.statusCode());
        assertTrue(json(wrongSize).get("error").getAsString().contains("28 x 28"));
    }

    static HttpResponse<String> postJob(String json, String session) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve("/api/complete")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (session != null) b.header(StudioHandler.SESSION_HEADER, session);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static final String LONG_JOB = "{\"imageId\":\"h0\",\"mask\":\"center\",\"iterations\":5000,\"restarts\":1}";

    @Test
    void aNewJobFromTheSamePageSupersedesItsEarlierOne() throws Exception {
        String first = json(postJob(LONG_JOB, "page-one-1234")).get("jobId").getAsString();
        String second = json(postJob("{\"imageId\":\"h0\",\"mask\":\"center\",\"iterations\":2,\"restarts\":1}", "page-one-1234"))
                .get("jobId").getAsString();
        assertNotEquals(first, second);
        assertEquals("done", await(second).get("state").getAsString());
        JsonObject s = await(first);
        assertEquals("cancelled", s.get("state").getAsString());
        assertTrue(s.get("iteration").getAsInt() < 5000);
        assertEquals(second, s.get("supersededBy").getAsString());
        assertTrue(s.get("note").getAsString().startsWith("superseded by job " + second), s.toString());
    }

    @Test
    void otherPagesJobsWaitTheirTurnAndPastTheQueueAreRefusedWith429() throws Exception {
        java.util.List<String> ids = new java.util.ArrayList<>();
        try {
            for (int i = 0; i <= JobRunner.WAITING; i++) { // one runs, WAITING wait: none cancels another
                HttpResponse<String> r = postJob(LONG_JOB, i % 2 == 0 ? "other-page-" + i : null);
                assertEquals(202, r.statusCode(), r.body());
                ids.add(json(r).get("jobId").getAsString());
            }
            HttpResponse<String> refused = postJob(LONG_JOB, "yet-another-page");
            assertEquals(429, refused.statusCode(), refused.body());
            assertEquals(String.valueOf(JobRunner.RETRY_SECONDS), refused.headers().firstValue("Retry-After").orElse(""));
            assertTrue(json(refused).get("error").getAsString().contains("busy"), refused.body());
            for (String id : ids) {
                String state = json(get("/api/jobs/" + id)).get("state").getAsString();
                assertTrue(state.equals("running") || state.equals("queued"), id + " " + state);
            }
            // A page with a job in the queue may still replace it: its own job makes room.
            HttpResponse<String> replaced = postJob(LONG_JOB, "other-page-0");
            assertEquals(202, replaced.statusCode(), replaced.body());
            ids.add(json(replaced).get("jobId").getAsString());
            assertEquals(ids.get(ids.size() - 1), json(get("/api/jobs/" + ids.get(0))).get("supersededBy").getAsString());
        } finally {
            for (String id : ids) postJson("/api/jobs/" + id + "/cancel", "");
            for (String id : ids) await(id);
        }
    }

    @Test
    void aJobCanBeStopped() throws Exception {
        String id = json(postJson("/api/complete", "{\"imageId\":\"h0\",\"mask\":\"center\",\"iterations\":5000,\"restarts\":1}"))
                .get("jobId").getAsString();
        assertEquals(200, postJson("/api/jobs/" + id + "/cancel", "").statusCode());
        JsonObject s = await(id);
        assertEquals("cancelled", s.get("state").getAsString());
    }
}
