package org.roofline.geometry.io;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process that is in the middle of writing: reserves a temporary GeoPackage name beside {@code args[0]}, writes it
 * and its journal, prints the temporary path and waits to be killed ({@link TempFilesTest}).
 */
public final class TempFilesChild {

    private TempFilesChild() {
    }

    public static void main(String[] args) throws Exception {
        Path temp = TempFiles.beside(Path.of(args[0]));
        Files.writeString(temp, "half a file");
        Files.writeString(temp.resolveSibling(temp.getFileName() + "-journal"), "journal");
        System.out.println(temp);
        System.out.flush();
        Thread.sleep(120_000);
    }
}
