package org.semfill.studio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.semfill.completion.Mask;
import org.semfill.completion.Masks;
import org.semfill.completion.SearchSettings;
import org.semfill.internal.Rng;

/** The studio's pieces without HTTP: upload decoding, mask decoding, and a job run on the calling thread. */
class StudioPartsTest {

    @Test
    void anUploadIsCroppedToItsCentreSquareAndResized() throws Exception {
        UploadDecoder.Decoded d = UploadDecoder.decode(StudioFixtures.picture(120, 60, "png"), 32, 3, StudioFixtures.ampleBudget());
        assertEquals(3 * 32 * 32, d.pixels().length);
        assertEquals(120, d.originalWidth());
        assertEquals("PNG", d.format());
        for (float v : d.pixels()) assertTrue(v >= -1f && v <= 1f);
        // The bright square sits in the middle of the picture, so the middle of the crop is bright.
        assertTrue(d.pixels()[16 * 32 + 16] > 0.8f, "centre pixel " + d.pixels()[16 * 32 + 16]);
    }

    @Test
    void aTruncatedPngIsRefusedWithAClearMessage() throws Exception {
        byte[] png = StudioFixtures.picture(50, 50, "png");
        HttpError e = assertThrows(HttpError.class, () -> UploadDecoder.decode(Arrays.copyOf(png, 60), 28, 1, StudioFixtures.ampleBudget()));
        assertEquals(400, e.status);
        assertTrue(e.getMessage().contains("PNG or JPEG"), e.getMessage());
    }

    @Test
    void presetMasksAreOnlyKnownNames() {
        Mask m = MaskDecoder.preset("random:0.5", 28, new Rng(1));
        assertEquals("random", m.name());
        assertTrue(m.holeCount() > 300 && m.holeCount() < 480, "about half of 784 missing, got " + m.holeCount());
        for (String bad : new String[] {"pom.xml", "/etc/passwd", "center.png", "../mask.png", "center:", "random:0.5:1", ""})
            assertEquals(400, assertThrows(HttpError.class, () -> MaskDecoder.preset(bad, 28, new Rng(1))).status, bad);
    }

    @Test
    void aPaintedMaskReadsWhiteAsKnownAndBlackAsHole() {
        float[] plane = new float[16 * 16];
        Arrays.fill(plane, 1f);
        plane[5 * 16 + 7] = -1f;
        plane[6 * 16 + 7] = -0.2f; // darker than mid-grey: hole
        plane[7 * 16 + 7] = 0.2f;  // brighter: known
        Mask m = MaskDecoder.painted(Png.dataUrl(plane, 1, 16, 16), 16);
        assertEquals(2, m.holeCount());
        assertFalse(m.isKnown(5, 7));
        assertFalse(m.isKnown(6, 7));
        assertTrue(m.isKnown(7, 7));
        assertEquals(400, assertThrows(HttpError.class, () -> MaskDecoder.painted("data:image/png;base64,@@@", 16)).status);
        assertEquals(400, assertThrows(HttpError.class, () -> MaskDecoder.painted("data:image/png;base64,aGVsbG8=", 16)).status);
        assertEquals(400, assertThrows(HttpError.class, () -> MaskDecoder.painted("file:///etc/passwd", 16)).status);
    }

    @Test
    void aJobRecordsEveryStepAndEndsWithAFrameOfTheLastStep() {
        var gan = StudioFixtures.tinyGan();
        float[] image = new float[28 * 28];
        for (int i = 0; i < image.length; i++) image[i] = (i % 28) / 14f - 1f; // a horizontal ramp
        JobSpec spec = new JobSpec(new ImageStore.StudioImage("u1", "ramp", image), Masks.center(28),
                SearchSettings.defaults().withIterations(4).withRestarts(3), true, true, 11);
        StudioJob job = new StudioJob("j1", gan, spec);
        job.run();
        assertEquals(StudioJob.State.DONE, job.state());
        StudioJob.Frame f = job.frame();
        assertNotNull(f);
        assertEquals(4, f.iteration());
        assertEquals(3, f.generated().size());
        assertTrue(f.best() >= 0 && f.best() < 3);
        for (int r = 0; r < 3; r++) assertTrue(f.rowLoss()[f.best()] <= f.rowLoss()[r], "the best restart has the lowest loss");
        Map<String, Object> status = job.status(0);
        assertEquals("done", status.get("state"));
        assertEquals(3, ((java.util.List<?>) status.get("loss")).size());
    }

