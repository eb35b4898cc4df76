//! Tells the tests whether the processor building them has AVX-512F: the fast room's kernel
//! tests that need it are then marked ignored ("skipped") instead of passing without
//! running. Tests run on the machine that builds them; nothing else reads this.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(host_avx512)");
    println!("cargo::rerun-if-changed=build.rs");
    #[cfg(target_arch = "x86_64")]
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("x86_64")
        && std::arch::is_x86_feature_detected!("avx512f")
    {
        println!("cargo::rustc-cfg=host_avx512");
    }
}
