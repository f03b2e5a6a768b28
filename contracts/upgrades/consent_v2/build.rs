//! Builds the shared source as version 2: `cfg(code_v2)` adds `code_version`.
fn main() {
    println!("cargo::rustc-check-cfg=cfg(code_v2)");
    println!("cargo::rustc-cfg=code_v2");
}
