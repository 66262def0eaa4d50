package org.semfill.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.semfill.internal.UserError;

/** The table of contents the CLI reads. */
class ChaptersTest {

    @Test
    void chaptersAreNumberedOneToNInOrder() {
        List<Chapter> all = Chapters.all();
        assertTrue(all.size() >= 2);
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i + 1, all.get(i).number());
            assertEquals(all.get(i), Chapters.get(i + 1));
        }
        assertEquals(Chapter2TinyGan.class, Chapters.get(2).mainClass());
        assertEquals("tutorials/02-gan-1d.md", Chapters.get(2).markdown());
        assertEquals(Chapter4Completion.class, Chapters.get(4).mainClass());
        assertEquals(false, Chapters.get(4).quick(), "chapter 4 trains and searches: too slow for 'semfill charts'");
    }

    @Test
    void everyMainClassHasAPublicStaticMain() throws Exception {
        for (Chapter c : Chapters.all()) {
            Method main = c.mainClass().getMethod("main", String[].class);
            assertTrue(Modifier.isStatic(main.getModifiers()), c.mainClass() + ".main is not static");
            assertTrue(c.markdown().matches("tutorials/0?" + c.number() + "-[a-z0-9-]+\\.md"), c.markdown());
        }
    }

    @Test
    void aSilentChapterCanBeListedWithItsFiles() {
        Chapter.Runner runner = Chapter.Runner.listingFiles((out, seed) -> List.of(out.resolve("a" + seed + ".png")));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        List<java.nio.file.Path> written = runner.run(java.nio.file.Path.of("charts"), 5, org.semfill.data.DataSource.of(null), new java.io.PrintStream(bytes, true));
        assertEquals(List.of(java.nio.file.Path.of("charts", "a5.png")), written);
        assertEquals(java.nio.file.Path.of("charts", "a5.png") + System.lineSeparator(), bytes.toString());
        assertEquals(written, runner.run(java.nio.file.Path.of("charts"), 5, org.semfill.data.DataSource.of(null), null));
    }

    @Test
    void anUnknownChapterIsAUserErrorNamingTheValidOnes() {
        UserError e = assertThrows(UserError.class, () -> Chapters.get(99));
        assertTrue(e.getMessage().contains("no tutorial chapter 99") && e.getMessage().contains("1, 2, 3, 4, 5"), e.getMessage());
    }
}
