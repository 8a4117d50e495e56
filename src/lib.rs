//! yakkan: compile Japanese legal terms documents (約款, 利用規約, 基本約款, 仕様書) into a
//! structured clause model and lint it.
//!
//! The pipeline (see ARCHITECTURE.md): `source` → `layout` → `parse` → `extract` →
//! `corpus` → `lint` → `report`.

pub mod config;
pub mod corpus;
pub mod diff;
pub mod extract;
pub mod fmt;
pub mod index;
pub mod input;
pub mod layout;
pub mod limits;
pub mod lint;
pub mod mdsafe;
pub mod model;
pub mod origin;
pub mod parse;
pub mod report;
pub mod sjis;
pub mod source;
pub mod statutes;
pub mod text;
pub mod work;
pub mod write;

pub use corpus::Corpus;
pub use lint::lint;
pub use model::{Document, Provision};
pub use source::SourceFile;

use std::path::Path;
use std::sync::Arc;

/// Load and parse one file; the id is the file stem.
pub fn parse_file(path: &Path) -> Result<Document, source::SourceError> {
    let src = Arc::new(SourceFile::load(path)?);
    Ok(parse_text_source(src))
}

/// Parse an already loaded source.
pub fn parse_text_source(src: Arc<SourceFile>) -> Document {
    let id = src
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut doc = parse::parse_source(src, &id).document;
    extract::extract(&mut doc);
    doc
}
