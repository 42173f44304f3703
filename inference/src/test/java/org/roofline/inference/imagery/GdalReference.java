package org.roofline.inference.imagery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.Rectangle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Expected values from GDAL (python3-gdal): header, georeferencing, CRS and pixel windows, and the assertions that
 * compare a {@link GeoImage} with them. Nothing here is a value our own code printed.
 */
final class GdalReference {

    private GdalReference() {
    }

    /** What GDAL says of a file. Null fields: GDAL has none (no geotransform, no SRS, no no-data). */
    record Info(Path file, String driver, int width, int height, int bands, String type, Double nodata, double[] gt,
                Integer epsg, Boolean geographic, double metresPerUnit) {
    }

    private static final String INFO = String.join("\n",
            "import sys",
            "from osgeo import gdal, osr",
            "gdal.UseExceptions()",
            "for f in sys.argv[1:]:",
            "    ds = gdal.Open(f)",
            "    b = ds.GetRasterBand(1)",
            "    gt = ds.GetGeoTransform(can_return_null=True)",
            "    srs = ds.GetSpatialRef()",
            "    epsg, geo, unit = 'none', 'none', 'nan'",
            "    if srs is not None:",
            "        try:",
            "            srs.AutoIdentifyEPSG()",
            "        except Exception:",
            "            pass",
            "        code = srs.GetAuthorityCode(None)",
            "        epsg = code if code else 'none'",
            "        geo = '1' if srs.IsGeographic() else '0'",
            "        unit = repr(float(srs.GetLinearUnits())) if srs.IsProjected() else 'nan'",
            "    nd = b.GetNoDataValue()",
            "    print('\\t'.join([f, ds.GetDriver().ShortName, str(ds.RasterXSize), str(ds.RasterYSize),",
            "        str(ds.RasterCount), gdal.GetDataTypeName(b.DataType), 'none' if nd is None else repr(float(nd)),",
            "        'none' if gt is None else ' '.join(repr(float(v)) for v in gt), epsg, geo, unit]))");

    /** @return GDAL's view of each file, in order */
    static Map<Path, Info> info(List<Path> files) throws IOException {
        String[] args = files.stream().map(Path::toString).toArray(String[]::new);
        String[] lines = GdalPython.run(INFO, args).strip().split("\n");
        assertEquals(files.size(), lines.length, "one GDAL line per file");
        Map<Path, Info> out = new LinkedHashMap<>();
        for (int i = 0; i < lines.length; i++) {
            String[] p = lines[i].split("\t", -1);
            Path f = files.get(i);
            assertEquals(f.toString(), p[0]);
            double[] gt = p[7].equals("none") ? null : Stream.of(p[7].split(" ")).mapToDouble(Double::parseDouble).toArray();
            out.put(f, new Info(f, p[1], Integer.parseInt(p[2]), Integer.parseInt(p[3]), Integer.parseInt(p[4]), p[5],
                    p[6].equals("none") ? null : Double.valueOf(PamSidecar.parseGdalDouble(p[6])), gt,
                    p[8].equals("none") ? null : Integer.valueOf(p[8]),
                    p[9].equals("none") ? null : p[9].equals("1"), PamSidecar.parseGdalDouble(p[10])));
        }
        return out;
    }

    /** A window to read: pixels (x, y, w, h), every s-th. */
    record Window(int x, int y, int w, int h, int s) {
        Rectangle rectangle() {
            return new Rectangle(x, y, w, h);
        }

        String spec() {
            return x + "," + y + "," + w + "," + h + "," + s;
        }
    }

    /** The windows every image is checked on: whole, odd offsets and subsamplings, a small inner window. */
    static List<Window> standardWindows(int width, int height) {
        List<Window> list = new ArrayList<>();
        list.add(new Window(0, 0, width, height, 1));
        list.add(new Window(3, 5, width - 7, height - 11, 3));
        list.add(new Window(width / 3, height / 4, Math.min(17, width - width / 3), Math.min(9, height - height / 4), 1));
        list.add(new Window(1, 0, width - 1, height, 7));
        list.add(new Window(width - 1, height - 1, 1, 1, 5));
        return list;
    }

    private static final String WINDOWS = String.join("\n",
            "import sys",
            "import numpy as np",
            "from osgeo import gdal",
            "gdal.UseExceptions()",
            "out = sys.argv[1]",
            "args = sys.argv[2:]",
            "for i in range(0, len(args), 2):",
            "    ds = gdal.Open(args[i])",
            "    for k, spec in enumerate(args[i + 1].split(';')):",
            "        x, y, w, h, s = map(int, spec.split(','))",
            "        a = ds.ReadAsArray(x, y, w, h)",
            "        if a.ndim == 2:",
            "            a = a[np.newaxis]",
            "        a = a[:, ::s, ::s]",
            "        np.ascontiguousarray(a, dtype='<f8').tofile('%s/%d_%d.f64' % (out, i // 2, k))",
            "print('ok')");

