package org.roofline.geometry.vectorize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.impl.PackedCoordinateSequence;
import org.roofline.geometry.mask.BitMask;
import org.roofline.geometry.mask.Mask;

/**
 * Turns the foreground components of a {@link Mask} into polygons whose outlines run on pixel edges.
 *
 * <p><b>Guarantees.</b> Each connected component (4- or 8-connected foreground) with at least {@code minArea} pixels
 * becomes one {@link VectorizedShape}; rasterizing its geometry (pixel centres inside) reproduces the component's
 * pixels exactly, holes included, except that holes of fewer than {@code minArea} pixels are filled (speckle inside a
 * building, as a sieve filter removes it). With {@code minArea} 0 the whole mask is reproduced exactly. Every geometry is valid in the OGC/JTS sense: where two foreground pixels of one
 * component meet only at a corner and enclose background, the hole touches the shell at that single point (never a
 * self-touching ring); with 4-connectivity, diagonal pixels of different components give two polygons that touch at
 * a point. Vertices are emitted only where the outline turns.
 *
 * <p><b>Cost.</b> One pass over the packed rows extracts runs of foreground pixels; a union-find over runs labels the
 * components; each outline is then followed once along its pixel edges. Time is linear in pixels (64 per word
 * operation) plus boundary length, memory is one bit per pixel plus a few ints per run: no per-pixel label array and
 * no work proportional to pixels times components.
 *
 * <p><b>Limits.</b> With 8-connectivity, parts of a component that meet only at a corner are returned as a
 * {@code MultiPolygon} (a single polygon would self-touch). Coordinates are pixel units: x to the right, y down, the
 * mask's top-left pixel corner at {@code (originX, originY)}.
 */
public final class MaskVectorizer {

    private static final int[] DX = {1, 0, -1, 0};
    private static final int[] DY = {0, 1, 0, -1};
    private static final int NORTH = 3;

    private final Connectivity connectivity;
    private final long minArea;
    private final GeometryFactory factory;

