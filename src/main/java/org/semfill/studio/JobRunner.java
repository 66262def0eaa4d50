package org.semfill.studio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.semfill.gan.Dcgan;

/**
 * Runs the studio's completion jobs one at a time on a single worker thread (G and D are shared and not
 * thread-safe), with an admission policy a user can see:
 * <ul>
 *   <li>each page session (the {@code X-Semfill-Session} header the page sends; a request without one is a session
 *       of its own) has at most one job: a new job from the same page supersedes its earlier one, which stops after
 *       its current step and says it was superseded;</li>
 *   <li>jobs of other pages are never cancelled: they wait their turn, at most {@link #WAITING} behind the running one;</li>
 *   <li>past that, a new job is refused with 429 and Retry-After, and a message saying why.</li>
 * </ul>
 * The newest {@link #KEPT} jobs stay readable. Thread-safe.
 */
final class JobRunner implements AutoCloseable {
    static final int KEPT = 8;
    /** Jobs that may wait behind the running one. */
    static final int WAITING = 3;
    /** Seconds a refused client is told to wait before it tries again. */
    static final int RETRY_SECONDS = 10;
    static final Pattern ID = Pattern.compile("j[0-9]{1,9}");

    private final Dcgan gan;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "semfill-studio-search");
        t.setDaemon(true);
        return t;
    });
    private final LinkedHashMap<String, StudioJob> jobs = new LinkedHashMap<>();
    /** Jobs queued or running, oldest first, with the session that started each (null: a session of its own). */
    private final LinkedHashMap<StudioJob, String> active = new LinkedHashMap<>();
    private int next = 1;

    JobRunner(Dcgan gan) {
        this.gan = gan;
    }

    /**
     * Admits a new job for {@code session} (null: a request of its own), superseding that session's earlier job; returns it.
     *
     * @throws HttpError 429 if {@link #WAITING} jobs of other sessions already wait behind the running one
     */
    synchronized StudioJob start(JobSpec spec, String session) {
        active.keySet().removeIf(j -> j.finishedOrStopping());
        List<StudioJob> own = new ArrayList<>();
        for (Map.Entry<StudioJob, String> e : active.entrySet())
            if (session != null && session.equals(e.getValue())) own.add(e.getKey());
        int others = active.size() - own.size();
        if (others >= 1 + WAITING)
            throw new HttpError(429, "the studio is busy: " + others + " jobs of other pages are running or waiting (one runs at a time, "
                    + WAITING + " may wait); try again in a few seconds", RETRY_SECONDS);
        StudioJob job = new StudioJob("j" + next++, gan, spec);
        for (StudioJob old : own) {
            old.supersede(job.id);
            active.remove(old);
        }
        jobs.put(job.id, job);
        while (jobs.size() > KEPT) jobs.remove(jobs.keySet().iterator().next());
        active.put(job, session);
        worker.execute(job);
        return job;
    }

    /**
     * @throws HttpError 400 for a malformed id, 404 for an unknown or forgotten job
     */
    synchronized StudioJob get(String id) {
        if (id == null || !ID.matcher(id).matches()) throw HttpError.badRequest("bad job id: give one the studio handed out");
        StudioJob job = jobs.get(id);
        if (job == null) throw HttpError.notFound("no job " + id + " (only the last " + KEPT + " are kept)");
        return job;
    }

    @Override
    public synchronized void close() {
        for (StudioJob j : active.keySet()) j.cancel();
        worker.shutdown();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
