import ArgumentParser

/// `--json`, which every command takes: the API's JSON on stdout instead of sentences, for scripts.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print the API's JSON instead of text (errors too: the API's error body, on stdout).")
    var json = false
}

/// A command that takes `OutputOptions`, so a failure can be printed in the form the caller asked for.
protocol JSONOutputCommand {
    var output: OutputOptions { get }
}
