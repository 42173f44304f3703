package org.roofline.geometry.io.osm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.crs.ExternalTools;
import org.roofline.geometry.io.VectorLayer;
import org.roofline.geometry.io.reference.ReferenceReader;

class OsmXmlTest {

    private static final GeometryFactory GF = new GeometryFactory();

    @TempDir
    Path dir;

    /**
     * A JOSM-like file: a closed building way sharing a node with a non-building way, an open building way, a way
     * whose node is missing, a deleted building, a multipolygon whose outer ring is two ways (one reversed) with a
     * hole, and a two-outer multipolygon.
     */
    static final String SAMPLE = """
            <?xml version='1.0' encoding='UTF-8'?>
            <osm version='0.6' generator='JOSM'>
              <node id='1' version='3' lat='27.0' lon='85.0' />
              <node id='2' version='1' lat='27.0' lon='85.0001' />
              <node id='3' version='1' lat='27.0001' lon='85.0001' />
              <node id='4' version='2' lat='27.0001' lon='85.0'><tag k='entrance' v='yes'/></node>
              <node id='10' lat='27.001' lon='85.0' version='1'/>
              <node id='11' lat='27.001' lon='85.001' version='1'/>
              <node id='12' lat='27.002' lon='85.001' version='1'/>
              <node id='13' lat='27.002' lon='85.0' version='1'/>
              <node id='14' lat='27.0013' lon='85.0003' version='1'/>
              <node id='15' lat='27.0013' lon='85.0006' version='1'/>
              <node id='16' lat='27.0016' lon='85.0006' version='1'/>
              <node id='17' lat='27.0016' lon='85.0003' version='1'/>
              <node id='20' lat='27.003' lon='85.0' version='1'/>
              <node id='21' lat='27.003' lon='85.0001' version='1'/>
              <node id='22' lat='27.0031' lon='85.0001' version='1'/>
              <way id='100' version='7'>
                <nd ref='1'/><nd ref='2'/><nd ref='3'/><nd ref='4'/><nd ref='1'/>
                <tag k='building' v='house'/><tag k='name' v='A &amp; B'/>
              </way>
              <way id='101' version='1'><nd ref='2'/><nd ref='20'/><tag k='highway' v='path'/></way>
              <way id='102' version='1'><nd ref='20'/><nd ref='21'/><nd ref='22'/><tag k='building' v='yes'/></way>
              <way id='103' version='1'><nd ref='20'/><nd ref='21'/><nd ref='99'/><nd ref='20'/>
                <tag k='building' v='yes'/></way>
              <way id='104' version='1' action='delete'><nd ref='20'/><nd ref='21'/><nd ref='22'/><nd ref='20'/>
                <tag k='building' v='yes'/></way>
              <way id='105' version='1'><nd ref='20'/><nd ref='21'/><nd ref='22'/><nd ref='20'/>
                <tag k='building' v='no'/></way>
              <way id='200' version='1'><nd ref='10'/><nd ref='11'/><nd ref='12'/></way>
              <way id='201' version='1'><nd ref='10'/><nd ref='13'/><nd ref='12'/></way>
              <way id='202' version='1'><nd ref='14'/><nd ref='15'/><nd ref='16'/><nd ref='17'/><nd ref='14'/></way>
              <relation id='300' version='4'>
                <member type='way' ref='200' role='outer'/><member type='way' ref='201' role='outer'/>
                <member type='way' ref='202' role='inner'/>
                <tag k='type' v='multipolygon'/><tag k='building' v='school'/>
              </relation>
              <relation id='301' version='1'>
                <member type='way' ref='202' role='outer'/><member type='way' ref='102' role='outer'/>
                <tag k='type' v='multipolygon'/><tag k='building' v='yes'/>
              </relation>
            </osm>
            """;

