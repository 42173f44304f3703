package org.roofline.inference.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads and writes {@link ModelMetadata} as the JSON file kept beside a model; the format is described in
 * {@link TorchScriptModel}.
 */
public final class ModelMetadataJson {

    private static final Set<String> KEYS = Set.of("name", "description", "tileSize", "overlap", "metresPerPixel",
            "bandOrder", "normalization", "output", "buildingChannel", "threshold", "channels");

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ModelMetadataJson() {
    }

    /**
     * Finds the metadata of a model file: {@code <base name>.json} beside it (e.g. {@code roofs.json} for
     * {@code roofs.pt}), else {@code model.json} in its directory.
     *
     * @param modelFile the model file
     * @return the metadata file
     * @throws ModelException if there is neither
     */
    public static Path locate(Path modelFile) throws ModelException {
        Path dir = modelFile.toAbsolutePath().getParent();
        String name = modelFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        Path sibling = dir.resolve(base + ".json");
        if (Files.isRegularFile(sibling)) {
            return sibling;
        }
        Path shared = dir.resolve("model.json");
        if (Files.isRegularFile(shared)) {
            return shared;
        }
        throw new ModelException("No metadata for model " + modelFile + ": expected " + sibling.getFileName()
                + " or model.json in " + dir);
    }

