package org.roofline.geometry.synthetic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.roofline.geometry.mask.BitMask;
import org.roofline.geometry.mask.PolygonRasterizer;

/**
 * Generates a realistic noisy building mask together with its exact ground truth, for benchmarks and quality tests of
 * the post-processing chain.
 *
 * <p><b>Layout.</b> The scene is cut into a grid of cells of about {@code sqrt(width * height / buildings)} pixels (at
 * least {@value SyntheticMaskSpec#MIN_CELL_SIZE}); each occupied cell holds one building, or one pair of attached
 * buildings, placed at a random position inside the cell with a margin of {@value #MARGIN} px to the cell's border,
 * so ground-truth buildings of different cells are at least 3 px apart. Cells left over (the grid is sized for one
 * building a cell, pairs take one cell for two) are chosen at random and stay empty, like parks.
 *
 * <p><b>Buildings.</b> A building's extent is 50–85% of its cell (20–35 px at the default 41 px cell), its short side
 * 55–100% of its long side. Its shape is a circle (a 32-gon, 3%), a large rectangle with a rectangular courtyard hole
 * ({@link SyntheticMaskSpec#courtyardFraction()}, 8% by default; walls at least 4 px), an L (15%), a T (15%), a U
 * (14%), or else a plain rectangle (about 45%). It is rotated by a multiple of 90 degrees plus either a small angle
 * within ±3 degrees ({@link SyntheticMaskSpec#axisAlignedFraction()}, 40%: real towns are often gridded) or a uniform
 * angle in [0, 180). A share {@link SyntheticMaskSpec#touchingFraction()} (10%) of the buildings come as attached
 * pairs: a rectangle (60–85% of the cell, short side 45–70% of the long one) split across its long axis at 35–65% of
 * its length into two ground-truth rectangles that share a wall exactly. Sizes shrink where a rotated building would
 * not otherwise fit its cell.
 *
 * <p><b>Mask.</b> Each building is rasterized with {@link PolygonRasterizer} (pixel centre inside) into a small
 * window around it, perturbed there, and OR-ed into the shared mask, so the cost is proportional to the buildings'
 * area, not to buildings × scene. The perturbations:
 * <ul>
 *   <li>attached pairs: the pixels within 0.5 px of their shared wall are cleared along 65–80% of its length, from one
 *       end, leaving a bridge where the two merge in the mask (as a segmentation network tends to do);</li>
 *   <li>ragged edges: each boundary pixel of the clean building (foreground with a background 4-neighbour, or
 *       background with a foreground 4-neighbour) is flipped with
 *       {@link SyntheticMaskSpec#boundaryFlipProbability()} (0.2), or with
 *       {@link SyntheticMaskSpec#bumpProbability()} (0.03) flipped together with the next pixel away from the
 *       boundary, a 2-pixel bump or dent;</li>
 *   <li>pinholes: with {@link SyntheticMaskSpec#pinholeProbability()} (0.15) a building loses 1 or 2 interior
 *       pixels;</li>
 *   <li>speckle: {@link SyntheticMaskSpec#specklePerMegapixel()} (200) random 4-connected blobs of 1–6 pixels per
 *       million pixels, seeded on background pixels anywhere in the scene (a few end up touching a building).</li>
 * </ul>
 * With the default spec the noisy mask has an IoU of about 0.91 with the rasterized ground truth (0.908 for the
 * default seed: mostly the ragged edges, then the wall gaps, speckle and pinholes). The 4096 x 4096 scene of 10,000
 * buildings takes about 0.3 s once the JIT has warmed up, about 1 s in a cold JVM.
 *
 * <p><b>Ground truth</b> is the exact unperturbed polygons in pixel coordinates (x right, y down, (0, 0) the top-left
 * corner of the top-left pixel): valid, pairwise non-overlapping, in raster order of their cells. The same spec always
 * gives the same scene ({@link SplittableRandom} streams from the seed). Layout and pixel noise draw from separate
 * streams, so specs differing only in the pixel-noise knobs (flip, bump, pinhole, speckle) have the same ground
 * truth.
 */
public final class SyntheticMaskGenerator {

