//! A hint to the processor (x86_64; elsewhere nothing): start loading memory a loop will read a few steps later. The
//! daily loops visit accounts in an order known ahead (cooldown queue, in-market list) but
//! scattered over megabytes, so each visit would otherwise wait for memory on its own.

/// Start loading the cache line that holds `value`. No effect on what the program computes.
#[inline(always)]
pub fn prefetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads nothing into the program and cannot fault; `value` is a live
    // reference anyway. SSE, which provides the instruction, is part of every x86_64 processor.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
            (value as *const T).cast(),
        );
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}
