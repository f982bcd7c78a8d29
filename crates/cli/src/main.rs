//! The `meridian` binary: parses arguments and hands over to the library.

// Synthesis allocates and frees millions of small strings and maps; glibc's allocator spent about
// 40 % of a large stack's CPU time in malloc, free and consolidation (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: meridian_alloc::Allocator = meridian_alloc::Allocator;

fn main() -> std::process::ExitCode {
    meridian_alloc::configure();
    meridian::run(std::env::args_os())
}
