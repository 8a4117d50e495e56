//! Facts about the linked corpus that several rules read, computed here rather than in
//! a rule's file: which statute each citation names (`cite.rs`), which of two documents prevails
//! (`precedence.rs`), the dates written in a text (`dates.rs`), runs of
//! digits (`digits.rs`), the numbering groups of a document (`numbering.rs`).

pub mod cite;
pub mod dates;
pub mod digits;
pub mod numbering;
pub mod precedence;
