package org.semfill.studio;

import java.util.concurrent.TimeUnit;

/**
 * The heap that decoding uploads may take, shared by all the requests of one studio: a semaphore counted in
 * bytes. Each decode asks for the bytes it will allocate (worked out from the image's header before any pixel is
 * decoded) and gets them, waits a little for others to give theirs back, or is refused with 503; so parallel
 * uploads can never together take more heap than the JVM has to spare, and the studio never dies of one.
 *
 * <p>The capacity is what the JVM may still use when the studio starts (Runtime's maxMemory minus what is used,
 * with the model and its examples loaded) less a margin for the searches, the page's requests and the collector.
 */
final class DecodeBudget {
    /** The margin left free for everything else: a quarter of the heap, at least this. */
    static final long MIN_MARGIN = 64L << 20;
    /** How long a decode waits for others to finish before it is refused. */
    static final long WAIT_MILLIS = 5_000;
    /** What the 503 answer suggests: try again after this many seconds. */
    static final int RETRY_SECONDS = 5;

    private final long capacity;
    private final long waitMillis;
    private long inUse; // guarded by this

    DecodeBudget(long capacity, long waitMillis) {
        this.capacity = Math.max(0, capacity);
        this.waitMillis = waitMillis;
    }

    /** The budget of this JVM's heap as it is now (call it once the model is loaded). */
    static DecodeBudget ofThisHeap() {
        Runtime rt = Runtime.getRuntime();
        long max = rt.maxMemory(), used = rt.totalMemory() - rt.freeMemory();
        return new DecodeBudget(max - used - Math.max(MIN_MARGIN, max / 4), WAIT_MILLIS);
    }

    long capacity() {
        return capacity;
    }

    /** Bytes given out and not yet returned. */
    synchronized long inUse() {
        return inUse;
    }

    /** Bytes held by one decode; closing gives them back. */
    final class Lease implements AutoCloseable {
        private long bytes;

        private Lease(long bytes) {
            this.bytes = bytes;
        }

        @Override
        public void close() {
            synchronized (DecodeBudget.this) {
                inUse -= bytes;
                bytes = 0;
                DecodeBudget.this.notifyAll();
            }
        }
    }

    /**
     * Takes {@code bytes} of the budget for {@code what}, waiting up to the budget's wait for others to give theirs back.
     *
     * @throws HttpError 503 (with Retry-After) if they do not fit in time, or can never fit
     */
    Lease admit(long bytes, String what) {
        if (bytes > capacity)
            throw new HttpError(503, String.format("decoding %s needs about %s of memory; the studio can spare %s for decoding "
                    + "(Java may use %s): shrink the image, or start the studio with more memory (JAVA_OPTS=-Xmx2g ./semfill studio ...)",
                    what, mb(bytes), mb(capacity), mb(Runtime.getRuntime().maxMemory())), 0);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        synchronized (this) {
            try {
                while (inUse + bytes > capacity) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0)
                        throw new HttpError(503, String.format("the studio is busy decoding other uploads (%s of its %s for decoding "
                                + "in use, %s needs %s): try again in a few seconds", mb(inUse), mb(capacity), what, mb(bytes)), RETRY_SECONDS);
                    wait(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HttpError(503, "the studio is stopping, or the upload took too long: try again", RETRY_SECONDS);
            }
            inUse += bytes;
            return new Lease(bytes);
        }
    }

    private static String mb(long bytes) {
        return bytes == Long.MAX_VALUE ? "no set limit" : String.format("%,d MB", (bytes + (1 << 20) - 1) >> 20);
    }
}
