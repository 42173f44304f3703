package org.roofline.geometry.io.shapefile;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * GDAL as the independent judge of the Shapefile and GeoPackage files (test helper): its Python bindings describe a
 * file (count, CRS, fields, validity, values and geometries of chosen features). Tests call {@link #assumeAvailable()}:
 * without GDAL they are skipped, except under CI (environment variable {@code CI} set), where they fail.
 */
public final class Gdal {

    private static Boolean available;

    private Gdal() {
    }

    /** What GDAL sees in a vector file's first layer. */
    public record Report(String layer, long count, String geometryType, Integer epsg, List<String> fieldNames,
                         Map<String, String> fieldTypes, int invalid, int nullGeometries,
                         Map<Integer, Map<String, String>> values, Map<Integer, String> wkb) {

        /** @return a field's value in the feature at that position (0-based), null for NULL */
        public String value(int index, String field) {
            Map<String, String> row = values.get(index);
            if (row == null) {
                throw new AssertionError("feature " + index + " was not asked for");
            }
            return row.get(field);
        }

        /** @return the geometry GDAL read for the feature at that position (0-based), null for NULL */
        public Geometry geometry(int index) {
            String hex = wkb.get(index);
            if (hex == null) {
                throw new AssertionError("feature " + index + " was not asked for");
            }
            if (hex.equals("NULL")) {
                return null;
            }
            try {
                return new WKBReader(new GeometryFactory()).read(WKBReader.hexToBytes(hex));
            } catch (ParseException e) {
                throw new AssertionError("GDAL's WKB of feature " + index + " cannot be parsed", e);
            }
        }
    }

    public static String python() {
        return Files.isExecutable(Paths.get("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    /** @return whether ogrinfo and python3 with osgeo.ogr are there */
    public static synchronized boolean available() {
        if (available == null) {
            try {
                available = run(List.of(python(), "-c", "from osgeo import ogr, osr")).exit == 0
                        && run(List.of("ogrinfo", "--version")).exit == 0;
            } catch (IOException e) {
                available = false;
            }
        }
        return available;
    }

    /** Skips the test without GDAL, unless under CI, where GDAL is required. */
    public static void assumeAvailable() {
        if (!available()) {
            if (System.getenv("CI") != null) {
                fail("GDAL (ogrinfo, python3-gdal) is required under CI for the GDAL cross-checks");
            }
            assumeTrue(false, "GDAL (ogrinfo, python3-gdal) is not installed: cross-check skipped");
        }
    }

    /** Prints one tab-separated line per fact; backslash escapes for tab, newline and backslash; a backslash and N is NULL. */
    private static final String SCRIPT = """
            import sys
            from osgeo import ogr, osr, gdal
            gdal.PushErrorHandler('CPLQuietErrorHandler')
            ogr.UseExceptions()
            BS, TAB, NL, CR = chr(92), chr(9), chr(10), chr(13)
            def esc(v):
                if v is None:
                    return BS + 'N'
                s = v if isinstance(v, str) else repr(v)
                return s.replace(BS, BS + BS).replace(TAB, BS + 't').replace(NL, BS + 'n').replace(CR, BS + 'r')
            ds = ogr.Open(sys.argv[1])
            lyr = ds.GetLayer(0)
            wanted = None if sys.argv[2] == 'all' else set(int(x) for x in sys.argv[2].split(',') if x)
            out = []
            def emit(*parts):
                out.append(TAB.join(parts))
            emit('layer', esc(lyr.GetName()))
            emit('count', str(lyr.GetFeatureCount()))
            emit('gtype', ogr.GeometryTypeToName(lyr.GetGeomType()))
            srs = lyr.GetSpatialRef()
            epsg = ''
            if srs is not None:
                try:
                    srs.AutoIdentifyEPSG()
                except Exception:
                    pass
                if srs.GetAuthorityName(None) == 'EPSG':
                    epsg = srs.GetAuthorityCode(None) or ''
            emit('epsg', epsg)
            defn = lyr.GetLayerDefn()
            names = []
            for i in range(defn.GetFieldCount()):
                fd = defn.GetFieldDefn(i)
                names.append(fd.GetName())
                t = fd.GetFieldTypeName(fd.GetType())
                if fd.GetSubType() != ogr.OFSTNone:
                    t += '(' + ogr.GetFieldSubTypeName(fd.GetSubType()) + ')'
                emit('field', esc(fd.GetName()), t)
            invalid = 0
            nulls = 0
            index = 0
            for f in lyr:
                g = f.GetGeometryRef()
                if g is None:
                    nulls += 1
                elif not g.IsEmpty() and not g.IsValid():
                    invalid += 1
                if wanted is None or index in wanted:
                    for i, n in enumerate(names):
                        if not f.IsFieldSetAndNotNull(i):
                            v = None
                        elif defn.GetFieldDefn(i).GetType() in (ogr.OFTDateTime, ogr.OFTDate):
                            d = f.GetFieldAsDateTime(i)
                            v = '%04d-%02d-%02dT%02d:%02d:%06.3f|%d' % (d[0], d[1], d[2], d[3], d[4], d[5], d[6])
                        else:
                            v = f.GetField(i)
                        emit('value', str(index), esc(n), esc(v))
                    if wanted is not None:
                        emit('wkb', str(index), 'NULL' if g is None else bytes(g.ExportToWkb()).hex())
                index += 1
            emit('invalid', str(invalid))
            emit('nulls', str(nulls))
            sys.stdout.buffer.write((NL.join(out) + NL).encode('utf-8'))
            """;

    /**
     * @param features the positions (0-based, in reading order) of the features whose values and geometries to report, or
     *                 null for the values of all features (without geometries)
     */
    public static Report describe(Path file, Collection<Integer> features) throws IOException {
        String wanted = features == null ? "all"
                : features.stream().map(String::valueOf).collect(Collectors.joining(","));
        Result r = run(List.of(python(), "-c", SCRIPT, file.toString(), wanted));
        if (r.exit != 0) {
            throw new IOException("GDAL could not read " + file + ": " + r.err);
        }
        String layer = null;
        String gtype = null;
        long count = -1;
        Integer epsg = null;
        int invalid = -1;
        int nulls = -1;
        List<String> names = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        Map<Integer, Map<String, String>> values = new LinkedHashMap<>();
        Map<Integer, String> wkb = new LinkedHashMap<>();
        for (String line : r.out.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] p = line.split("\t", -1);
            switch (p[0]) {
                case "layer" -> layer = unescape(p[1]);
                case "count" -> count = Long.parseLong(p[1]);
                case "gtype" -> gtype = p[1];
                case "epsg" -> epsg = p[1].isEmpty() ? null : Integer.valueOf(p[1]);
                case "field" -> {
                    names.add(unescape(p[1]));
                    types.put(unescape(p[1]), p[2]);
                }
                case "value" -> values.computeIfAbsent(Integer.parseInt(p[1]), k -> new LinkedHashMap<>())
                        .put(unescape(p[2]), unescape(p[3]));
                case "wkb" -> wkb.put(Integer.parseInt(p[1]), p[2]);
                case "invalid" -> invalid = Integer.parseInt(p[1]);
                case "nulls" -> nulls = Integer.parseInt(p[1]);
                default -> throw new IOException("unexpected line from the GDAL script: " + line);
            }
        }
        return new Report(layer, count, gtype, epsg, names, types, invalid, nulls, values, wkb);
    }

    /** @return the output of {@code ogrinfo -so -al} (the summary with the layer's CRS) */
    public static String ogrinfoSummary(Path file) throws IOException {
        Result r = run(List.of("ogrinfo", "-ro", "-so", "-al", file.toString()));
        if (r.exit != 0) {
            throw new IOException("ogrinfo failed on " + file + ": " + r.err);
        }
        return r.out + r.err;
    }

    private static String unescape(String s) {
        if (s.equals("\\N")) {
            return null;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** The result of a command: exit status, standard output and error (UTF-8). */
    public record Result(int exit, String out, String err) {
    }

    public static Result run(List<String> command) throws IOException {
        Path out = Files.createTempFile("gdal-out", ".txt");
        Path err = Files.createTempFile("gdal-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("PYTHONIOENCODING", "utf-8");
            Process p = pb.start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + command.get(0));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
