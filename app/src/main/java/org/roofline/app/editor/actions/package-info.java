/**
 * The editor's actions as data: ids, default shortcuts, the remappable key map read from keys.properties, and the
 * keyboard reference.
 */
package org.roofline.app.editor.actions;
