//! End-to-end stories live in `tests/`.