    @Test
    void readsWaysAndMultipolygons() throws IOException {
        Path file = dir.resolve("map.osm");
        Files.writeString(file, SAMPLE);
        OsmXmlReader.Result r = new OsmXmlReader().readBuildings(file);
        assertEquals(List.of(100L, 300L), r.buildings().stream().map(OsmBuilding::id).toList());
        assertEquals(3, r.incomplete(), "the open way 102, way 103 with a missing node, relation 301 with an open ring");

        OsmBuilding way = r.buildings().get(0);
        assertEquals(OsmType.WAY, way.type());
        assertEquals(7, way.version());
        assertEquals(Map.of("building", "house", "name", "A & B"), way.tags());
        assertEquals(4, way.nodes().size());
        assertEquals(List.of(true, false, true, false), way.nodes().stream().map(OsmNode::removable).toList(),
                "node 2 is on the path too, node 4 has tags");
        assertEquals(3, way.nodes().get(0).version());
        assertEquals(1e-8, way.geometry().getArea(), 1e-15);

        OsmBuilding school = r.buildings().get(1);
        assertEquals(OsmType.RELATION, school.type());
        assertEquals(4, school.version());
        Polygon p = assertInstanceOf(Polygon.class, school.geometry());
        assertEquals(1, p.getNumInteriorRing());
        assertEquals(1e-6 - 9e-8, p.getArea(), 1e-12);
        assertTrue(p.isValid());

        VectorLayer layer = ReferenceReader.read(file);
        assertEquals(Crs.WGS84, layer.crs());
        assertEquals("map", layer.name());
        assertEquals(List.of("osm_type", "osm_id", "osm_version", "building", "name", "type"),
                layer.fields().stream().map(f -> f.name()).toList());
        assertEquals("relation", layer.features().get(1).get("osm_type"));
        assertEquals(300L, layer.features().get(1).get("osm_id"));
        assertEquals("school", layer.features().get(1).get("building"));
        assertEquals(null, layer.features().get(1).get("name"));
    }

    @Test
    void twoOuterRingsMakeAMultiPolygon() throws IOException {
        Path file = dir.resolve("two.osm");
        Files.writeString(file, SAMPLE.replace("<nd ref='20'/><nd ref='21'/><nd ref='22'/><tag k='building' v='yes'/>",
                "<nd ref='20'/><nd ref='21'/><nd ref='22'/><nd ref='20'/>"));
        OsmBuilding b = new OsmXmlReader().readBuildings(file).buildings().get(2);
        assertEquals(301, b.id());
        assertEquals(2, assertInstanceOf(MultiPolygon.class, b.geometry()).getNumGeometries());
    }

    @Test
    void notOsmOrNotXmlIsOneLine() throws IOException {
        Path html = dir.resolve("a.osm");
        Files.writeString(html, "<html><body/></html>");
        IOException e = assertThrows(IOException.class, () -> new OsmXmlReader().read(html));
        assertEquals(html + ": not OSM XML (the root element is <html>, not <osm>)", e.getMessage());
        Files.writeString(html, "{\"type\": \"FeatureCollection\"}");
        assertTrue(assertThrows(IOException.class, () -> new OsmXmlReader().read(html)).getMessage()
                .startsWith(html + ": not valid XML"));
        Files.writeString(html, "<osm><node id='1' lat='x' lon='2'/></osm>");
        assertTrue(assertThrows(IOException.class, () -> new OsmXmlReader().read(html)).getMessage()
                .startsWith(html + ": a number that is not one"));
    }

    /**
     * {@code ogrinfo} of the multipolygons layer; GDAL's OSM driver needs its custom node index off for negative (new)
     * node ids, as JOSM writes them.
     */
    static String ogrinfo(Path osm) throws IOException, InterruptedException {
        String out = ExternalTools.run(null, "ogrinfo", "--config", "OSM_USE_CUSTOM_INDEXING", "NO", "-ro", "-q",
                osm.toString(), "multipolygons");
        assertFalse(out.contains("ERROR"), out);
        return out;
    }

    static Polygon square(double lon, double lat, double size) {
        return GF.createPolygon(new Coordinate[] {new Coordinate(lon, lat), new Coordinate(lon + size, lat),
            new Coordinate(lon + size, lat + size), new Coordinate(lon, lat + size), new Coordinate(lon, lat)});
    }

