//! The allocator's main heap on transparent huge pages (Linux with glibc; elsewhere, or with
//! `SALESIM_SCALAR` naming `heap`, nothing). Only the binary's `main` calls it, first thing.

/// Back the allocator's main heap with transparent huge pages. A run fills a few MB of fresh
/// columns, pool and tables, and on a VM each 4 KB page fault costs ~3 µs: 3,000 faults were
/// a tenth of a 100,000-account year (docs/benchmarks.md). Blocks up to 32 MB are served from
/// the main heap instead of one mapping each, the heap's first 30 MB are advised huge, and
/// the heap is not trimmed below them, so the run's memory arrives in 2 MB pages. Where the
/// kernel leaves huge pages off, nothing changes. Call it first: only memory the heap has not
/// handed out yet arrives in huge pages.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn huge_pages() {
    if super::Forced::from_env().has("heap") {
        return;
    }
    const REGION: usize = 30 << 20;
    const HUGE_PAGE: usize = 2 << 20;
    // SAFETY: mallopt, malloc, madvise and free are called as documented (glibc's mallopt
    // is thread-safe); the advised range lies inside the block while it is allocated, and
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

/// Elsewhere: nothing.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn huge_pages() {}
