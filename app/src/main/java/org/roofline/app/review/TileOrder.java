package org.roofline.app.review;

/** The order in which review tiles are visited. */
public enum TileOrder {
    /** Row-major, top row first, left to right. */
    POSITION,
    /**
     * Most doubtful first: tiles with pending footprints, by the lowest mean confidence of their pending footprints
     * (unknown confidences count as 0; means equal to 6 decimals tie); ties broken by the largest regularization change (1 - IoU between a pending
     * footprint's polygon and its original), then by the most pending footprints overlapping another footprint, then
     * by position. Tiles with nothing pending follow, by position.
     */
    DOUBT_FIRST
}
