package org.roofline.scale;

import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.crs.GeodesicArea;
import org.roofline.geometry.footprint.ReviewStatus;
import scala.Tuple2;

/**
 * Writes one partition of a run's footprints as one GeoParquet 1.1 file, on the executor that holds it: the columns
 * of Roofline's footprint schema, the outline as WKB in column {@code geometry}, and in the footer the {@code geo}
 * metadata with the CRS as PROJJSON (its EPSG id), the geometry type and the file's bounding box.
 *
 * <p>A file's name is its partition's ({@code part-00003.parquet}); it is written under a temporary name and renamed
 * when complete, so a retried or speculative task writes the same file again and a reader never sees half of one.
 */
final class GeoParquetPartition {

    static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message footprint {
              required int64 id;
              required binary geometry;
              required binary status (STRING);
              optional double confidence;
              optional double area_m2;
              optional double area_px;
              required int64 vertices;
              optional binary method (STRING);
              required boolean regularized;
              optional binary source (STRING);
            }""");

    private GeoParquetPartition() {
    }

    /** Writes {@code rows} (id, part) as {@code directory/part-NNNNN.parquet}; nothing for an empty partition. */
    static void write(String directory, int partition, Iterator<Tuple2<Part, Long>> rows, String crsText)
            throws IOException {
        if (!rows.hasNext()) {
            return;
        }
        Crs crs = UnitExtraction.crsOf(crsText);
        boolean geodesic = crs != null && crs.canReproject();
        GeometryFactory gf = new GeometryFactory();
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        Configuration conf = new Configuration();
        String name = String.format(Locale.ROOT, "part-%05d.parquet", partition);
        Path temp = new Path(directory, "." + name + ".tmp");
        Path target = new Path(directory, name);
        Envelope bbox = new Envelope();
        // the bbox in the footer needs every row first: a partition (a few units' footprints) is held in memory
        java.util.List<Group> pending = new java.util.ArrayList<>();
        while (rows.hasNext()) {
            Tuple2<Part, Long> row = rows.next();
            Part p = row._1();
            Polygon polygon = p.polygon(gf);
            bbox.expandToInclude(polygon.getEnvelopeInternal());
            Group g = groups.newGroup()
                    .append("id", row._2() + 1)
                    .append("geometry", Binary.fromConstantByteArray(p.wkb()))
                    .append("status", ReviewStatus.PENDING.code())
                    .append("vertices", (long) p.footprint(row._2() + 1, gf).vertexCount())
                    .append("regularized", p.regularized());
            if (!Double.isNaN(p.confidence())) {
                g.append("confidence", p.confidence());
            }
            if (geodesic) {
                g.append("area_m2", GeodesicArea.squareMetres(polygon, crs));
            } else if (crs == null) {
                g.append("area_px", polygon.getArea());
            }
            if (p.method() != null) {
                g.append("method", p.method());
            }
            if (p.source() != null) {
                g.append("source", p.source());
            }
            pending.add(g);
        }
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(temp).withConf(conf).withType(SCHEMA)
                .withCompressionCodec(CompressionCodecName.SNAPPY).withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withExtraMetaData(Map.of("geo", geoMetadata(crs, bbox))).build()) {
            for (Group g : pending) {
                writer.write(g);
            }
        }
        FileSystem fs = target.getFileSystem(conf);
        fs.delete(target, false);
        if (!fs.rename(temp, target)) {
            throw new IOException("cannot rename " + temp + " to " + target);
        }
        fs.delete(new Path(directory, "." + name + ".tmp.crc"), false);
    }

    /** The GeoParquet 1.1 {@code geo} metadata: the primary column, WKB, polygons, the CRS as PROJJSON, the bbox. */
    static String geoMetadata(Crs crs, Envelope bbox) {
        String box = bbox.isNull() ? "" : String.format(Locale.ROOT, ",\"bbox\":[%s,%s,%s,%s]",
                bbox.getMinX(), bbox.getMinY(), bbox.getMaxX(), bbox.getMaxY());
        return "{\"version\":\"1.1.0\",\"primary_column\":\"geometry\",\"columns\":{\"geometry\":{"
                + "\"encoding\":\"WKB\",\"geometry_types\":[\"Polygon\"],\"crs\":" + projJson(crs) + box + "}}}";
    }

    /**
     * The CRS as PROJJSON, as far as Roofline knows it: its type, its name and its EPSG id (readers such as GDAL and
     * GeoPandas resolve the id); JSON null (unknown) for pixel coordinates or a CRS without an EPSG code.
     */
    static String projJson(Crs crs) {
        if (crs == null || crs.epsgCode().isEmpty()) {
            return "null";
        }
        return "{\"$schema\":\"https://proj.org/schemas/v0.7/projjson.schema.json\",\"type\":\""
                + (crs.isGeographic() ? "GeographicCRS" : "ProjectedCRS") + "\",\"name\":\""
                + crs.name().replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"id\":{\"authority\":\"EPSG\","
                + "\"code\":" + crs.epsgCode().getAsInt() + "}}";
    }
}
