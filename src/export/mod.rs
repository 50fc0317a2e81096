//! Exports: the share link and the CSV for finance.

pub mod csv;
pub mod link;
