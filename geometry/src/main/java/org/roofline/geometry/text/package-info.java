/**
 * Text for the user: {@code OneLine} puts an error message on one line, the same way in every module (the command
 * line, the editor, the readers and writers). Free to use from anywhere; depends on nothing.
 */
package org.roofline.geometry.text;
