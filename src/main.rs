//! The `gleaner` command: see `gleaner --help`.

mod cli;
mod progress;

fn main() -> std::process::ExitCode {
    cli::main()
}

// See the allocator features in Cargo.toml.
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[cfg(all(feature = "mimalloc", not(feature = "jemalloc"), not(target_env = "msvc")))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
