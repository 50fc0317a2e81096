//! Exports: the share link, the CSV for finance, and the summary for a ticket.

pub mod csv;
pub mod link;
pub mod summary;
