/**
 * Vector formats: the format-neutral layer model ({@code VectorLayer}, {@code VectorFeature}, fields), GeoJSON
 * reading and writing, geometry repair, atomic writes and temporary files, footprint layers, and the format registry
 * ({@code VectorFormat}, {@code VectorIo}: read or write any supported file by its extension). Start at {@code
 * VectorIo}.
 */
package org.roofline.geometry.io;
