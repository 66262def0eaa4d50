package org.semfill.studio;

/**
 * A request the studio refuses, with the HTTP status to answer and one line for the page to show
 * (400 bad input, 404 no such thing, 405 wrong method, 409 not ready yet, 413 too large, 414 address too long,
 * 429 too many jobs waiting, 503 not enough memory free right now).
 */
final class HttpError extends RuntimeException {
    final int status;
    /** Seconds for a Retry-After header (429, 503), or 0 for none. */
    final int retryAfter;

    HttpError(int status, String message) {
        this(status, message, 0);
    }

    HttpError(int status, String message, int retryAfterSeconds) {
        super(message);
        this.status = status;
        this.retryAfter = retryAfterSeconds;
    }

    static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }

    static HttpError notFound(String message) {
        return new HttpError(404, message);
    }
}
