fn main() -> std::process::ExitCode {
    wfc::cli::run()
}

/// A review allocates per file and per line on several threads at once, and frees large file
/// buffers as fast as it makes them: mimalloc keeps that memory per thread (no page faults for
/// each new buffer), where the system allocator spent about a tenth of a large review's time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
