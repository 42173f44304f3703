package org.roofline.app.cli;

import picocli.CommandLine.Command;

/** {@code roofline bench}: benchmarks; runs one of its subcommands. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        header = "Benchmarks on synthetic and real data.",
        subcommands = {BenchPostprocessCommand.class, BenchFormatsCommand.class, BenchPipelineCommand.class,
                BenchMapCommand.class, BenchQualityCommand.class, BenchConflateCommand.class,
                BenchFinetuneCommand.class})
final class BenchCommand {
}
