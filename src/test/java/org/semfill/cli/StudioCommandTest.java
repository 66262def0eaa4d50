package org.semfill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semfill.gan.Dcgan;
import org.semfill.gan.DcganConfig;
import org.semfill.gan.ModelFiles;

/** {@code semfill studio}: its user errors (a running studio blocks until stopped, so its success is tested in the studio package). */
class StudioCommandTest {

    @Test
    void aMissingModelIsAUserError(@TempDir Path dir) {
        Object[] r = TutorialCommandTest.capture("studio", "--model", dir.resolve("nothing-here").toString(), "--port", "0");
        assertEquals(Main.USER_ERROR, r[0]);
        assertTrue(((String) r[2]).contains("no such model"), (String) r[2]);
    }

    @Test
    void aBadPortIsAUserError(@TempDir Path dir) {
        Object[] r = TutorialCommandTest.capture("studio", "--model", dir.toString(), "--port", "70000");
        assertEquals(Main.USER_ERROR, r[0]);
        assertTrue(((String) r[2]).contains("--port must be between 0 and 65535"), (String) r[2]);
    }

    @Test
    void aPortInUseIsAUserErrorNamingIt(@TempDir Path dir) throws Exception {
        ModelFiles.save(Dcgan.create(new DcganConfig(28, 1, 8, 4, 4), 1), dir);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Object[] r = TutorialCommandTest.capture("studio", "--model", dir.toString(), "--port", String.valueOf(taken.getLocalPort()),
                    "--held-out", "0");
            assertEquals(Main.USER_ERROR, r[0]);
            assertTrue(((String) r[2]).contains("port " + taken.getLocalPort() + " on 127.0.0.1 is in use"), (String) r[2]);
        }
    }
}
