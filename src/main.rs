//! The `gleaner` command: see `gleaner --help`.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
