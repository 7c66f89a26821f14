//! The fuzz targets' checks, shared with the normal test suite (which includes `checks.rs`).
pub mod checks;
