package org.roofline.inference.imagery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.roofline.geometry.crs.Crs;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The georeferencing GDAL keeps in a "persistent auxiliary metadata" (PAM) sidecar, {@code <image file>.aux.xml}:
 * the {@code <GeoTransform>} (six numbers in GDAL order), the {@code <SRS>} (WKT or {@code EPSG:n}), and the
 * {@code <NoDataValue>} of the first {@code <PAMRasterBand>}. Everything else in the file (statistics, histograms,
 * metadata) is ignored.
 *
 * <p>Parsed with the JDK's DOM parser, with DOCTYPEs and external entities refused (a sidecar is data, not a
 * document that may pull in other files).
 *
 * @param file         the sidecar
 * @param geoTransform the pixel-to-map transform, or null when the sidecar has none
 * @param crs          the CRS, or null when the sidecar has none
 * @param nodata       the first band's no-data value, if any
 */
record PamSidecar(Path file, PixelToMap geoTransform, Crs crs, OptionalDouble nodata) {

    /** Larger sidecars are refused: real ones are a few kilobytes (a few hundred with histograms). */
    static final long MAX_BYTES = 16L << 20;

    /** @return where GDAL keeps the sidecar of an image: the image's file name plus {@code .aux.xml} */
    static Path pathFor(Path image) {
        return image.resolveSibling(image.getFileName() + ".aux.xml");
    }

    /**
     * Reads the sidecar of an image, if there is one.
     *
     * @throws RooflineInputException naming the sidecar, when it exists but cannot be read or understood
     */
    static Optional<PamSidecar> read(Path image) throws RooflineInputException {
        Path file = pathFor(image);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Document doc = parse(file);
        Element root = doc.getDocumentElement();
        if (!"PAMDataset".equals(root.getTagName())) {
            throw new RooflineInputException(file, "not a GDAL PAM file: the root element is <" + root.getTagName()
                    + ">, not <PAMDataset>");
        }
        PixelToMap transform = null;
        Element gt = child(root, "GeoTransform");
        if (gt != null) {
            transform = geoTransform(file, gt.getTextContent());
        }
        Crs crs = null;
        Element srs = child(root, "SRS");
        if (srs != null && !srs.getTextContent().isBlank()) {
            try {
                crs = SisReferencing.crsFromText(srs.getTextContent());
            } catch (IllegalArgumentException e) {
                throw new RooflineInputException(file, "cannot understand the <SRS> coordinate system: "
                        + e.getMessage(), e);
            }
        }
        OptionalDouble nodata = OptionalDouble.empty();
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element band && "PAMRasterBand".equals(band.getTagName())
                    && "1".equals(band.getAttribute("band").strip())) {
                Element nd = child(band, "NoDataValue");
                if (nd != null) {
                    try {
                        nodata = OptionalDouble.of(parseGdalDouble(nd.getTextContent()));
                    } catch (NumberFormatException e) {
                        throw new RooflineInputException(file, "<NoDataValue> is not a number: \""
                                + abbreviate(nd.getTextContent()) + "\"", e);
                    }
                }
            }
        }
        return Optional.of(new PamSidecar(file, transform, crs, nodata));
    }

    private static Document parse(Path file) throws RooflineInputException {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new RooflineInputException(file, "too large for a GDAL PAM sidecar (" + (size >> 20)
                        + " MB, limit " + (MAX_BYTES >> 20) + " MB)");
            }
            if (size == 0) {
                throw new RooflineInputException(file, "empty file (0 bytes), not a GDAL PAM sidecar");
            }
            DocumentBuilder builder = secureFactory().newDocumentBuilder();
            builder.setErrorHandler(new ErrorHandler() { // throw, and print nothing on the console
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            try (InputStream in = Files.newInputStream(file)) {
                return builder.parse(in, file.toUri().toString());
            }
        } catch (SAXParseException e) {
            throw new RooflineInputException(file, "not well-formed XML (line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + "): " + e.getMessage(), e);
        } catch (SAXException | ParserConfigurationException e) {
            throw new RooflineInputException(file, "cannot parse the XML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new RooflineInputException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static DocumentBuilderFactory secureFactory() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(false);
        return f;
    }

    private static Element child(Element parent, String name) {
        NodeList list = parent.getChildNodes();
        for (int i = 0; i < list.getLength(); i++) {
            if (list.item(i) instanceof Element e && name.equals(e.getTagName())) {
                return e;
            }
        }
        return null;
    }

    private static PixelToMap geoTransform(Path file, String text) throws RooflineInputException {
        String[] parts = text.strip().split("\\s*,\\s*");
        if (parts.length != 6) {
            throw new RooflineInputException(file, "<GeoTransform> must hold 6 comma-separated numbers, found "
                    + (text.isBlank() ? 0 : parts.length) + ": \"" + abbreviate(text) + "\"");
        }
        double[] gt = new double[6];
        for (int i = 0; i < 6; i++) {
            try {
                gt[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new RooflineInputException(file, "<GeoTransform> value " + (i + 1) + " is not a number: \""
                        + abbreviate(parts[i]) + "\"", e);
            }
        }
        try {
            return PixelToMap.fromGdal(gt);
        } catch (IllegalArgumentException e) {
            throw new RooflineInputException(file, "<GeoTransform> is " + e.getMessage(), e);
        }
    }

    /** Parses a number as GDAL writes it: also {@code nan}, {@code inf}, {@code -inf} in any case. */
    static double parseGdalDouble(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "nan", "-nan", "+nan" -> Double.NaN;
            case "inf", "+inf", "infinity", "+infinity", "1.#inf" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity", "-1.#inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(t);
        };
    }

    static String abbreviate(String s) {
        String t = RooflineInputException.oneLine(s);
        return t.length() <= 60 ? t : t.substring(0, 57) + "...";
    }
}