    /**
     * GDAL's samples of windows of files, band-sequential then row-major, as doubles.
     *
     * @return per file, per window, the samples
     */
    static List<List<double[]>> samples(Map<Path, List<Window>> windows, Path tmp) throws IOException {
        Path dir = Files.createTempDirectory(tmp, "gdal");
        List<String> args = new ArrayList<>();
        args.add(dir.toString());
        for (Map.Entry<Path, List<Window>> e : windows.entrySet()) {
            args.add(e.getKey().toString());
            args.add(String.join(";", e.getValue().stream().map(Window::spec).toList()));
        }
        assertEquals("ok", GdalPython.run(WINDOWS, args.toArray(String[]::new)).strip());
        List<List<double[]>> out = new ArrayList<>();
        int i = 0;
        for (List<Window> list : windows.values()) {
            List<double[]> perFile = new ArrayList<>();
            for (int k = 0; k < list.size(); k++) {
                Path f = dir.resolve(i + "_" + k + ".f64");
                DoubleBuffer db = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
                double[] a = new double[db.remaining()];
                db.get(a);
                perFile.add(a);
                Files.delete(f);
            }
            out.add(perFile);
            i++;
        }
        return out;
    }

    /** Checks size, bands, type, no-data, geotransform (1e-9 relative) and EPSG code against GDAL's. */
    static void assertHeader(GeoImage image, Info gdal, boolean checkCrs) {
        RasterInfo info = image.info();
        String f = image.file().toString();
        assertEquals(gdal.width(), info.width(), f + " width");
        assertEquals(gdal.height(), info.height(), f + " height");
        assertEquals(gdal.bands(), info.bands(), f + " bands");
        assertEquals(gdal.type(), info.type().gdalName(), f + " type");
        if (gdal.nodata() == null) {
            assertTrue(info.nodata().isEmpty(), f + " has no no-data value for GDAL");
        } else {
            assertTrue(info.nodata().isPresent(), f + " no-data");
            assertEquals(gdal.nodata(), info.nodata().getAsDouble(), 0, f + " no-data");
        }
        Georeferencing g = info.georef();
        if (gdal.gt() == null) {
            assertFalse(g.isGeoreferenced(), f + " has no geotransform for GDAL");
            assertEquals(Georeferencing.Source.NONE, g.source());
        } else {
            assertTrue(g.isGeoreferenced(), f + " is georeferenced for GDAL");
            assertGeoTransform(gdal.gt(), g.transform().toGdal(), f);
        }
        if (checkCrs) {
            if (gdal.epsg() != null) {
                assertNotNull(g.crs(), f + " CRS");
                assertEquals(gdal.epsg().intValue(), g.crs().epsgCode().orElse(-1), f + " EPSG code");
            }
            if (gdal.geographic() == null) {
                assertNull(g.crs(), f + " has no CRS for GDAL");
            } else {
                assertEquals(gdal.geographic(), g.crs().isGeographic(), f + " geographic");
            }
        }
    }

    /** Each value equal within 1e-9 of GDAL's (relative; exact where GDAL's is 0). */
    static void assertGeoTransform(double[] expected, double[] actual, String what) {
        assertEquals(6, actual.length);
        for (int i = 0; i < 6; i++) {
            assertEquals(expected[i], actual[i], Math.abs(expected[i]) * 1e-9,
                    what + " geotransform[" + i + "]: GDAL " + java.util.Arrays.toString(expected) + ", ours "
                            + java.util.Arrays.toString(actual));
        }
    }

    /**
     * Reads each window with {@link GeoImage#read} and compares every sample with GDAL's.
     *
     * @param tolerance the largest difference allowed (0 for lossless formats)
     * @return the largest difference seen
     */
    static double assertSamples(GeoImage image, List<Window> windows, List<double[]> expected, double tolerance)
            throws RooflineInputException {
        double worst = 0;
        for (int k = 0; k < windows.size(); k++) {
            Window w = windows.get(k);
            RasterWindow r = image.read(w.rectangle(), w.s());
            String what = image.file() + " window " + w.spec();
            int ow = (w.w() + w.s() - 1) / w.s();
            int oh = (w.h() + w.s() - 1) / w.s();
            assertEquals(ow, r.width(), what + " width");
            assertEquals(oh, r.height(), what + " height");
            double[] e = expected.get(k);
            assertEquals((long) ow * oh * r.bands(), e.length, what + " sample count");
            long bad = 0;
            String first = null;
            int idx = 0;
            for (int b = 0; b < r.bands(); b++) {
                for (int j = 0; j < oh; j++) {
                    for (int i = 0; i < ow; i++, idx++) {
                        double a = r.sampleDouble(i, j, b);
                        double d = Math.abs(a - e[idx]);
                        if (!(d <= tolerance) && !(Double.isNaN(a) && Double.isNaN(e[idx]))) {
                            bad++;
                            if (first == null) {
                                first = "band " + b + " (" + i + ", " + j + "): GDAL " + e[idx] + ", ours " + a;
                            }
                        }
                        if (Double.isFinite(d)) {
                            worst = Math.max(worst, d);
                        }
                    }
                }
            }
            if (bad > 0) {
                fail(what + ": " + bad + " samples differ from GDAL's by more than " + tolerance + ", first " + first);
            }
        }
        return worst;
    }
}
