//! Precedence rules (Y4xx): the order of documents that their own statements give
//! (「…と…に齟齬がある場合、…が優先される」), checked for contradictions, cycles, agreement
//! with the manifest, overrides against the order, and conflicts no order settles.

mod override_violation;
mod precedence_conflict;
mod precedence_cycle;
mod precedence_manifest_mismatch;
mod unordered_conflict;

use super::conflicts::{conflicts, Conflict};
use crate::corpus::{PrecedenceEdge, RefTarget};
use crate::lint::facts::precedence::{doc_name, evidence_note, order, prevails, stated_path};
use crate::lint::{Finding, Findings, Rule};
use crate::model::{Provision, ReferenceKind};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
pub use override_violation::OverrideViolation;
pub use precedence_conflict::PrecedenceConflict;
pub use precedence_cycle::PrecedenceCycle;
pub use precedence_manifest_mismatch::PrecedenceManifestMismatch;
pub use unordered_conflict::UnorderedConflict;

pub(super) const RULES: &[&dyn Rule] = &[
    &PrecedenceConflict,
    &PrecedenceCycle,
    &PrecedenceManifestMismatch,
    &OverrideViolation,
    &UnorderedConflict,
];