    /**
     * @param connectivity which foreground pixels form one component
     * @param minArea      components with fewer pixels are dropped (0 keeps all)
     * @param factory      creates the output geometries
     */
    public MaskVectorizer(Connectivity connectivity, long minArea, GeometryFactory factory) {
        this.connectivity = Objects.requireNonNull(connectivity, "connectivity");
        if (minArea < 0) {
            throw new IllegalArgumentException("minimum area must not be negative, was " + minArea);
        }
        this.minArea = minArea;
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** Vectorizes every 4-connected component of a mask, in pixel coordinates with the origin at its corner. */
    public static List<VectorizedShape> vectorize(Mask mask) {
        return new MaskVectorizer(Connectivity.FOUR, 0, new GeometryFactory()).apply(mask, 0, 0);
    }

    /**
     * Vectorizes a mask whose top-left pixel corner lies at {@code (originX, originY)} of the output space.
     *
     * @return the components in raster order of their first pixel
     */
    public List<VectorizedShape> apply(Mask mask, int originX, int originY) {
        Objects.requireNonNull(mask, "mask");
        return new Run(BitMask.copyOf(mask), originX, originY).vectorize();
    }

    /** The state of one vectorization; not shared between threads. */
    private final class Run {
        final long[] bits;
        final int width;
        final int height;
        final int stride;
        final int originX;
        final int originY;

        int[] runX0 = new int[1024];
        int[] runX1 = new int[1024];
        int[] rowStart;
        int runCount;
        int[] parent4;
        int[] parent8;

        Run(BitMask mask, int originX, int originY) {
            this.width = mask.width();
            this.height = mask.height();
            this.stride = Mask.wordsPerRow(width);
            this.bits = new long[stride * height];
            for (int y = 0; y < height; y++) {
                mask.readRow(y, bits, y * stride);
            }
            this.originX = originX;
            this.originY = originY;
        }

        List<VectorizedShape> vectorize() {
            extractRuns();
            parent4 = new int[runCount];
            for (int i = 0; i < runCount; i++) {
                parent4[i] = i;
            }
            linkRows(parent4, false);
            int[] groupParent = parent4;
            if (connectivity == Connectivity.EIGHT) {
                parent8 = parent4.clone();
                linkRows(parent8, true);
                groupParent = parent8;
            }

            // Number the groups (components in the chosen connectivity) in raster order, and sum their areas.
            int[] groupOfRoot = new int[runCount];
            Arrays.fill(groupOfRoot, -1);
            int[] groupOfRun = new int[runCount];
            long[] area = new long[Math.max(16, runCount / 4)];
            int groups = 0;
            for (int r = 0; r < runCount; r++) {
                int root = find(groupParent, r);
                int g = groupOfRoot[root];
                if (g < 0) {
                    g = groups++;
                    groupOfRoot[root] = g;
                    if (g >= area.length) {
                        area = Arrays.copyOf(area, area.length * 2);
                    }
                }
                groupOfRun[r] = g;
                area[g] += runX1[r] - runX0[r];
            }

            // Follow every outline once, starting from the left edge of a run not yet visited. The left edges already
            // followed are marked in a bit set over pixels (one bit a pixel, like the mask itself).
            long[] visited = new long[(int) (((long) width * height + 63) >>> 6)];
            // Shells per 4-connected piece, keyed by the piece's root run; pieces listed per group in order found.
            LinearRing[] shellOfRoot = new LinearRing[runCount];
            List<List<Integer>> piecesOfGroup = new ArrayList<>(groups);
            for (int g = 0; g < groups; g++) {
                piecesOfGroup.add(null);
            }
            List<List<LinearRing>> holesOfRoot = new ArrayList<>();
            int[] holeListOfRoot = new int[runCount];
            Arrays.fill(holeListOfRoot, -1);

            for (int y = 0, r = 0; y < height; y++) {
                for (; r < rowStart[y + 1]; r++) {
                    if (isVisited(visited, runX0[r], y) || area[groupOfRun[r]] < minArea) {
                        continue;
                    }
                    Traced ring = trace(runX0[r], y, visited);
                    int root4 = find(parent4, r);
                    if (ring.signedArea2 > 0) {
                        shellOfRoot[root4] = ring.ring;
                        int g = groupOfRun[r];
                        if (piecesOfGroup.get(g) == null) {
                            piecesOfGroup.set(g, new ArrayList<>(1));
                        }
                        piecesOfGroup.get(g).add(root4);
                    } else if (-ring.signedArea2 < 2 * minArea) {
                        // a pinhole smaller than the minimum area is filled, as a sieve filter would
                        area[groupOfRun[r]] += -ring.signedArea2 / 2;
                    } else {
                        if (holeListOfRoot[root4] < 0) {
                            holeListOfRoot[root4] = holesOfRoot.size();
                            holesOfRoot.add(new ArrayList<>(2));
                        }
                        holesOfRoot.get(holeListOfRoot[root4]).add(ring.ring);
                    }
                }
            }

            List<VectorizedShape> shapes = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                List<Integer> pieces = piecesOfGroup.get(g);
                if (pieces == null) {
                    continue;
                }
                Polygon[] polygons = new Polygon[pieces.size()];
                for (int i = 0; i < polygons.length; i++) {
                    int root = pieces.get(i);
                    int hl = holeListOfRoot[root];
                    LinearRing[] holeRings = hl < 0 ? new LinearRing[0]
                            : holesOfRoot.get(hl).toArray(new LinearRing[0]);
                    polygons[i] = factory.createPolygon(shellOfRoot[root], holeRings);
                }
                Geometry geometry = polygons.length == 1 ? polygons[0] : factory.createMultiPolygon(polygons);
                shapes.add(new VectorizedShape(shapes.size(), geometry, area[g]));
            }
            return shapes;
        }

        private void extractRuns() {
            rowStart = new int[height + 1];
            for (int y = 0; y < height; y++) {
                rowStart[y] = runCount;
                int base = y * stride;
                int x = 0;
                while (x < width) {
                    int s = nextSet(base, x);
                    if (s < 0) {
                        break;
                    }
                    int e = nextClear(base, s);
                    addRun(s, e);
                    x = e;
                }
            }
            rowStart[height] = runCount;
        }

        private int nextSet(int base, int from) {
            int w = from >>> 6;
            long word = bits[base + w] & (-1L << from);
            while (word == 0) {
                if (++w == stride) {
                    return -1;
                }
                word = bits[base + w];
            }
            return (w << 6) + Long.numberOfTrailingZeros(word);
        }

        private int nextClear(int base, int from) {
            int w = from >>> 6;
            long word = ~bits[base + w] & (-1L << from);
            while (word == 0) {
                if (++w == stride) {
                    return width;
                }
                word = ~bits[base + w];
            }
            return Math.min(width, (w << 6) + Long.numberOfTrailingZeros(word));
        }

        private void addRun(int x0, int x1) {
            if (runCount == runX0.length) {
                runX0 = Arrays.copyOf(runX0, runCount * 2);
                runX1 = Arrays.copyOf(runX1, runCount * 2);
            }
            runX0[runCount] = x0;
            runX1[runCount] = x1;
            runCount++;
        }

        /** Unions runs of consecutive rows that touch: by an edge, or with {@code diagonal} also by a corner. */
        private void linkRows(int[] parent, boolean diagonal) {
            int reach = diagonal ? 1 : 0;
            for (int y = 1; y < height; y++) {
                int i = rowStart[y - 1];
                int iEnd = rowStart[y];
                int j = rowStart[y];
                int jEnd = rowStart[y + 1];
                while (i < iEnd && j < jEnd) {
                    if (runX0[i] < runX1[j] + reach && runX0[j] < runX1[i] + reach) {
                        union(parent, i, j);
                    }
                    if (runX1[i] < runX1[j]) {
                        i++;
                    } else {
                        j++;
                    }
                }
            }
        }

        private boolean isVisited(long[] visited, int x, int y) {
            long i = (long) y * width + x;
            return (visited[(int) (i >>> 6)] & (1L << i)) != 0;
        }

        private void markVisited(long[] visited, int x, int y) {
            long i = (long) y * width + x;
            visited[(int) (i >>> 6)] |= 1L << i;
        }

        /** @return the run holding pixel (x, y), or -1 for background */
        private int runAt(int x, int y) {
            int lo = rowStart[y];
            int hi = rowStart[y + 1] - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (runX1[mid] <= x) {
                    lo = mid + 1;
                } else if (runX0[mid] > x) {
                    hi = mid - 1;
                } else {
                    return mid;
                }
            }
            return -1;
        }

