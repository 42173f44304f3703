package org.roofline.geometry.crs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrsTest {

    /** ESRI WKT as GDAL 3.6 writes it ({@code gdalsrsinfo -o wkt_esri EPSG:n}), so without an EPSG authority. */
    static final String ESRI_2231 = "PROJCS[\"NAD_1983_StatePlane_Colorado_North_FIPS_0501_Feet\",GEOGCS[\"GCS_North_American_1983\","
            + "DATUM[\"D_North_American_1983\",SPHEROID[\"GRS_1980\",6378137.0,298.257222101]],PRIMEM[\"Greenwich\",0.0],"
            + "UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Lambert_Conformal_Conic\"],PARAMETER[\"False_Easting\",3000000.0],"
            + "PARAMETER[\"False_Northing\",1000000.0],PARAMETER[\"Central_Meridian\",-105.5],"
            + "PARAMETER[\"Standard_Parallel_1\",40.7833333333333],PARAMETER[\"Standard_Parallel_2\",39.7166666666667],"
            + "PARAMETER[\"Latitude_Of_Origin\",39.3333333333333],UNIT[\"US survey foot\",0.304800609601219]]";
    static final String ESRI_3857 = "PROJCS[\"WGS_1984_Web_Mercator_Auxiliary_Sphere\",GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\","
            + "SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],"
            + "PROJECTION[\"Mercator_Auxiliary_Sphere\"],PARAMETER[\"False_Easting\",0.0],PARAMETER[\"False_Northing\",0.0],"
            + "PARAMETER[\"Central_Meridian\",0.0],PARAMETER[\"Standard_Parallel_1\",0.0],PARAMETER[\"Auxiliary_Sphere_Type\",0.0],"
            + "UNIT[\"Meter\",1.0]]";
    /** Lambert Conformal Conic with one standard parallel and a scale factor, which ESRI names like the 2SP one. */
    static final String ESRI_22770 = "PROJCS[\"Deir_ez_Zor_Syria_Lambert\",GEOGCS[\"GCS_Deir_ez_Zor\",DATUM[\"D_Deir_ez_Zor\","
            + "SPHEROID[\"Clarke_1880_IGN\",6378249.2,293.466021293627]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],"
            + "PROJECTION[\"Lambert_Conformal_Conic\"],PARAMETER[\"False_Easting\",300000.0],PARAMETER[\"False_Northing\",300000.0],"
            + "PARAMETER[\"Central_Meridian\",37.35],PARAMETER[\"Standard_Parallel_1\",34.65],PARAMETER[\"Scale_Factor\",0.9996256],"
            + "PARAMETER[\"Latitude_Of_Origin\",34.65],UNIT[\"Meter\",1.0]]";
    static final String ESRI_2056 = "PROJCS[\"CH1903+_LV95\",GEOGCS[\"GCS_CH1903+\",DATUM[\"D_CH1903+\",SPHEROID[\"Bessel_1841\","
            + "6377397.155,299.1528128]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],"
            + "PROJECTION[\"Hotine_Oblique_Mercator_Azimuth_Center\"],PARAMETER[\"False_Easting\",2600000.0],"
            + "PARAMETER[\"False_Northing\",1200000.0],PARAMETER[\"Scale_Factor\",1.0],PARAMETER[\"Azimuth\",90.0],"
            + "PARAMETER[\"Longitude_Of_Center\",7.43958333333333],PARAMETER[\"Latitude_Of_Center\",46.9524055555556],"
            + "UNIT[\"Meter\",1.0]]";
    /** ISO WKT 2 of UTM 16N without any identifier. */
    static final String WKT2_UTM16N_NO_ID = "PROJCRS[\"WGS 84 / UTM zone 16N\",BASEGEOGCRS[\"WGS 84\",DATUM[\"World Geodetic System 1984\","
            + "ELLIPSOID[\"WGS 84\",6378137,298.257223563,LENGTHUNIT[\"metre\",1]]],PRIMEM[\"Greenwich\",0,"
            + "ANGLEUNIT[\"degree\",0.0174532925199433]]],CONVERSION[\"UTM zone 16N\",METHOD[\"Transverse Mercator\"],"
            + "PARAMETER[\"Latitude of natural origin\",0,ANGLEUNIT[\"degree\",0.0174532925199433]],"
            + "PARAMETER[\"Longitude of natural origin\",-87,ANGLEUNIT[\"degree\",0.0174532925199433]],"
            + "PARAMETER[\"Scale factor at natural origin\",0.9996,SCALEUNIT[\"unity\",1]],"
            + "PARAMETER[\"False easting\",500000,LENGTHUNIT[\"metre\",1]],"
            + "PARAMETER[\"False northing\",0,LENGTHUNIT[\"metre\",1]]],CS[Cartesian,2],"
            + "AXIS[\"(E)\",east,ORDER[1],LENGTHUNIT[\"metre\",1]],AXIS[\"(N)\",north,ORDER[2],LENGTHUNIT[\"metre\",1]]]";

    /**
     * Codes whose ESRI WKT (written by GDAL, so without an authority) Roofline identifies: geographic and projected,
     * metres and feet, TM, LCC 1SP and 2SP, Albers, LAEA, oblique stereographic, Hotine, polar stereographic, Mercator;
     * and codes whose WKT is built from their PROJ.4 definition (GDA2020, NAD83(2011) county systems).
     */
    static final int[] IDENTIFIED_FROM_ESRI = {4326, 4269, 4258, 4283, 4230, 32616, 32716, 32633, 26916, 25832, 2231, 2263,
        2994, 2876, 3857, 3395, 27700, 2154, 28992, 3035, 5070, 3577, 2056, 21781, 31370, 3006, 31467, 2193, 22770, 3413,
        3031, 3067, 2100, 3414, 7855, 7844, 7063, 7528};

    @TempDir
    Path tmp;

    @Test
    void epsgCodesHaveNamesAndKinds() {
        Crs utm = Crs.epsg(32616);
        assertEquals(OptionalInt.of(32616), utm.epsgCode());
        assertEquals("WGS 84 / UTM zone 16N", utm.name());
        assertEquals("EPSG:32616 (WGS 84 / UTM zone 16N)", utm.toString());
        assertFalse(utm.isGeographic());
        assertTrue(utm.canReproject());
        assertTrue(Crs.WGS84.isGeographic());
        assertEquals("EPSG:4326 (WGS 84)", Crs.WGS84.toString());
        assertSame(Crs.WGS84, Crs.epsg(4326));
        assertEquals("NAD83 / Colorado North (ftUS)", Crs.epsg(2231).name());
        assertEquals(Crs.epsg(32616), Crs.epsg(32616));
        assertEquals(Crs.epsg(32616).hashCode(), Crs.epsg(32616).hashCode());
        assertNotEquals(Crs.epsg(32616), Crs.epsg(32617));
        assertEquals("urn:ogc:def:crs:EPSG::32616", utm.urn());
    }

    @Test
    void parsesCodesUrnsAndWkt() {
        for (String s : List.of("EPSG:32616", "epsg:32616", " 32616 ", "urn:ogc:def:crs:EPSG::32616",
                "urn:ogc:def:crs:EPSG:9.8.15:32616", "http://www.opengis.net/def/crs/EPSG/0/32616")) {
            assertEquals(Crs.epsg(32616), Crs.parse(s), s);
        }
        for (String s : List.of("urn:ogc:def:crs:OGC:1.3:CRS84", "CRS:84", "OGC:CRS84",
                "http://www.opengis.net/def/crs/OGC/1.3/CRS84")) {
            assertSame(Crs.WGS84, Crs.parse(s), s);
        }
        assertEquals(Crs.epsg(2231), Crs.parse(ESRI_2231));
    }

    @Test
    void unknownCodesAndGarbageGiveClearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Crs.epsg(999999));
        assertTrue(e.getMessage().startsWith("unknown EPSG code 999999"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Crs.parse("EPSG:1"));
        assertTrue(e.getMessage().startsWith("unknown EPSG code 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Crs.parse("Mercator please"));
        assertTrue(e.getMessage().startsWith("unrecognised coordinate reference system 'Mercator please'"), e.getMessage());

        // truncated, misspelt keyword, wrong content, not a CRS, empty
        for (String garbled : List.of("GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257",
                "GEOGSC[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563]],PRIMEM[\"Greenwich\",0],"
                        + "UNIT[\"degree\",0.0174532925199433]]",
                "PROJCS[\"x\",GEOGCS[\"y\",DATUM[\"z\",SPHEROID[\"s\",6378137,298.25]],PRIMEM[\"Greenwich\",0],"
                        + "UNIT[\"degree\",0.0174532925199433]],PROJECTION[\"No_Such_Projection\"],UNIT[\"metre\",1]]",
                "SPHEROID[\"WGS 84\",6378137,298.257223563]")) {
            e = assertThrows(IllegalArgumentException.class, () -> Crs.fromWkt(garbled), garbled);
            assertTrue(e.getMessage().startsWith("not a valid WKT coordinate reference system: ")
                    || e.getMessage().startsWith("the WKT describes a "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
        e = assertThrows(IllegalArgumentException.class, () -> Crs.fromWkt("  "));
        assertEquals("not a valid WKT coordinate reference system: the text is empty", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Crs.fromWkt("GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\""));
        assertTrue(e.getMessage().contains("]"), "says what is missing: " + e.getMessage());
    }

    /** The real Boulder Shapefile's .prj is ESRI WKT without an authority: GCS_WGS_1984. */
    @Test
    void identifiesTheBoulderPrj() throws Exception {
        Path prj = ExternalTools.samples().resolve("boulder-mtbf33/boulder_buildings.prj");
        assumeTrue(Files.isRegularFile(prj), "sample not found: " + prj);
        String text = Files.readString(prj);
        assertTrue(text.contains("GCS_WGS_1984") && !text.contains("AUTHORITY"), text);
        Crs crs = Crs.fromWkt(text);
        assertEquals(OptionalInt.of(4326), crs.epsgCode());
        assertSame(Crs.WGS84, crs);
        assertSame(Crs.WGS84, Crs.fromWkt("\uFEFF" + text + "\r\n"), "with a byte-order mark and a line end");
    }

    @Test
    void identifiesEsriWktWithoutAuthority() {
        assertEquals(OptionalInt.of(2231), Crs.fromWkt(ESRI_2231).epsgCode(), "US survey feet, LCC 2SP");
        assertEquals(OptionalInt.of(3857), Crs.fromWkt(ESRI_3857).epsgCode(), "ESRI's Web Mercator");
        assertEquals(OptionalInt.of(22770), Crs.fromWkt(ESRI_22770).epsgCode(), "LCC 1SP under the 2SP name");
        assertEquals(OptionalInt.of(2056), Crs.fromWkt(ESRI_2056).epsgCode(), "Hotine oblique Mercator");
        assertEquals(OptionalInt.of(32616), Crs.fromWkt(WKT2_UTM16N_NO_ID).epsgCode(), "WKT 2 without ID");
        // the same LCC 1SP with a scale factor off by 1e-5 is a different CRS (5.6 m at the edge of its zone)
        Crs other = Crs.fromWkt(ESRI_22770.replace("0.9996256", "0.9996356"));
        assertEquals(OptionalInt.empty(), other.epsgCode());
    }

    /** GDAL's own ESRI WKT of many codes, identified back to the code: GDAL as the independent source of the text. */
    @Test
    void identifiesWhatGdalWritesAsEsriWkt() throws Exception {
        assumeTrue(ExternalTools.onPath("gdalsrsinfo"), "gdalsrsinfo (gdal-bin) is not on the PATH");
        List<String> wrong = new ArrayList<>();
        for (int code : IDENTIFIED_FROM_ESRI) {
            String esri = ExternalTools.run(null, "gdalsrsinfo", "--single-line", "-o", "wkt_esri", "EPSG:" + code).strip();
            OptionalInt found = Crs.fromWkt(esri).epsgCode();
            if (!found.equals(OptionalInt.of(code))) {
                wrong.add(code + " -> " + found + " from " + esri);
            }
            String wkt2 = ExternalTools.run(null, "gdalsrsinfo", "--single-line", "-o", "wkt2", "EPSG:" + code).strip();
            if (!Crs.fromWkt(wkt2).epsgCode().equals(OptionalInt.of(code))) {
                wrong.add(code + " (WKT 2) -> " + Crs.fromWkt(wkt2).epsgCode());
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** What Roofline writes is read back by GDAL as the same EPSG code, in both flavours. */
    @Test
    void gdalIdentifiesTheWktWeWrite() throws Exception {
        assumeTrue(ExternalTools.onPath("gdalsrsinfo"), "gdalsrsinfo (gdal-bin) is not on the PATH");
        List<String> wrong = new ArrayList<>();
        for (int code : new int[] {4326, 4269, 32616, 32716, 2231, 3857, 27700, 2154, 28992, 3035, 2056, 3413,
            7855, 7844, 7063, 7528}) {
            Crs crs = Crs.epsg(code);
            Path wkt1 = tmp.resolve(code + ".wkt");
            Files.writeString(wkt1, crs.toWkt1());
            Path prj = tmp.resolve(code + ".prj");
            Files.writeString(prj, crs.toEsriWkt());
            for (Path file : List.of(wkt1, prj)) {
                List<String> codes = ExternalTools.gdalEpsgCodes(file.toString());
                if (codes.isEmpty() || !codes.get(0).equals(Integer.toString(code))) {
                    wrong.add(file.getFileName() + " -> " + codes + ": " + Files.readString(file));
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** Codes for which proj4j-epsg has no WKT get one built from their PROJ.4 definition. */
    @Test
    void buildsWktFromProj4Definitions() {
        Crs gda2020 = Crs.epsg(7855);
        assertEquals("GDA2020 / MGA zone 55", gda2020.name());
        String wkt1 = gda2020.toWkt1();
        assertTrue(wkt1.startsWith("PROJCS[\"GDA2020 / MGA zone 55\", GEOGCS[\"GDA2020\", DATUM[\"GDA2020\", "
                + "SPHEROID[\"GRS 1980 (IUGG, 1980)\", 6378137.0, 298.257222101]]"), wkt1);
        assertTrue(wkt1.contains("PARAMETER[\"central_meridian\", 147.0]"), wkt1);
        assertTrue(wkt1.contains("PARAMETER[\"false_northing\", 10000000.0]"), wkt1);
        assertTrue(wkt1.endsWith("AUTHORITY[\"EPSG\", \"7855\"]]"), wkt1);
        assertEquals(gda2020, Crs.fromWkt(gda2020.toEsriWkt()));
        String feet = Crs.epsg(7063).toWkt1();
        assertTrue(feet.contains("PARAMETER[\"false_easting\", 17500000.0]") && feet.contains("US survey foot"), feet);
    }

    @Test
    void wktFlavours() {
        Crs feet = Crs.epsg(2231);
        String esri = feet.toEsriWkt();
        assertFalse(esri.contains("AXIS") || esri.contains("AUTHORITY") || esri.contains("TOWGS84"), esri);
        assertTrue(esri.contains("PROJECTION[\"Lambert_Conformal_Conic\"]"), esri);
        assertTrue(esri.contains("DATUM[\"D_"), esri);
        assertTrue(esri.contains("PARAMETER[\"False_Easting\", 3000000.0]"), "in feet, as ESRI writes it: " + esri);
        String wkt1 = feet.toWkt1();
        assertTrue(wkt1.startsWith("PROJCS[\"NAD83 / Colorado North (ftUS)\""), wkt1);
        assertTrue(wkt1.endsWith("AUTHORITY[\"EPSG\", \"2231\"]]"), wkt1);
        assertFalse(wkt1.contains("AXIS"), wkt1);
        assertFalse(wkt1.contains("\n"), wkt1);
        // both read back to the same CRS
        assertEquals(feet, Crs.fromWkt(wkt1));
        assertEquals(feet, Crs.fromWkt(esri));
        assertEquals(Crs.WGS84, Crs.fromWkt(Crs.WGS84.toEsriWkt()));
        assertEquals(Crs.epsg(3857), Crs.fromWkt(Crs.epsg(3857).toEsriWkt()));
    }

    @Test
    void aWktMatchingNoCodeIsKeptButCannotBeReprojected() {
        String custom = "PROJCS[\"Site grid\",GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,"
                + "298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],"
                + "PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"False_Easting\",1234.5],PARAMETER[\"False_Northing\",0.0],"
                + "PARAMETER[\"Central_Meridian\",-84.4],PARAMETER[\"Scale_Factor\",1.0],PARAMETER[\"Latitude_Of_Origin\",33.7],"
                + "UNIT[\"Meter\",1.0]]";
        Crs crs = Crs.fromWkt(custom);
        assertEquals(OptionalInt.empty(), crs.epsgCode());
        assertEquals("Site grid", crs.name());
        assertEquals("Site grid (no EPSG code)", crs.toString());
        assertFalse(crs.isGeographic());
        assertFalse(crs.canReproject());
        assertTrue(crs.toWkt1().contains("PARAMETER[\"false_easting\", 1234.5]"), crs.toWkt1());
        assertEquals(crs, Crs.fromWkt(crs.toWkt1()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CrsTransform.of(crs, Crs.WGS84));
        assertTrue(e.getMessage().contains("Site grid"), e.getMessage());
        assertThrows(IllegalStateException.class, crs::urn);
    }
}
