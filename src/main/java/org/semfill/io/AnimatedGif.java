package org.semfill.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.semfill.internal.AtomicFiles;
import org.semfill.internal.ReadableFiles;
import org.semfill.internal.UserError;

/**
 * Animated GIFs with the JDK's ImageIO alone: one frame per image, a delay per frame (the GIF's 1/100 s), looping
 * forever (the NETSCAPE2.0 application extension). Written atomically.
 */
public final class AnimatedGif {
    private static final String FORMAT = "javax_imageio_gif_image_1.0";

    private AnimatedGif() {}

    /**
     * Writes the frames, each shown {@code delayMs} milliseconds except the last, shown {@code lastDelayMs} (a pause
     * before the loop starts again). All frames should have the same size; the first one sets the screen.
     */
    public static void write(Path file, List<BufferedImage> frames, int delayMs, int lastDelayMs) {
        if (frames.isEmpty()) throw new IllegalArgumentException("an animated GIF needs at least one frame");
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
        if (!writers.hasNext()) throw new IllegalStateException("this JDK has no GIF writer");
        ImageWriter writer = writers.next();
        try {
            AtomicFiles.write(file, out -> {
                try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                    writer.setOutput(ios);
                    writer.prepareWriteSequence(null);
                    for (int k = 0; k < frames.size(); k++) {
                        BufferedImage img = frames.get(k);
                        int delay = k == frames.size() - 1 ? lastDelayMs : delayMs;
                        writer.writeToSequence(new IIOImage(img, null, metadata(writer, img, delay, k == 0)), null);
                    }
                    writer.endWriteSequence();
                    ios.flush();
                }
            });
        } catch (IOException e) {
            throw new UserError("cannot write " + file + ": " + ReadableFiles.reason(e), e);
        } finally {
            writer.dispose();
        }
    }

    /** A frame's metadata: its delay, no disposal; on the first frame, loop forever. */
    private static IIOMetadata metadata(ImageWriter writer, BufferedImage img, int delayMs, boolean first) throws IIOInvalidTreeException {
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), param);
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(FORMAT);
        IIOMetadataNode gce = child(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "none");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", "FALSE");
        gce.setAttribute("delayTime", Integer.toString(Math.max(0, Math.round(delayMs / 10f))));
        gce.setAttribute("transparentColorIndex", "0");
        if (first) {
            IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
            app.setAttribute("applicationID", "NETSCAPE");
            app.setAttribute("authenticationCode", "2.0");
            app.setUserObject(new byte[] {1, 0, 0}); // sub-block 1: loop count 0 = forever
            child(root, "ApplicationExtensions").appendChild(app);
        }
        meta.setFromTree(FORMAT, root);
        return meta;
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++)
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) return (IIOMetadataNode) root.item(i);
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }
}