    @Test
    void changeFileRoundTripsAndGdalReadsIt() throws IOException, InterruptedException {
        Path in = dir.resolve("map.osm");
        Files.writeString(in, SAMPLE.replace("</osm>", """
                  <node id='30' lat='27.004' lon='85.0' version='2'/>
                  <node id='31' lat='27.004' lon='85.0001' version='2'/>
                  <node id='32' lat='27.0041' lon='85.0001' version='2'/>
                  <way id='110' version='2'><nd ref='30'/><nd ref='31'/><nd ref='32'/><nd ref='30'/>
                    <tag k='building' v='hut'/></way>
                </osm>"""));
        List<OsmBuilding> read = new OsmXmlReader().readBuildings(in).buildings();
        OsmBuilding house = read.get(0);
        OsmBuilding hut = read.get(1);
        assertEquals(110, hut.id());
        Polygon courtyard = (Polygon) square(85.01, 27.01, 0.0002).difference(square(85.01005, 27.01005, 0.0001));
        Path out = dir.resolve("changes.osm");
        new OsmChangeWriter("Banepa drone mosaic 2024").write(List.of(
                new OsmChangeWriter.Create(square(85.002, 27.0, 0.0001)),
                new OsmChangeWriter.Create(courtyard),
                new OsmChangeWriter.Modify(house, square(85.00001, 27.0, 0.0001)),
                new OsmChangeWriter.Delete(hut)), out);
        String xml = Files.readString(out);
        assertTrue(xml.contains("<way id=\"100\" action=\"modify\" version=\"7\""), xml);
        assertTrue(xml.contains("<way id=\"110\" action=\"delete\" version=\"2\""), xml);
        assertTrue(xml.contains("<node id=\"1\" action=\"modify\" version=\"3\" visible=\"true\" lat=\"27.0000000\" "
                + "lon=\"85.0000100\"/>"), "a removable node moved");
        assertFalse(Pattern.compile("<node id=\"[24]\"").matcher(xml).find(), "shared and tagged nodes untouched");
        assertTrue(xml.contains("<tag k=\"source\" v=\"Banepa drone mosaic 2024\"/>"));
        assertTrue(xml.contains("<tag k=\"name\" v=\"A &amp; B\"/>"));

        OsmXmlReader.Result back = new OsmXmlReader().readBuildings(out);
        assertEquals(3, back.buildings().size(), "the deleted way is not read back");
        OsmBuilding created = back.buildings().get(0);
        assertTrue(created.id() < 0);
        assertEquals(Map.of("building", "yes", "source", "Banepa drone mosaic 2024"), created.tags());
        assertTrue(created.geometry().equalsExact(square(85.002, 27.0, 0.0001), 1e-9));
        OsmBuilding modified = back.buildings().get(1);
        assertEquals(100, modified.id());
        assertEquals(7, modified.version());
        assertEquals(house.tags(), modified.tags());
        assertTrue(modified.geometry().equalsExact(square(85.00001, 27.0, 0.0001), 1e-9));
        OsmBuilding relation = back.buildings().get(2);
        assertEquals(OsmType.RELATION, relation.type());
        assertEquals(courtyard.getArea(), relation.geometry().getArea(), 1e-15);

        assertThrows(IllegalArgumentException.class, () -> new OsmChangeWriter("x").write(List.of(
                new OsmChangeWriter.Delete(hut), new OsmChangeWriter.Delete(hut)), dir.resolve("twice.osm")));
        assertThrows(IllegalArgumentException.class, () -> new OsmChangeWriter.Delete(read.get(2)));
        assertThrows(IllegalArgumentException.class, () -> new OsmChangeWriter.Modify(house, courtyard));
        assertThrows(IllegalArgumentException.class, () -> new OsmChangeWriter(" "));

        assumeTrue(ExternalTools.onPath("ogrinfo"), "GDAL's ogrinfo is not installed");
        String gdal = ogrinfo(out);
        // GDAL reads every element, the deleted way (whose nodes the file keeps) included
        assertEquals(4, Pattern.compile("OGRFeature\\(multipolygons\\)").matcher(gdal).results().count(), gdal);
        assertTrue(gdal.contains("osm_way_id (String) = 100"), gdal);
        assertTrue(gdal.contains("building (String) = house"), gdal);
        assertTrue(gdal.contains("osm_id (String) = -"), "the new relation: " + gdal);
    }
}
