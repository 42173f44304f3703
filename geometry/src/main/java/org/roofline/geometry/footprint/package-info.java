/**
 * The footprint model: {@link org.roofline.geometry.footprint.Footprint}, an immutable building outline with its
 * review status, confidence and provenance, and {@link org.roofline.geometry.footprint.ReviewStatus}. The one data
 * type every module shares.
 */
package org.roofline.geometry.footprint;
