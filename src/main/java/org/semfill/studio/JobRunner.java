package org.semfill.studio;

import java.util.LinkedHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.semfill.gan.Dcgan;

/**
 * Runs the studio's completion jobs one at a time on a single worker thread: starting a job cancels the one
 * before it (which stops after its current step). The newest {@link #KEPT} jobs stay readable. Thread-safe.
 */
final class JobRunner implements AutoCloseable {
    static final int KEPT = 8;
    static final Pattern ID = Pattern.compile("j[0-9]{1,9}");

    private final Dcgan gan;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "semfill-studio-search");
        t.setDaemon(true);
        return t;
    });
    private final LinkedHashMap<String, StudioJob> jobs = new LinkedHashMap<>();
    private StudioJob current;
    private int next = 1;

    JobRunner(Dcgan gan) {
        this.gan = gan;
    }

    /** Cancels the running job, if any, and queues a new one; returns it. */
    synchronized StudioJob start(JobSpec spec) {
        if (current != null) current.cancel();
        StudioJob job = new StudioJob("j" + next++, gan, spec);
        jobs.put(job.id, job);
        while (jobs.size() > KEPT) jobs.remove(jobs.keySet().iterator().next());
        current = job;
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
        if (current != null) current.cancel();
        worker.shutdown();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
