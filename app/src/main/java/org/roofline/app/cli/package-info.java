/**
 * The command line ({@code roofline}, picocli): one class a command, the entry point {@link
 * org.roofline.app.cli.Main}, and what the commands share: the one-line error handling, the options several commands
 * offer alike as picocli mixins ({@code RegularizationMethodOption}, {@code OverwriteOption}, {@code BenchRounds}),
 * reading and writing vector files ({@code VectorFiles}) and usage errors about an option's value
 * ({@code InvalidOption}). Nothing outside this package calls into it but the
 * launcher.
 */
package org.roofline.app.cli;
