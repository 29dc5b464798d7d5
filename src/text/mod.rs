//! Vietnamese text rules: dates, decimals, numbering, case; the inline marks.

pub mod inline;
pub mod vn;
