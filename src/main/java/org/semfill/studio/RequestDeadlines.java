package org.semfill.studio;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The studio's HTTP threads, with a deadline on the parts of a request a client controls: a slow or stalled
 * client is dropped instead of holding a thread.
 *
 * <p>The JDK's {@code HttpServer} reads a request's line and headers, and the handler reads its body, on the
 * executor's thread with blocking reads and no timeout: four connections that sent headers with a
 * Content-Length and then nothing used to hold all four threads, and the page got no answer. Here every task
 * starts with a deadline ({@link #READ_MILLIS} for the request line, headers and body); the handler lifts it
 * once the body is read ({@link #processing}) and sets another while it writes the answer ({@link #writing}).
 * A watchdog interrupts a thread whose deadline has passed; the socket channel the JDK reads from is
 * interruptible, so the blocked read fails and the JDK closes the connection. (The JDK's own
 * {@code sun.net.httpserver.maxReqTime} is read once per JVM, when the first server is made, so it cannot be
 * relied on from here.)
 */
final class RequestDeadlines implements Executor {
    /** A client must send its request line, headers and body within this. */
    static final long READ_MILLIS = 5_000;
    /** A client must take the answer within this. */
    static final long WRITE_MILLIS = 30_000;
    /** HTTP threads: enough that a few slow clients (each dropped after {@link #READ_MILLIS}) leave the page served. */
    static final int THREADS = 32;

    private static final ThreadLocal<Task> CURRENT = new ThreadLocal<>();

    private final ExecutorService pool;
    private final ScheduledExecutorService watchdog;
    private final Set<Task> running = ConcurrentHashMap.newKeySet();

    RequestDeadlines() {
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(THREADS, r -> daemon(r, "semfill-studio-http-" + n.incrementAndGet()));
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "semfill-studio-watchdog"));
        watchdog.scheduleWithFixedDelay(this::check, 100, 100, TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void execute(Runnable command) {
        pool.execute(new Task(command));
    }

    /** Called by the handler once the request's body is read: working on it has no deadline. */
    static void processing() {
        Task t = CURRENT.get();
        if (t != null) t.setDeadline(Long.MAX_VALUE);
    }

    /** Called by the handler before it writes the answer. */
    static void writing() {
        Task t = CURRENT.get();
        if (t != null) t.setDeadline(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WRITE_MILLIS));
    }

    /** Called by the handler before it closes the exchange, which reads what is left of an unread body. */
    static void finishing() {
        Task t = CURRENT.get();
        if (t != null) t.setDeadline(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READ_MILLIS));
    }

    private void check() {
        long now = System.nanoTime();
        for (Task t : running) t.interruptIfLate(now);
    }

    void shutdown(long timeoutMillis) {
        watchdog.shutdownNow();
        pool.shutdownNow();
        try {
            pool.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Task implements Runnable {
        private final Runnable work;
        private Thread thread; // guarded by this
        private long deadline; // System.nanoTime(); guarded by this

        Task(Runnable work) {
            this.work = work;
        }

        synchronized void setDeadline(long nanos) {
            deadline = nanos;
        }

        /** Interrupts the thread only while it still runs this task, so a late interrupt never hits the next one. */
        synchronized void interruptIfLate(long now) {
            if (thread != null && deadline != Long.MAX_VALUE && now - deadline > 0) {
                deadline = Long.MAX_VALUE;
                thread.interrupt();
            }
        }

        @Override
        public void run() {
            synchronized (this) {
                thread = Thread.currentThread();
                deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READ_MILLIS);
            }
            CURRENT.set(this);
            running.add(this);
            try {
                work.run();
            } catch (Throwable t) { // outside the handler (the JDK parsing a request): the thread, and the server, go on
                try {
                    System.err.println("semfill studio: a request failed before it reached the studio: " + t);
                } catch (Throwable ignored) { // nothing left to report with
                }
            } finally {
                running.remove(this);
                CURRENT.remove();
                synchronized (this) {
                    thread = null;
                }
                Thread.interrupted(); // a deadline that passed as the task ended
            }
        }
    }
}
