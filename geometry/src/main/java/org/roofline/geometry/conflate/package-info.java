/**
 * Conflation of extracted footprints with a reference map (OpenStreetMap, a cadastre, an open footprint dataset):
 * {@code ReferenceMatcher} classes every footprint as {@code new}, {@code unchanged} or {@code changed} and every
 * reference building it does not find as {@code not_found} ({@code Conflation}, {@code ChangeClass}), and {@code
 * OffsetEstimator} estimates the shift between the reference and the imagery from the matched pairs ({@code
 * ImageryOffset}). Plain JTS geometry in, immutable values out: no files, no UI; the command line and the editor use
 * the same code. Start at {@code ReferenceMatcher}.
 */
package org.roofline.geometry.conflate;
