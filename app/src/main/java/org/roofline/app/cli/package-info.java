/**
 * The command line ({@code roofline}, picocli): one class a command, the entry point {@link
 * org.roofline.app.cli.Main}, and the one-line error handling every command shares. Nothing outside this package
 * calls into it but the launcher.
 */
package org.roofline.app.cli;
