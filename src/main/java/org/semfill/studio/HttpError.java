package org.semfill.studio;

/**
 * A request the studio refuses, with the HTTP status to answer and one line for the page to show
 * (400 bad input, 404 no such thing, 405 wrong method, 413 too large, 409 not ready yet).
 */
final class HttpError extends RuntimeException {
    final int status;

    HttpError(int status, String message) {
        super(message);
        this.status = status;
    }

    static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }

    static HttpError notFound(String message) {
        return new HttpError(404, message);
    }
}
