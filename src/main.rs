//! `salesim`: parse the command line, run, map errors to exit codes (2 user, 1 internal).

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    huge_page_heap();
    let cli = salesim::cli::Cli::parse();
    match salesim::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("salesim: error: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}

/// Back the allocator's main heap with transparent huge pages (Linux, glibc; elsewhere a
/// no-op). A run fills a few MB of fresh columns, pool and tables, and on a VM each 4 KB page
/// fault costs ~3 µs: 3,000 faults were a tenth of a 100,000-account year (docs/benchmarks.md).
/// Blocks up to 32 MB are served from the main heap instead of one mapping each, the heap's
/// first 30 MB are advised huge, and the heap is not trimmed below them, so the run's memory
/// arrives in 2 MB pages. Where the kernel leaves huge pages off, nothing changes.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn huge_page_heap() {
    const REGION: usize = 30 << 20;
    const HUGE_PAGE: usize = 2 << 20;
    // SAFETY: mallopt, malloc, madvise and free are called as documented, before any other
    // thread exists; the advised range lies inside the block while it is allocated, and
    // the block is freed unread.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 64 << 20);
        let block = libc::malloc(REGION);
        if block.is_null() {
            return;
        }
        let start = (block as usize).next_multiple_of(HUGE_PAGE);
        let end = (block as usize + REGION) / HUGE_PAGE * HUGE_PAGE;
        if end > start {
            libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE);
        }
        libc::free(block);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn huge_page_heap() {}
