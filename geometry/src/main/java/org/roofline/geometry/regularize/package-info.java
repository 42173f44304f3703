/**
 * Regularizing building outlines: right angles, parallel walls, few vertices within a tolerance ({@link
 * org.roofline.geometry.regularize.BuildingRegularizer}), the adaptive tolerance and edge-noise estimate, and joining
 * the shared walls of touching buildings. The ring fitting and simplifying classes are its machinery.
 */
package org.roofline.geometry.regularize;
