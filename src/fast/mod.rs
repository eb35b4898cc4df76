//! The fast room: everything that is here only for speed and is not the model.
//!
//! The simulation calls the ordinary functions of this module ([`draw_accounts`], the
//! generator's stream through [`chacha::ChaCha8`], [`prefetch`]) and cannot tell which
//! path ran: each kernel computes, bit for bit, what its scalar reference computes (the
//! reference is named in the kernel's documentation, and a test compares the two). Where to
//! look for the model instead: an account's draws are [`crate::model::market::draw_account`],
//! the stream `rand_chacha`'s ChaCha8.
//!
//! Kernels and what each buys on the reference workload: `docs/benchmarks.md` (issue #18).
//! - [`chacha`]: ChaCha8 sixteen blocks per AVX-512 instruction (x86_64);
//! - [`accounts`]: a segment's accounts drawn eight at a time with AVX-512 (x86_64), with
//!   [`libm8`] (`libm`'s `log`, `cos`, `exp` in eight lanes) and [`lanes`] (Box–Muller,
//!   lognormal and Gamma tries in eight lanes);
//! - [`prefetch`]: a hint to load memory a loop will read a few steps later;
//! - [`heap`]: the allocator's heap on transparent huge pages (the binary's `main` only).
//!
//! `SALESIM_SCALAR` forces the scalar references at run time: `1` or `all` for every kernel,
//! or a comma-separated list of `chacha`, `accounts`, `heap` (any other word counts
//! as `all`). [`scalar_only`] does the same for the runs made inside one call on this thread
//! (the tests run the pinned workloads through both paths that way).

pub mod accounts;
pub mod chacha;
pub mod heap;
#[cfg(target_arch = "x86_64")]
pub mod lanes;
#[cfg(target_arch = "x86_64")]
pub mod libm8;
pub mod prefetch;

use std::cell::Cell;
use std::sync::OnceLock;

pub use accounts::draw_accounts;
pub use prefetch::prefetch;

/// The kernels one run uses: chosen when its generator is made
/// ([`crate::model::rng::SimRng::new`]) and carried by it to every kernel that draws, so a
/// run never changes path half-way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Kernels {
    /// The generator's stream sixteen ChaCha8 blocks at a time ([`chacha`]).
    pub wide_chacha: bool,
    /// Accounts drawn eight at a time ([`accounts`]).
    pub eight_accounts: bool,
}

impl Kernels {
    /// Every kernel off: the scalar references alone.
    pub const SCALAR: Kernels = Kernels {
        wide_chacha: false,
        eight_accounts: false,
    };

    /// The kernels a run started now on this thread uses: those this processor runs, less
    /// those `SALESIM_SCALAR` turns off, and none inside [`scalar_only`].
    pub fn current() -> Kernels {
        if SCALAR_ONLY.get() {
            return Kernels::SCALAR;
        }
        static CHOSEN: OnceLock<Kernels> = OnceLock::new();
        *CHOSEN.get_or_init(|| {
            let forced = Forced::from_env();
            Kernels {
                wide_chacha: avx512() && !forced.has("chacha"),
                eight_accounts: avx512() && !forced.has("accounts"),
            }
        })
    }
}

thread_local! {
    static SCALAR_ONLY: Cell<bool> = const { Cell::new(false) };
}

/// Run `f` with every run it starts on this thread on the scalar references.
pub fn scalar_only<R>(f: impl FnOnce() -> R) -> R {
    /// Restores the flag even if `f` panics.
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            SCALAR_ONLY.set(self.0);
        }
    }
    let _restore = Restore(SCALAR_ONLY.replace(true));
    f()
}

/// What `SALESIM_SCALAR` forces onto the scalar path.
struct Forced(String);

impl Forced {
    fn from_env() -> Forced {
        Forced(std::env::var("SALESIM_SCALAR").unwrap_or_default())
    }

    /// Whether the kernel `name` is forced scalar.
    fn has(&self, name: &str) -> bool {
        const NAMES: [&str; 3] = ["chacha", "accounts", "heap"];
        let words: Vec<&str> = self
            .0
            .split(',')
            .map(str::trim)
            .filter(|w| !w.is_empty() && *w != "0")
            .collect();
        words.contains(&name) || words.iter().any(|w| !NAMES.contains(w))
    }
}

/// Whether this processor has AVX-512F, which the x86_64 kernels need.
pub fn avx512() -> bool {
    #[cfg(target_arch = "x86_64")]
    return std::arch::is_x86_feature_detected!("avx512f");
    #[cfg(not(target_arch = "x86_64"))]
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalar_names_force_their_kernels() {
        let forced = |s: &str| Forced(s.into());
        assert!(!forced("").has("chacha") && !forced("0").has("heap"));
        assert!(forced("1").has("chacha") && forced("all").has("heap"));
        assert!(forced("heap, chacha").has("chacha") && !forced("heap").has("chacha"));
        assert!(forced("heap").has("heap") && !forced("heap").has("accounts"));
        // A misspelt name cannot leave a kernel on by mistake.
        assert!(forced("chaha").has("accounts"));
    }

    #[test]
    fn scalar_only_holds_inside_and_ends_after() {
        scalar_only(|| assert_eq!(Kernels::current(), Kernels::SCALAR));
        assert!(!SCALAR_ONLY.get());
        let nested = scalar_only(|| scalar_only(|| 1) + usize::from(SCALAR_ONLY.get()));
        assert_eq!(nested, 2, "the inner call leaves the outer one scalar");
    }
}