        private boolean fg(int x, int y) {
            if (x < 0 || y < 0 || x >= width || y >= height) {
                return false;
            }
            return (bits[y * stride + (x >>> 6)] & (1L << x)) != 0;
        }

        /**
         * Follows one outline with foreground on the right (screen orientation, y down), starting up the left edge
         * of the run that begins at pixel (x0, row). Shells come out with positive shoelace area, holes negative.
         */
        private Traced trace(int x0, int row, long[] visited) {
            markVisited(visited, x0, row);
            int sx = x0;
            int sy = row + 1;
            int x = sx;
            int y = sy;
            int dir = NORTH;
            CoordinateList coords = new CoordinateList();
            do {
                x += DX[dir];
                y += DY[dir];
                if (dir == NORTH) {
                    markVisited(visited, x, y);
                }
                int next = turn(x, y, dir);
                if (next != dir) {
                    coords.add(x, y);
                }
                dir = next;
            } while (!(x == sx && y == sy && dir == NORTH));
            return new Traced(coords.toRing(factory, originX, originY), coords.signedArea2());
        }

        /** The direction to leave vertex (x, y) after arriving in direction {@code dir}. */
        private int turn(int x, int y, int dir) {
            int alX;
            int alY;
            int arX;
            int arY;
            int brX;
            int brY;
            switch (dir) {
                case 0 -> { alX = x; alY = y - 1; arX = x; arY = y; brX = x - 1; brY = y; }
                case 1 -> { alX = x; alY = y; arX = x - 1; arY = y; brX = x - 1; brY = y - 1; }
                case 2 -> { alX = x - 1; alY = y; arX = x - 1; arY = y - 1; brX = x; brY = y - 1; }
                default -> { alX = x - 1; alY = y - 1; arX = x; arY = y - 1; brX = x; brY = y; }
            }
            boolean al = fg(alX, alY);
            boolean ar = fg(arX, arY);
            if (!al) {
                return ar ? dir : (dir + 1) & 3;
            }
            if (ar) {
                return (dir + 3) & 3;
            }
            // Saddle: the pixel behind on the right and the one ahead on the left meet only at this corner.
            // Same 4-component: join through the corner, so the background enclosed becomes a hole touching here.
            // Different components: turn away, giving two polygons that touch at this point.
            boolean sameComponent = find(parent4, runAt(brX, brY)) == find(parent4, runAt(alX, alY));
            return sameComponent ? (dir + 3) & 3 : (dir + 1) & 3;
        }
    }

    private record Traced(LinearRing ring, long signedArea2) {
    }

    /** A growable list of vertex coordinates. */
    private static final class CoordinateList {
        int[] x = new int[16];
        int[] y = new int[16];
        int size;

        void add(int vx, int vy) {
            if (size == x.length) {
                x = Arrays.copyOf(x, size * 2);
                y = Arrays.copyOf(y, size * 2);
            }
            x[size] = vx;
            y[size] = vy;
            size++;
        }

        /** @return twice the shoelace area: positive for shells (foreground on the right, y down) */
        long signedArea2() {
            long a = 0;
            for (int i = 0, j = size - 1; i < size; j = i++) {
                a += (long) x[j] * y[i] - (long) x[i] * y[j];
            }
            return a;
        }

        LinearRing toRing(GeometryFactory factory, int dx, int dy) {
            // packed doubles: one array a ring instead of one Coordinate object a vertex
            double[] xy = new double[2 * (size + 1)];
            for (int i = 0; i < size; i++) {
                xy[2 * i] = x[i] + dx;
                xy[2 * i + 1] = y[i] + dy;
            }
            xy[2 * size] = xy[0];
            xy[2 * size + 1] = xy[1];
            return factory.createLinearRing(new PackedCoordinateSequence.Double(xy, 2, 0));
        }
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            // attach the later root under the earlier one: keeps roots at the first run, in raster order
            if (ra < rb) {
                parent[rb] = ra;
            } else {
                parent[ra] = rb;
            }
        }
    }
}