    /** Distance kept between a building and its cell's border, px. */
    static final double MARGIN = 1.5;
    /** Pixels around a building's envelope in its working window: room for 2-pixel bumps and their neighbours. */
    private static final int WINDOW_PAD = 3;
    private static final double CIRCLE_FRACTION = 0.03;
    private static final double L_FRACTION = 0.15;
    private static final double T_FRACTION = 0.15;
    private static final double U_FRACTION = 0.14;
    private static final int CIRCLE_VERTICES = 32;
    private static final double MIN_WALL = 4;
    private static final GeometryFactory GF = new GeometryFactory();

    private final SyntheticMaskSpec spec;
    /** Draws the layout and shapes: independent of the noise knobs, so they change the noise only. */
    private final SplittableRandom random;
    /** Draws the pixel noise. */
    private final SplittableRandom noise;
    private final BitMask mask;
    private final List<Polygon> groundTruth;
    private boolean[] clean = new boolean[0];
    private boolean[] noisy = new boolean[0];

    private SyntheticMaskGenerator(SyntheticMaskSpec spec) {
        this.spec = spec;
        SplittableRandom root = new SplittableRandom(spec.seed());
        this.random = root.split();
        this.noise = root.split();
        this.mask = new BitMask(spec.width(), spec.height());
        this.groundTruth = new ArrayList<>(spec.buildings());
    }

    /**
     * Generates the scene a spec describes.
     *
     * @return the noisy mask and exactly {@link SyntheticMaskSpec#buildings()} ground-truth polygons
     */
    public static SyntheticScene generate(SyntheticMaskSpec spec) {
        Objects.requireNonNull(spec, "spec");
        SyntheticMaskGenerator g = new SyntheticMaskGenerator(spec);
        g.placeBuildings();
        g.addSpeckle();
        return new SyntheticScene(g.mask, g.groundTruth);
    }

