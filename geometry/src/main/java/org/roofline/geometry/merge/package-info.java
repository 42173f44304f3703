/**
 * Merging footprints across tile seams: candidates that overlap are joined by a disjoint-set union ({@link
 * org.roofline.geometry.merge.SeamMerger}); neighbours that merely touch stay apart.
 */
package org.roofline.geometry.merge;