    @Test
    void anHmcJobWithThreeChainsGivesThreeFillsThatDifferAndKeepTheKnownPixels() throws Exception {
        float[] image = new float[28 * 28];
        for (int i = 0; i < image.length; i++) image[i] = (i % 28) / 14f - 1f; // a horizontal ramp
        Mask mask = Masks.center(28);
        JobSpec spec = new JobSpec(new ImageStore.StudioImage("u1", "ramp", image), mask,
                SearchSettings.defaults().withIterations(5).withRestarts(3), true, true, 11, CompleteRequest.HMC);
        StudioJob job = new StudioJob("j3", StudioFixtures.variedGan(), spec);
        job.run();
        assertEquals(StudioJob.State.DONE, job.state());
        StudioJob.Fills fills = job.fills();
        assertNotNull(fills);
        assertEquals(3, fills.blended().size());
        assertEquals(5, fills.iteration());
        float[][] px = new float[3][];
        for (int r = 0; r < 3; r++) {
            assertArrayEquals(fills.png().get(r), job.resultPng(r + 1), "fill " + (r + 1) + " is served as result.png?fill=" + (r + 1));
            px[r] = org.semfill.data.Pixels.fromImage(StudioFixtures.decode(fills.png().get(r)), 1);
        }
        for (int a = 0; a < 3; a++)
            for (int b = a + 1; b < 3; b++) {
                double d = 0;
                for (int i = 0; i < px[a].length; i++) if (!mask.isKnown(i)) d += Math.abs(px[a][i] - px[b][i]);
                d /= mask.holeCount();
                assertTrue(d > 0.05, "fills " + (a + 1) + " and " + (b + 1) + " differ in the hole by only " + d);
            }
        Map<String, Object> status = job.status(0);
        assertEquals("hmc", status.get("approach"));
        assertEquals(3, status.get("chains"));
        assertEquals(3, ((java.util.List<?>) status.get("fills")).size());
        assertEquals(3, ((java.util.List<?>) status.get("loss")).size());
        assertEquals(null, status.get("blended"), "no result of its own: the user chooses a fill");
        assertEquals(400, assertThrows(HttpError.class, () -> job.resultPng(null)).status);
        assertEquals(400, assertThrows(HttpError.class, () -> job.resultPng(4)).status);
        assertEquals(400, assertThrows(HttpError.class, () -> job.resultPng(0)).status);

        StudioJob again = new StudioJob("j4", StudioFixtures.variedGan(), spec);
        again.run();
        for (int r = 0; r < 3; r++) assertArrayEquals(fills.png().get(r), again.fills().png().get(r), "the same seed gives the same fills");
    }

    @Test
    void aJobCancelledBeforeItStartsDoesNoStep() {
        JobSpec spec = new JobSpec(new ImageStore.StudioImage("u1", "grey", new float[28 * 28]), Masks.left(28),
                SearchSettings.defaults().withIterations(3), false, false, 1);
        StudioJob job = new StudioJob("j2", StudioFixtures.tinyGan(), spec);
        job.cancel();
        job.run();
        assertEquals(StudioJob.State.CANCELLED, job.state());
        assertEquals(null, job.frame());
        assertEquals(0, job.status(0).get("iteration"));
    }

    @Test
    void theStoreForgetsTheOldestUploadAndRefusesForeignIds() {
        ImageStore store = new ImageStore();
        for (int i = 0; i < ImageStore.MAX_UPLOADS + 1; i++) store.addUpload(new float[4], "u");
        assertEquals(404, assertThrows(HttpError.class, () -> store.get("u1")).status);
        assertNotNull(store.get("u2"));
        for (String bad : new String[] {"../u2", "u2/", "x1", "U2", "h", "u1234567890"})
            assertEquals(400, assertThrows(HttpError.class, () -> store.get(bad)).status, bad);
    }
}
