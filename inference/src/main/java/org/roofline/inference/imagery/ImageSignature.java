package org.roofline.inference.imagery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the first bytes of a file say it is: a classic TIFF, a BigTIFF, or something else (left to
 * {@code javax.imageio}, which knows the other signatures). The signature decides, never the file's name.
 */
enum ImageSignature {
    /** "II*\0" or "MM\0*". */
    TIFF,
    /** "II+\0" or "MM\0+". */
    BIG_TIFF,
    /** Anything else. */
    OTHER;

    /**
     * Reads the first bytes of a file.
     *
     * @throws RooflineInputException if the file is missing, a directory, unreadable or empty
     */
    static ImageSignature of(Path file) throws RooflineInputException {
        byte[] head = head(file);
        if (startsWith(head, 'I', 'I', 42, 0) || startsWith(head, 'M', 'M', 0, 42)) {
            return TIFF;
        }
        if (startsWith(head, 'I', 'I', 43, 0) || startsWith(head, 'M', 'M', 0, 43)) {
            return BIG_TIFF;
        }
        return OTHER;
    }

    private static byte[] head(Path file) throws RooflineInputException {
        OpenChecks.readableFile(file);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(16);
            if (head.length == 0) {
                throw new RooflineInputException(file, "empty file (0 bytes), not an image");
            }
            return head;
        } catch (IOException e) {
            throw new RooflineInputException(file, "cannot read: " + ImageMessages.of(e), e);
        }
    }

    private static boolean startsWith(byte[] head, int... signature) {
        if (head.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((head[i] & 0xff) != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
