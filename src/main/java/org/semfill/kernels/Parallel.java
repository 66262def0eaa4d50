package org.semfill.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The one thread pool of the process, sized by {@code --threads}. Work is split into a fixed number of
 * contiguous slices that depends only on the thread count, never on timing, so results are the same
 * from run to run with the same number of threads.
 */
public final class Parallel {
    private static volatile int threads = Runtime.getRuntime().availableProcessors();
    private static ExecutorService pool;

    private Parallel() {}

    public static int threads() {
        return threads;
    }

    /** Sets the number of threads (from --threads); 1 runs everything on the caller. */
    public static synchronized void setThreads(int n) {
        if (n < 1) throw new IllegalArgumentException("threads must be at least 1, got " + n);
        if (n != threads && pool != null) {
            pool.shutdown();
            pool = null;
        }
        threads = n;
    }

    private static synchronized ExecutorService pool() {
        if (pool == null) {
            pool = Executors.newFixedThreadPool(threads - 1, r -> {
                Thread t = new Thread(r, "semfill-worker");
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }

    /** Body of one slice: handles indices [from, to) as worker {@code slice}. */
    @FunctionalInterface
    public interface Slice {
        void run(int slice, int from, int to);
    }

    /**
     * Splits [0, n) into {@link #slices(int)} contiguous slices and runs them on the pool (the caller
     * takes the first slice). Returns when all are done.
     */
    public static void forSlices(int n, Slice body) {
        int s = slices(n);
        if (s <= 1) {
            if (n > 0) body.run(0, 0, n);
            return;
        }
        List<Future<?>> futures = new ArrayList<>(s - 1);
        ExecutorService p = pool();
        for (int i = 1; i < s; i++) {
            int slice = i;
            futures.add(p.submit(() -> body.run(slice, start(n, s, slice), start(n, s, slice + 1))));
        }
        body.run(0, 0, start(n, s, 1));
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException re) throw re;
                if (c instanceof Error er) throw er;
                throw new IllegalStateException(c);
            }
        }
    }

    /** How many slices {@link #forSlices} uses for n items: min(threads, n). */
    public static int slices(int n) {
        return Math.max(1, Math.min(threads, n));
    }

    private static int start(int n, int s, int i) {
        return (int) ((long) n * i / s);
    }
}
