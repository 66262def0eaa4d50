package org.semfill.studio;

import com.google.gson.JsonParseException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/**
 * The studio's one guarantee about requests: none, however formed, ends the server. Every request goes through
 * here: a refusal ({@link HttpError}) answers its status, anything else thrown by the route, {@link Error}s
 * included (a stack overflow, out of memory), answers 500 with a JSON message and the server goes on serving.
 * The thrown object is dropped with the request, so the memory a failed request took is free again.
 */
final class GuardedHandler implements HttpHandler {
    /** What a request does once it is known to be well formed enough to route. */
    interface Route {
        void serve(HttpExchange ex) throws IOException;
    }

    private final Route route;

    GuardedHandler(Route route) {
        this.route = route;
    }

    @Override
    public void handle(HttpExchange ex) {
        try {
            try {
                route.serve(ex);
            } catch (HttpError e) {
                if (e.retryAfter > 0) ex.getResponseHeaders().set("Retry-After", Integer.toString(e.retryAfter));
                answer(ex, e.status, e.getMessage());
            } catch (JsonParseException e) {
                answer(ex, 400, "the request is not the JSON the studio expects");
            } catch (java.io.IOException gone) { // the connection failed (client left, deadline passed): no one to answer
            } catch (Throwable t) { // an Error too: one request's failure must not take the server down with it
                String what = t instanceof StackOverflowError ? "stack overflow"
                        : t instanceof OutOfMemoryError ? "out of memory (the studio may use " + (Runtime.getRuntime().maxMemory() >> 20)
                                + " MB; give it more with JAVA_OPTS=-Xmx...)" : String.valueOf(t);
                log("semfill studio: internal error on " + target(ex) + ": " + what);
                answer(ex, 500, "internal error: " + what + "; the studio goes on serving");
            }
        } finally {
            RequestDeadlines.finishing(); // closing drains an unread body: a stalled client must not hold the thread
            try {
                ex.close();
            } catch (Throwable ignored) { // the client went away; nothing more to tell it
            }
        }
    }

    /** The answer to a failed request; if even that fails (the client left, the heap is still full), the connection is closed. */
    private static void answer(HttpExchange ex, int status, String message) {
        try {
            Exchanges.error(ex, status, message);
        } catch (Throwable ignored) { // headers may already be sent, or the client gone
        }
    }

    /** The request's path, cut short: a hostile one may be megabytes long. */
    private static String target(HttpExchange ex) {
        try {
            String p = ex.getRequestURI().getRawPath();
            return p == null ? "?" : p.length() <= 80 ? p : p.substring(0, 80) + "... (" + p.length() + " characters)";
        } catch (Throwable t) {
            return "?";
        }
    }

    private static void log(String line) {
        try {
            System.err.println(line);
        } catch (Throwable ignored) { // logging must not be what fails the request
        }
    }
}
