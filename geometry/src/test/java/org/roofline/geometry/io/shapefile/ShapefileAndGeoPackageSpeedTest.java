package org.roofline.geometry.io.shapefile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roofline.geometry.io.VectorLayer;
import org.roofline.geometry.io.geopackage.GeoPackageWriter;

/**
 * Speed probe, not a benchmark: prints how long reading the Boulder Shapefile (13,491 polygons) and writing it as
 * GeoPackage and as Shapefile take, three rounds (the first includes class loading and JIT warm-up), and, where GDAL
 * is installed, how long {@code ogr2ogr} takes for the same conversions. Asserts nothing about the times.
 */
class ShapefileAndGeoPackageSpeedTest {

    @TempDir
    Path tmp;

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    @Test
    void printsTimings() throws IOException {
        Path source = ShapefileReaderTest.boulder();
        for (int round = 1; round <= 3; round++) {
            long t = System.nanoTime();
            VectorLayer layer = new ShapefileReader().read(source);
            double read = seconds(t);
            Path gpkg = tmp.resolve("round" + round + ".gpkg");
            t = System.nanoTime();
            new GeoPackageWriter().write(layer, gpkg);
            double writeGpkg = seconds(t);
            Path shp = tmp.resolve("round" + round + ".shp");
            t = System.nanoTime();
            new ShapefileWriter().write(layer, shp);
            double writeShp = seconds(t);
            assertEquals(13_491, layer.features().size());
            System.out.printf(Locale.ROOT, "speed probe round %d: read Shapefile %.3f s, write GeoPackage %.3f s, "
                    + "write Shapefile %.3f s%n", round, read, writeGpkg, writeShp);
        }
        if (Gdal.available()) {
            for (int round = 1; round <= 2; round++) {
                Path gpkg = tmp.resolve("ogr" + round + ".gpkg");
                long t = System.nanoTime();
                Gdal.Result a = Gdal.run(List.of("ogr2ogr", "-f", "GPKG", gpkg.toString(), source.toString()));
                double toGpkg = seconds(t);
                Path shp = tmp.resolve("ogr" + round + ".shp");
                t = System.nanoTime();
                Gdal.Result b = Gdal.run(List.of("ogr2ogr", "-f", "ESRI Shapefile", shp.toString(),
                        source.toString()));
                double toShp = seconds(t);
                assertEquals(0, a.exit() + b.exit(), a.err() + b.err());
                System.out.printf(Locale.ROOT, "speed probe ogr2ogr round %d: Shapefile to GeoPackage %.3f s, "
                        + "Shapefile to Shapefile %.3f s (process start included)%n", round, toGpkg, toShp);
                assertEquals(true, Files.size(gpkg) > 0);
            }
        }
    }
}