    private void placeBuildings() {
        int buildings = spec.buildings();
        if (buildings == 0) {
            return;
        }
        // Sites: single buildings or attached pairs. A site is a pair with probability q = f / (2 - f), so that the
        // expected share of buildings in pairs is f.
        double f = spec.touchingFraction();
        double q = f / (2 - f);
        boolean[] pair = new boolean[buildings];
        int sites = 0;
        for (int remaining = buildings; remaining > 0; sites++) {
            pair[sites] = remaining >= 2 && random.nextDouble() < q;
            remaining -= pair[sites] ? 2 : 1;
        }
        int[] grid = layout(spec.width(), spec.height(), buildings);
        int cols = grid[0];
        int rows = grid[1];
        double cellW = (double) spec.width() / cols;
        double cellH = (double) spec.height() / rows;
        int[] cells = new int[cols * rows];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = i;
        }
        for (int i = 0; i < sites; i++) { // partial Fisher-Yates shuffle: the first `sites` cells are a random pick
            int j = i + random.nextInt(cells.length - i);
            int t = cells[i];
            cells[i] = cells[j];
            cells[j] = t;
        }
        int[] chosen = Arrays.copyOf(cells, sites);
        Arrays.sort(chosen);
        for (int s = 0; s < sites; s++) {
            int col = chosen[s] % cols;
            int row = chosen[s] / cols;
            Envelope cell = new Envelope(col * cellW, (col + 1) * cellW, row * cellH, (row + 1) * cellH);
            placeSite(cell, pair[s]);
        }
    }

    /**
     * The grid for {@code buildings} cells: about square cells of {@code sqrt(w h / buildings)}, none smaller than
     * the minimum cell.
     *
     * @return {columns, rows}
     */
    static int[] layout(int width, int height, int buildings) {
        int maxCols = Math.max(1, width / SyntheticMaskSpec.MIN_CELL_SIZE);
        int maxRows = Math.max(1, height / SyntheticMaskSpec.MIN_CELL_SIZE);
        double cell = Math.sqrt((double) width * height / buildings);
        int cols = (int) Math.max(1, Math.min(maxCols, Math.floor(width / cell)));
        int rows = (int) Math.ceil((double) buildings / cols);
        if (rows > maxRows) {
            rows = maxRows;
            cols = (int) Math.ceil((double) buildings / rows);
        }
        return new int[] {cols, rows};
    }

    private void placeSite(Envelope cell, boolean isPair) {
        double availW = cell.getWidth() - 2 * MARGIN;
        double availH = cell.getHeight() - 2 * MARGIN;
        double cellMin = Math.min(cell.getWidth(), cell.getHeight());
        double theta = random.nextDouble() < spec.axisAlignedFraction()
                ? Math.toRadians(random.nextDouble(-3, 3))
                : random.nextDouble(0, Math.PI);
        theta += random.nextInt(4) * Math.PI / 2;
        double c = Math.abs(Math.cos(theta));
        double s = Math.abs(Math.sin(theta));

        List<Polygon> local = new ArrayList<>(2);
        Polygon gapStrip = null;
        if (isPair) {
            double rho = random.nextDouble(0.45, 0.7);
            double a = fit(random.nextDouble(0.6, 0.85) * cellMin, rho, c, s, availW, availH);
            double b = rho * a;
            double x0 = -a / 2;
            double x1 = a / 2;
            double y0 = -b / 2;
            double y1 = b / 2;
            double xs = x0 + a * random.nextDouble(0.35, 0.65);
            local.add(rectangle(x0, y0, xs, y1));
            local.add(rectangle(xs, y0, x1, y1));
            double bridge = b * random.nextDouble(0.2, 0.35);
            gapStrip = random.nextBoolean()
                    ? rectangle(xs - 0.5, y0 - 1, xs + 0.5, y1 - bridge)
                    : rectangle(xs - 0.5, y0 + bridge, xs + 0.5, y1 + 1);
        } else {
            local.add(singleBuilding(cellMin, c, s, availW, availH));
        }

        // Rotate, then translate to a random position that keeps the envelope inside the cell's margin.
        AffineTransformation rotation = AffineTransformation.rotationInstance(theta);
        Envelope rotated = new Envelope();
        for (Polygon p : local) {
            rotated.expandToInclude(rotation.transform(p).getEnvelopeInternal());
        }
        double slackX = Math.max(0, availW - rotated.getWidth());
        double slackY = Math.max(0, availH - rotated.getHeight());
        double tx = cell.getMinX() + MARGIN - rotated.getMinX() + random.nextDouble() * slackX;
        double ty = cell.getMinY() + MARGIN - rotated.getMinY() + random.nextDouble() * slackY;
        AffineTransformation place = AffineTransformation.rotationInstance(theta).translate(tx, ty);
        List<Polygon> placed = new ArrayList<>(local.size());
        for (Polygon p : local) {
            placed.add((Polygon) place.transform(p));
        }
        groundTruth.addAll(placed);
        paint(placed, gapStrip == null ? null : (Polygon) place.transform(gapStrip));
    }

    /** One building of a random shape, in local coordinates centred on the origin (before rotation). */
    private Polygon singleBuilding(double cellMin, double c, double s, double availW, double availH) {
        double r = random.nextDouble();
        double courtyard = spec.courtyardFraction();
        if (r < CIRCLE_FRACTION) {
            double d = Math.min(random.nextDouble(0.5, 0.85) * cellMin, Math.min(availW, availH));
            return circle(d / 2, random.nextDouble(0, 2 * Math.PI));
        }
        r -= CIRCLE_FRACTION;
        double rho = random.nextDouble(0.55, 1.0);
        boolean isCourtyard = r < courtyard;
        double fill = isCourtyard ? random.nextDouble(0.75, 0.9) : random.nextDouble(0.5, 0.85);
        double a = fit(fill * cellMin, rho, c, s, availW, availH);
        double b = rho * a;
        double x0 = -a / 2;
        double x1 = a / 2;
        double y0 = -b / 2;
        double y1 = b / 2;
        if (isCourtyard) {
            double hw = a * random.nextDouble(0.3, 0.5);
            double hh = b * random.nextDouble(0.3, 0.5);
            double wallX = (a - hw) / 2;
            double wallY = (b - hh) / 2;
            if (wallX < MIN_WALL || wallY < MIN_WALL) {
                return rectangle(x0, y0, x1, y1);
            }
            double ox = random.nextDouble(-1, 1) * (wallX - MIN_WALL);
            double oy = random.nextDouble(-1, 1) * (wallY - MIN_WALL);
            LinearRing hole = rectangle(ox - hw / 2, oy - hh / 2, ox + hw / 2, oy + hh / 2).getExteriorRing();
            return GF.createPolygon(rectangle(x0, y0, x1, y1).getExteriorRing(),
                    new LinearRing[] {hole.reverse()});
        }
        r -= courtyard;
        if (r < L_FRACTION) {
            double cw = a * random.nextDouble(0.35, 0.6);
            double ch = b * random.nextDouble(0.35, 0.6);
            return polygon(x0, y0, x1 - cw, y0, x1 - cw, y0 + ch, x1, y0 + ch, x1, y1, x0, y1);
        }
        r -= L_FRACTION;
        if (r < T_FRACTION) {
            double tb = b * random.nextDouble(0.35, 0.5);
            double sw = a * random.nextDouble(0.3, 0.45);
            return polygon(x0, y0, x1, y0, x1, y0 + tb, sw / 2, y0 + tb, sw / 2, y1, -sw / 2, y1, -sw / 2, y0 + tb,
                    x0, y0 + tb);
        }
        r -= T_FRACTION;
        if (r < U_FRACTION) {
            double nw = a * random.nextDouble(0.3, 0.45);
            double nd = b * random.nextDouble(0.4, 0.6);
            return polygon(x0, y0, -nw / 2, y0, -nw / 2, y0 + nd, nw / 2, y0 + nd, nw / 2, y0, x1, y0, x1, y1,
                    x0, y1);
        }
        return rectangle(x0, y0, x1, y1);
    }

    /**
     * The long side {@code a} of an {@code a x rho a} box rotated by an angle with |cos| c and |sin| s: the wanted
     * size, or less where the rotated box would not fit in {@code availW x availH}.
     */
    private static double fit(double wanted, double rho, double c, double s, double availW, double availH) {
        return Math.min(wanted, Math.min(availW / (c + rho * s), availH / (s + rho * c)));
    }

    private static Polygon rectangle(double x0, double y0, double x1, double y1) {
        return polygon(x0, y0, x1, y0, x1, y1, x0, y1);
    }

    private static Polygon circle(double radius, double start) {
        double[] xy = new double[2 * CIRCLE_VERTICES];
        for (int i = 0; i < CIRCLE_VERTICES; i++) {
            double t = start + 2 * Math.PI * i / CIRCLE_VERTICES;
            xy[2 * i] = radius * Math.cos(t);
            xy[2 * i + 1] = radius * Math.sin(t);
        }
        return polygon(xy);
    }

    /** A polygon from x, y pairs, closed automatically. */
    private static Polygon polygon(double... xy) {
        int n = xy.length / 2;
        Coordinate[] pts = new Coordinate[n + 1];
        for (int i = 0; i < n; i++) {
            pts[i] = new Coordinate(xy[2 * i], xy[2 * i + 1]);
        }
        pts[n] = pts[0].copy();
        return GF.createPolygon(pts);
    }

    /** Rasterizes a site's buildings into a window, perturbs them there and ORs the result into the mask. */
    private void paint(List<Polygon> buildings, Polygon gapStrip) {
        Envelope env = new Envelope();
        for (Polygon p : buildings) {
            env.expandToInclude(p.getEnvelopeInternal());
        }
        int wx0 = Math.max(0, (int) Math.floor(env.getMinX()) - WINDOW_PAD);
        int wy0 = Math.max(0, (int) Math.floor(env.getMinY()) - WINDOW_PAD);
        int wx1 = Math.min(spec.width(), (int) Math.ceil(env.getMaxX()) + WINDOW_PAD);
        int wy1 = Math.min(spec.height(), (int) Math.ceil(env.getMaxY()) + WINDOW_PAD);
        int w = wx1 - wx0;
        int h = wy1 - wy0;
        if (w <= 0 || h <= 0) {
            return;
        }
        BitMask window = new BitMask(w, h);
        for (Polygon p : buildings) {
            PolygonRasterizer.rasterize(p, window, wx0, wy0);
        }
        BitMask gap = null;
        if (gapStrip != null) {
            gap = new BitMask(w, h);
            PolygonRasterizer.rasterize(gapStrip, gap, wx0, wy0);
        }
        if (clean.length < w * h) {
            clean = new boolean[w * h * 2];
            noisy = new boolean[w * h * 2];
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                clean[y * w + x] = window.get(x, y) && (gap == null || !gap.get(x, y));
            }
        }
        System.arraycopy(clean, 0, noisy, 0, w * h);
        raggedEdges(w, h);
        pinhole(w, h);
        for (int y = 0; y < h; y++) {
            int row = y * w;
            int x = 0;
            while (x < w) {
                if (!noisy[row + x]) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < w && noisy[row + x]) {
                    x++;
                }
                mask.fillRow(wy0 + y, wx0 + start, wx0 + x);
            }
        }
    }

    private static final int[] DX = {-1, 1, 0, 0};
    private static final int[] DY = {0, 0, -1, 1};

    /** Flips boundary pixels of {@code clean} into {@code noisy}: single pixels, or 2-pixel bumps and dents. */
    private void raggedEdges(int w, int h) {
        double flip = spec.boundaryFlipProbability();
        double bump = spec.bumpProbability();
        if (flip == 0 && bump == 0) {
            return;
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                boolean fg = clean[i];
                int dir = -1;
                for (int d = 0; d < 4; d++) {
                    int nx = x + DX[d];
                    int ny = y + DY[d];
                    if (nx >= 0 && ny >= 0 && nx < w && ny < h && clean[ny * w + nx] != fg) {
                        dir = d;
                        break;
                    }
                }
                if (dir < 0) {
                    continue;
                }
                double r = noise.nextDouble();
                if (r >= bump + flip) {
                    continue;
                }
                noisy[i] = !fg;
                if (r < bump) {
                    // The next pixel away from the boundary: inward for a dent, outward for a bump.
                    int sx = x - DX[dir];
                    int sy = y - DY[dir];
                    if (sx >= 0 && sy >= 0 && sx < w && sy < h && clean[sy * w + sx] == fg) {
                        noisy[sy * w + sx] = !fg;
                    }
                }
            }
        }
    }

    /** With the pinhole probability, clears 1 or 2 interior pixels (all 4-neighbours foreground). */
    private void pinhole(int w, int h) {
        if (noise.nextDouble() >= spec.pinholeProbability()) {
            return;
        }
        int pixels = 1 + noise.nextInt(2);
        for (int attempt = 0; attempt < 40 && pixels > 0; attempt++) {
            int x = 1 + noise.nextInt(Math.max(1, w - 2));
            int y = 1 + noise.nextInt(Math.max(1, h - 2));
            if (interior(x, y, w, h)) {
                noisy[y * w + x] = false;
                pixels--;
                if (pixels > 0 && interior(x + 1, y, w, h)) {
                    noisy[y * w + x + 1] = false;
                    pixels--;
                }
            }
        }
    }

    private boolean interior(int x, int y, int w, int h) {
        if (x < 1 || y < 1 || x >= w - 1 || y >= h - 1) {
            return false;
        }
        int i = y * w + x;
        return clean[i] && clean[i - 1] && clean[i + 1] && clean[i - w] && clean[i + w];
    }

    /** Scatters 4-connected blobs of 1 to 6 pixels, each seeded on a background pixel. */
    private void addSpeckle() {
        int width = spec.width();
        int height = spec.height();
        long blobs = Math.round(spec.specklePerMegapixel() * width * (double) height / 1e6);
        int[] bx = new int[6];
        int[] by = new int[6];
        for (long k = 0; k < blobs; k++) {
            int x = noise.nextInt(width);
            int y = noise.nextInt(height);
            int size = 1 + noise.nextInt(6);
            if (mask.get(x, y)) {
                continue;
            }
            bx[0] = x;
            by[0] = y;
            int n = 1;
            for (int attempt = 0; attempt < 30 && n < size; attempt++) {
                int from = noise.nextInt(n);
                int d = noise.nextInt(4);
                int nx = bx[from] + DX[d];
                int ny = by[from] + DY[d];
                if (nx < 0 || ny < 0 || nx >= width || ny >= height || contains(bx, by, n, nx, ny)) {
                    continue;
                }
                bx[n] = nx;
                by[n] = ny;
                n++;
            }
            for (int i = 0; i < n; i++) {
                mask.set(bx[i], by[i], true);
            }
        }
    }

    private static boolean contains(int[] xs, int[] ys, int n, int x, int y) {
        for (int i = 0; i < n; i++) {
            if (xs[i] == x && ys[i] == y) {
                return true;
            }
        }
        return false;
    }
}
