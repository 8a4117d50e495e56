//! Facts about the linked corpus that several rules read, computed here rather than in
//! a rule's file: which statute each citation names (`cite.rs`).

pub mod cite;
