package org.semfill.kernels;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The one set of worker threads of the process, sized by {@code --threads}. Work is split into a fixed number
 * of contiguous slices that depends only on the thread count, never on timing (whichever thread happens to run a
 * slice), and only work whose results are independent of the split uses slices; sums over a batch use the fixed
 * groups of {@link #forGroups} instead, so no result depends on the thread count. One slice per
 * thread, taken in order by whichever thread is free: when a worker is late (parked, or its core busy with
 * the JIT or the GC), the caller runs that slice too instead of waiting. (Two or four slices per thread
 * measured 5-10 % slower on the DCGAN steps: narrower GEMMs.)
 *
 * <p>A training step hands out work ~60 times, often only tens of microseconds of it (batch norm of a
 * 4x4 map, a small GEMM). Through an ExecutorService each hand-off costs 30-50 us (queue, future, waking a
 * parked thread), which makes batch norm slower on two threads than on one. So the workers here wait for the
 * next job by spinning on a volatile counter for a short while before they park, and the caller takes the
 * first slice itself and spins until the others are done.
 *
 * <p>Spinning pays only on cores we have to ourselves. With more threads than processors, or when other
 * processes keep the cores busy (the system load average is one or more above the CPUs), a spinning thread
 * burns the time slice the scheduler would have given to a thread with work, and a parked thread that is woken gets
 * the core sooner than one that used up its share spinning. Measured on a 2-core AMD EPYC at load average 10-13
 * (other people's jobs), config b train: 2 threads spinning 191 and 202 images/s, 2 threads parking at once 345 and
 * 313. So the workers (and the waiting caller) spin only when {@link #spinning()}: property {@value #SPIN_PROPERTY}
 * = auto (default: as just said, the load looked at again every half second), always or never. Which threads run a
 * slice never changes the results, and neither does the thread count (see above).
 */
public final class Parallel {
    /** How long an idle worker spins before it parks: longer than the gaps between the ops of a step. */
    private static final long SPIN_NANOS = 1_000_000;
    /** The system property that sets the wait policy: auto, always or never (spin). */
    public static final String SPIN_PROPERTY = "semfill.spin";
    private static final String SPIN_POLICY = System.getProperty(SPIN_PROPERTY, "auto");
    /** How often the caller looks at the load average again (auto policy). */
    private static final long LOAD_CHECK_NANOS = 500_000_000L;

    private static volatile int threads = Runtime.getRuntime().availableProcessors();
    private static Workers workers; // guarded by Parallel.class

    private Parallel() {}

    public static int threads() {
        return threads;
    }

    /** Sets the number of threads (from --threads); 1 runs everything on the caller. */
    public static synchronized void setThreads(int n) {
        if (n < 1) throw new IllegalArgumentException("threads must be at least 1, got " + n);
        if (n != threads && workers != null) {
            workers.stop();
            workers = null;
        }
        threads = n;
    }

    /**
     * Whether idle workers and the waiting caller spin now (see the class comment), as last decided by a job; before
     * the first job of these threads, what the policy says now.
     */
    public static boolean spinning() {
        Workers w;
        synchronized (Parallel.class) {
            w = workers;
        }
        return w != null ? w.spinning : decideNow(threads, true);
    }

    /**
     * The wait policy: never spin with more threads than processors or when {@code policy} is "never"; always with
     * "always"; with "auto", spin while the machine is not overloaded: the load average (runnable threads of every
     * process, ours included) below the machine's CPUs plus one, with some hysteresis (start spinning again below
     * CPUs plus a half). On 2 CPUs with our 2 threads spinning the load is about 2: spin; one more runnable thread
     * of someone else's on average, and we park. {@code hostCpus} counts the machine's CPUs, not the ones this JVM
     * may use, because the load average is the machine's too (in a container it is the host's). A load average below
     * 0 (not available) counts as an idle machine.
     */
    static boolean decideSpinning(int threads, String policy, double load, int processors, int hostCpus, boolean wasSpinning) {
        if (threads > processors) return false;
        switch (policy) {
            case "never": return false;
            case "always": return true;
            case "auto": break;
            default: throw new IllegalArgumentException(SPIN_PROPERTY + " must be auto, always or never, got '" + policy + "'");
        }
        if (load < 0) return true;
        return load < hostCpus + (wasSpinning ? 1.0 : 0.5);
    }

    private static boolean decideNow(int threads, boolean wasSpinning) {
        return decideSpinning(threads, SPIN_POLICY, loadAverage(), Runtime.getRuntime().availableProcessors(), HOST_CPUS, wasSpinning);
    }

    /** The machine's CPUs (Linux: the processor entries of /proc/cpuinfo), else the processors this JVM may use. */
    private static final int HOST_CPUS = hostCpus();

    private static int hostCpus() {
        try {
            int n = 0;
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo")))
                if (line.startsWith("processor")) n++;
            if (n > 0) return n;
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return Runtime.getRuntime().availableProcessors();
    }

    private static double loadAverage() {
        try {
            return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
    }

    private static synchronized Workers workers() {
        if (workers == null) workers = new Workers(threads - 1);
        return workers;
    }

    /** Body of one slice: handles indices [from, to) as slice {@code slice}. */
    @FunctionalInterface
    public interface Slice {
        void run(int slice, int from, int to);
    }

    /**
     * Splits [0, n) into {@link #slices(int)} contiguous slices and runs them on the workers (the caller
     * takes the first slice). Returns when all are done. Called from inside a slice, or while another thread
     * is using the workers, it runs the same slices one after another on the caller (same results).
     */
    public static void forSlices(int n, Slice body) {
        run(n, slices(n), body);
    }

    /** How many slices {@link #forSlices} uses for n items: min(threads, n). */
    public static int slices(int n) {
        return Math.max(1, Math.min(threads, n));
    }

    /**
     * How many groups a sum over a batch is cut into, whatever the thread count: the same seed then gives the same
     * bits on 1 thread or 64. Eight keeps 2 to 8 threads busy; more groups would cost memory (one weight-gradient
     * array per group) and a longer final sum.
     */
    public static final int GROUPS = 8;

    /** How many groups {@link #forGroups} uses for n items: min({@value #GROUPS}, n). Never depends on the threads. */
    public static int groups(int n) {
        return Math.max(1, Math.min(GROUPS, n));
    }

    /**
     * Like {@link #forSlices}, but [0, n) is cut into {@link #groups(int)} contiguous groups, a number fixed by n
     * alone, and the threads take the groups in turn. A sum over the batch made per group and then added group after
     * group therefore has the same bits on every thread count.
     */
    public static void forGroups(int n, Slice body) {
        run(n, groups(n), body);
    }

    private static void run(int n, int s, Slice body) {
        if (s <= 1) {
            if (n > 0) body.run(0, 0, n);
            return;
        }
        if (threads == 1 || !workers().tryRun(n, s, body)) {
            for (int i = 0; i < s; i++) body.run(i, start(n, s, i), start(n, s, i + 1));
        }
    }

    static int start(int n, int s, int i) {
        return (int) ((long) n * i / s);
    }

    /** Every thread of a job, the caller included, takes the next slice not yet taken until none is left. */
    private static final class Workers {
        private final Thread[] threads;
        private final boolean[] parked; // guarded by this: a worker marks itself before it parks
        private final AtomicBoolean busy = new AtomicBoolean();
        /** Whether idle threads spin now (see {@link #decideSpinning}); written by the caller of a job, under busy. */
        private volatile boolean spinning;
        private long nextLoadCheck = System.nanoTime();
        private final AtomicInteger pending = new AtomicInteger();
        /** The job's generation (high 32 bits) and its next untaken slice (low 32): a late thread never takes a newer job's slice. */
        private final AtomicLong ticket = new AtomicLong();
        private volatile Job job = new Job(0, null, 0, 0);
        private volatile boolean stopped;
        private volatile Throwable failure;

        /** One call of forSlices, published whole, so a worker never mixes the fields of two jobs. */
        private record Job(long generation, Slice body, int n, int s) {}

        Workers(int count) {
            threads = new Thread[count];
            parked = new boolean[count];
            spinning = decideNow(count + 1, true);
            for (int i = 0; i < count; i++) {
                int index = i;
                threads[i] = new Thread(() -> loop(index), "semfill-worker-" + (i + 1));
                threads[i].setDaemon(true);
                threads[i].start();
            }
        }

        boolean tryRun(int n, int s, Slice body) {
            if (isWorker() || !busy.compareAndSet(false, true)) return false;
            try {
                long now = System.nanoTime();
                if (now - nextLoadCheck >= 0) {
                    nextLoadCheck = now + LOAD_CHECK_NANOS;
                    spinning = decideNow(threads.length + 1, spinning);
                }
                boolean spin = spinning;
                failure = null;
                pending.set(s);
                long generation = job.generation() + 1;
                ticket.set(generation << 32);
                job = new Job(generation, body, n, s);
                for (int i = 0; i < threads.length && i < s - 1; i++) {
                    if (isParked(i)) LockSupport.unpark(threads[i]);
                }
                takeSlices(generation, body, n, s);
                while (pending.get() > 0) {
                    if (spin) Thread.onSpinWait();
                    else Thread.yield();
                }
                Throwable t = failure;
                if (t instanceof RuntimeException re) throw re;
                if (t instanceof Error er) throw er;
                if (t != null) throw new IllegalStateException(t);
                return true;
            } finally {
                busy.set(false);
            }
        }

        private void loop(int index) {
            long seen = 0;
            while (!stopped) {
                Job j = job;
                if (j.generation() == seen) {
                    long spinStart = System.nanoTime(), spin = spinning ? SPIN_NANOS : 0;
                    while ((j = job).generation() == seen && !stopped && System.nanoTime() - spinStart < spin) {
                        Thread.onSpinWait();
                    }
                    if (j.generation() == seen) {
                        setParked(index, true);
                        if (job.generation() == seen && !stopped) LockSupport.park(this);
                        setParked(index, false);
                        continue;
                    }
                }
                seen = j.generation();
                takeSlices(j.generation(), j.body(), j.n(), j.s());
            }
        }

        /** Runs slices of the current job until all are taken; a failure is kept for the caller. */
        private void takeSlices(long generation, Slice body, int n, int s) {
            while (true) {
                long ticketNow = ticket.get();
                int slice = (int) ticketNow;
                if (ticketNow >>> 32 != generation || slice >= s) return;
                if (!ticket.compareAndSet(ticketNow, ticketNow + 1)) continue;
                try {
                    body.run(slice, start(n, s, slice), start(n, s, slice + 1));
                } catch (Throwable t) {
                    if (failure == null) failure = t;
                }
                pending.decrementAndGet();
            }
        }

        private synchronized boolean isParked(int i) {
            return parked[i];
        }

        private synchronized void setParked(int i, boolean on) {
            parked[i] = on;
        }

        private boolean isWorker() {
            Thread me = Thread.currentThread();
            for (Thread t : threads) if (t == me) return true;
            return false;
        }

        void stop() {
            stopped = true;
            for (Thread t : threads) LockSupport.unpark(t);
        }
    }
}
