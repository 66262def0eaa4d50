package org.semfill.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semfill.gan.RunDirectory;
import org.semfill.gan.Dcgan;
import org.semfill.gan.DcganConfig;
import org.semfill.gan.ModelFiles;
import org.semfill.gan.TrainOptions;
import org.semfill.internal.UserError;

class InspectionTest {

    @Test
    void writesTheGridTheChartAndTheReportAndReusesTheClassifier(@TempDir Path tmp) throws Exception {
        Path images = Synthetic.writeIdx(Synthetic.make(300, 1), tmp.resolve("data"), true);
        Path run = tmp.resolve("runs").resolve("tiny");
        Files.createDirectories(run);
        ModelFiles.save(Dcgan.create(new DcganConfig(16, 1, 8, 4, 4), 1), run);
        // the run's config.json tells inspect which data it was trained on
        TrainOptions trained = new TrainOptions(images.toString(), new DcganConfig(16, 1, 8, 4, 4), 1, 64, 2e-4f, 0.5f, 0, 60, 1, 0);
        Files.writeString(run.resolve(RunDirectory.CONFIG), new Gson().toJson(trained));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Inspection.Settings s = new Inspection.Settings(run, org.semfill.data.DataSource.of(null), null, run.resolve("inspect"), 6, 3, 1000, 1);
        Inspection.Report r = Inspection.run(s, new PrintStream(log, true));
        assertEquals(60, r.n(), "n is limited by the 60 held-out images");
        assertTrue(Double.isFinite(r.fid().value()) && r.fid().value() > r.realFloor(), r.fid() + " vs floor " + r.realFloor());
        assertFalse(r.featureNet().reused());
        assertEquals(tmp.resolve("runs").toAbsolutePath().normalize(), r.featureNet().file().getParent());
        for (String f : new String[] {"memorisation.png", "memorisation-distances.png", "inspect.md"})
            assertTrue(Files.size(run.resolve("inspect").resolve(f)) > 0, f);
        String md = Files.readString(r.markdown());
        assertTrue(md.contains("| 60 samples of G vs 60 held-out images |"), md);
        assertTrue(log.toString().contains("FID of 60 samples"), log.toString());
        assertTrue(Inspection.run(s, new PrintStream(new ByteArrayOutputStream())).featureNet().reused());
    }

    @Test
    void badSettingsAreUserErrors(@TempDir Path tmp) {
        assertThrows(UserError.class, () -> new Inspection.Settings(tmp, org.semfill.data.DataSource.of(null), null, tmp, 0, 3, 1000, 1));
        assertThrows(UserError.class, () -> new Inspection.Settings(tmp, org.semfill.data.DataSource.of(null), null, tmp, 4, 3, 10, 1));
        UserError e = assertThrows(UserError.class, () -> Inspection.run(new Inspection.Settings(tmp.resolve("nope"), org.semfill.data.DataSource.of(null), null, tmp, 4, 3, 1000, 1),
                new PrintStream(new ByteArrayOutputStream())));
        assertTrue(e.getMessage().contains("no such model"), e.getMessage());
    }
}
