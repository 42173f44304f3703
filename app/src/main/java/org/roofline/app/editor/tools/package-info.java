/**
 * Editing tools on the map (select, vertices, draw, move, split, offset) and the live re-square preview; each edit
 * becomes an undoable command of {@code org.roofline.app.review}.
 */
package org.roofline.app.editor.tools;