    /**
     * @param file a metadata JSON file
     * @return its metadata
     * @throws ModelException naming the file and the problem if it cannot be read, is not JSON, or is not valid
     */
    public static ModelMetadata read(Path file) throws ModelException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ModelException("Model metadata " + file + " not found", e);
        } catch (IOException e) {
            throw new ModelException("Model metadata " + file + " cannot be read: " + e.getMessage(), e);
        }
        String fallbackName = file.getFileName().toString().replaceFirst("\\.json$", "");
        try {
            return parse(text, fallbackName);
        } catch (IllegalArgumentException e) {
            throw new ModelException("Model metadata " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param json         metadata JSON text
     * @param fallbackName the name when the JSON gives none
     * @return the metadata
     * @throws IllegalArgumentException describing the problem if the text is not JSON or not valid metadata
     */
    public static ModelMetadata parse(String json, String fallbackName) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key \"" + key + "\" (known: " + String.join(", ",
                        new java.util.TreeSet<>(KEYS)) + ")");
            }
        }
        String name = root.has("name") ? text(root, "name") : fallbackName;
        int tileSize = integer(root, "tileSize", null);
        int overlap = integer(root, "overlap", 0);
        double mpp = number(root, "metresPerPixel", null);
        List<Integer> bands = new ArrayList<>();
        for (JsonNode b : array(root, "bandOrder")) {
            if (!b.isIntegralNumber() || b.asInt() < 1) {
                throw new IllegalArgumentException("bandOrder must list 1-based band numbers, found " + b);
            }
            bands.add(b.asInt());
        }
        ModelMetadata.Normalization normalization = normalization(root.get("normalization"), bands.size());
        String out = text(root, "output").toUpperCase(Locale.ROOT);
        ModelMetadata.Output output;
        try {
            output = ModelMetadata.Output.valueOf(out);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("output must be \"logits\" or \"sigmoid\", was \""
                    + root.get("output").asText() + "\"", e);
        }
        List<String> channels = new ArrayList<>();
        if (root.has("channels")) {
            for (JsonNode c : array(root, "channels")) {
                if (!c.isTextual()) {
                    throw new IllegalArgumentException("channels must list role names (" + String.join(", ",
                            ModelMetadata.ROLES) + "), found " + c);
                }
                channels.add(c.asText().toLowerCase(Locale.ROOT));
            }
        }
        int channel = integer(root, "buildingChannel",
                channels.contains(ModelMetadata.FOOTPRINT) ? channels.indexOf(ModelMetadata.FOOTPRINT) : 0);
        double threshold = number(root, "threshold", 0.5);
        return new ModelMetadata(name, tileSize, overlap, mpp, bands, normalization, output, channel, threshold,
                channels);
    }

    private static ModelMetadata.Normalization normalization(JsonNode node, int bands) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("missing \"normalization\" object ({\"kind\": \"mean_std\", \"mean\": [..],"
                    + " \"std\": [..]} or {\"kind\": \"min_max\", \"min\": [..], \"max\": [..]})");
        }
        String kind = text(node, "kind").toLowerCase(Locale.ROOT).replace('-', '_');
        String ka;
        String kb;
        ModelMetadata.Normalization.Kind k;
        switch (kind) {
            case "mean_std": k = ModelMetadata.Normalization.Kind.MEAN_STD; ka = "mean"; kb = "std"; break;
            case "min_max": k = ModelMetadata.Normalization.Kind.MIN_MAX; ka = "min"; kb = "max"; break;
            default: throw new IllegalArgumentException("normalization kind must be \"mean_std\" or \"min_max\", was \""
                    + kind + "\"");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("kind") && !key.equals(ka) && !key.equals(kb)) {
                throw new IllegalArgumentException("unknown normalization key \"" + key + "\" for kind " + kind
                        + " (expected \"" + ka + "\" and \"" + kb + "\")");
            }
        }
        List<Double> a = doubles(node, ka, "normalization." + ka);
        List<Double> b = doubles(node, kb, "normalization." + kb);
        if (a.size() != bands || b.size() != bands) {
            throw new IllegalArgumentException("normalization needs one " + ka + " and one " + kb + " per band of "
                    + "bandOrder (" + bands + "), found " + a.size() + " and " + b.size());
        }
        for (int i = 0; i < bands; i++) {
            double scale = k == ModelMetadata.Normalization.Kind.MEAN_STD ? b.get(i) : b.get(i) - a.get(i);
            if (!(scale != 0 && Double.isFinite(scale))) {
                throw new IllegalArgumentException("normalization of band " + (i + 1) + " divides by "
                        + scale + " (" + ka + " " + a.get(i) + ", " + kb + " " + b.get(i) + ")");
            }
        }
        return new ModelMetadata.Normalization(k, a, b);
    }

    private static List<Double> doubles(JsonNode node, String key, String label) {
        JsonNode arr = node.get(key);
        if (arr == null || !arr.isArray()) {
            throw new IllegalArgumentException("missing array \"" + label + "\"");
        }
        List<Double> values = new ArrayList<>();
        for (JsonNode v : arr) {
            if (!v.isNumber()) {
                throw new IllegalArgumentException(label + " must hold numbers, found " + v);
            }
            values.add(v.asDouble());
        }
        return values;
    }

    private static JsonNode array(JsonNode root, String key) {
        JsonNode node = root.get(key);
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException("missing array \"" + key + "\"");
        }
        return node;
    }

    private static String text(JsonNode root, String key) {
        JsonNode node = root.get(key);
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException("missing text \"" + key + "\"");
        }
        return node.asText();
    }

    private static int integer(JsonNode root, String key, Integer fallback) {
        JsonNode node = root.get(key);
        if (node == null && fallback != null) {
            return fallback;
        }
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new IllegalArgumentException((node == null ? "missing integer \"" + key + "\""
                    : "\"" + key + "\" must be an integer, was " + node));
        }
        return node.asInt();
    }

    private static double number(JsonNode root, String key, Double fallback) {
        JsonNode node = root.get(key);
        if (node == null && fallback != null) {
            return fallback;
        }
        if (node == null || !node.isNumber()) {
            throw new IllegalArgumentException((node == null ? "missing number \"" + key + "\""
                    : "\"" + key + "\" must be a number, was " + node));
        }
        return node.asDouble();
    }

    /**
     * @param metadata metadata
     * @return it as JSON, in the format {@link #parse} reads
     */
    public static String toJson(ModelMetadata metadata) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("name", metadata.name());
        root.put("tileSize", metadata.tileSize());
        root.put("overlap", metadata.overlap());
        root.put("metresPerPixel", metadata.metresPerPixel());
        ArrayNode bands = root.putArray("bandOrder");
        metadata.bandOrder().forEach(bands::add);
        ObjectNode n = root.putObject("normalization");
        boolean meanStd = metadata.normalization().kind() == ModelMetadata.Normalization.Kind.MEAN_STD;
        n.put("kind", meanStd ? "mean_std" : "min_max");
        ArrayNode a = n.putArray(meanStd ? "mean" : "min");
        metadata.normalization().a().forEach(a::add);
        ArrayNode b = n.putArray(meanStd ? "std" : "max");
        metadata.normalization().b().forEach(b::add);
        root.put("output", metadata.output().name().toLowerCase(Locale.ROOT));
        root.put("buildingChannel", metadata.buildingChannel());
        root.put("threshold", metadata.threshold());
        if (!metadata.channels().isEmpty()) {
            ArrayNode channels = root.putArray("channels");
            metadata.channels().forEach(channels::add);
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
