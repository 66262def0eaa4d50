package org.semfill.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** No request, however formed, ends the studio: over-long addresses, and handlers that throw Errors. */
class StudioSurvivalTest {
    static StudioServer server;

    @BeforeAll
    static void start() {
        server = StudioServer.start(StudioFixtures.tinyGan(), "tiny", StudioFixtures.garments(1), new StudioServer.Options(0, 1, 5));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String host() {
        return "127.0.0.1:" + server.port();
    }

    static String error(String body) {
        return JsonParser.parseString(body).getAsJsonObject().get("error").getAsString();
    }

    @Test
    void aLongPathIsRefusedAndTheStudioGoesOn() throws Exception {
        for (int segments : new int[] {300, 2000, 20_000}) {
            String[] r = StudioFixtures.raw(server.port(), "GET", "/a".repeat(segments), host());
            assertEquals("414", r[0], segments + " segments: " + r[1]);
            assertTrue(error(r[1]).contains("too long"), r[1]);
        }
        String[] q = StudioFixtures.raw(server.port(), "GET", "/api/model?" + "x=1&".repeat(500), host());
        assertEquals("414", q[0], q[1]);
        String[] api = StudioFixtures.raw(server.port(), "GET", "/api" + "/jobs".repeat(200), host());
        assertEquals("414", api[0], api[1]);
        assertEquals("200", StudioFixtures.raw(server.port(), "GET", "/api/model", host())[0]);
        assertEquals("404", StudioFixtures.raw(server.port(), "GET", "/a".repeat(100), host())[0]); // short enough: an ordinary 404
    }

    @Test
    void safePathsAreCheckedWithoutRecursion() {
        assertTrue(StudioHandler.safePath("/"));
        assertTrue(StudioHandler.safePath("/api/jobs/j1/"));
        assertTrue(StudioHandler.safePath("/studio.js"));
        assertFalse(StudioHandler.safePath(""));
        assertFalse(StudioHandler.safePath("//api"));
        assertFalse(StudioHandler.safePath("/api//model"));
        assertFalse(StudioHandler.safePath("/a%2e"));
        assertFalse(StudioHandler.safePath("api"));
        assertTrue(StudioHandler.safePath("/a".repeat(1_000_000))); // the check itself never overflows
    }

    private static int depth(int n) {
        return n == Integer.MAX_VALUE ? n : depth(n + 1) + 1;
    }

    @Test
    void aHandlerThatThrowsAnErrorAnswers500AndTheServerGoesOn() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        RequestDeadlines pool = new RequestDeadlines();
        http.createContext("/", new GuardedHandler(ex -> {
            switch (ex.getRequestURI().getPath()) {
                case "/overflow" -> depth(0); // a real stack overflow
                case "/oom" -> throw new OutOfMemoryError("Java heap space"); // as a full heap throws it
                case "/oom-array" -> Exchanges.json(ex, 200, new long[Integer.MAX_VALUE - 2].length); // a real one, without filling the heap
                case "/runtime" -> throw new IllegalStateException("a bug");
                default -> Exchanges.json(ex, 200, java.util.Map.of("ok", true));
            }
        }));
        http.setExecutor(pool);
        http.start();
        try {
            int port = http.getAddress().getPort();
            String h = "127.0.0.1:" + port;
            for (String path : new String[] {"/overflow", "/oom", "/oom-array", "/runtime", "/overflow", "/oom"}) {
                String[] r = StudioFixtures.raw(port, "GET", path, h);
                assertEquals("500", r[0], path + ": " + r[1]);
                String e = error(r[1]);
                assertTrue(e.startsWith("internal error") && e.contains("goes on serving"), e);
                if (path.startsWith("/overflow")) assertTrue(e.contains("stack overflow"), e);
                if (path.startsWith("/oom")) assertTrue(e.contains("out of memory"), e);
                assertEquals("200", StudioFixtures.raw(port, "GET", "/fine", h)[0], "after " + path);
            }
        } finally {
            http.stop(0);
            pool.shutdown(2000);
        }
    }
}
