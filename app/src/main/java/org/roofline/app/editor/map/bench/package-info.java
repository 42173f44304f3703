/**
 * Frame-time benchmark of the map ({@code roofline bench map}): a synthetic scene and a naive baseline layer.
 */
package org.roofline.app.editor.map.bench;
