//! A model-based fuzzer of the suite: random operation sequences run on the
//! release bundles (drink) and on a plain-Rust reference model of the
//! suite's rules, written apart from the contracts' own logic. Every outcome
//! must agree exactly, and the suite's promises (no grant without consent,
//! tokens neither created nor lost, pools backed, the audit chain intact with
//! one entry per audited change) are checked after every operation.
//!
//! - [`ops`]: the operations and their seeded generator;
//! - [`model`]: the reference model ([`governance`] and [`insurance`] are
//!   its parts for those contracts);
//! - [`run`]: the runner (chain, model, invariants) and the shrinker;
//! - [`economics`]: the risk pool's economic invariants.

pub mod economics;
pub mod governance;
pub mod insurance;
pub mod model;
pub mod ops;
pub mod rng;
pub mod run;
