//! The rule catalogue (SPEC §5), one file per family:
//!
//! | family | codes | file |
//! |---|---|---|
//! | numbering and structure | Y101–Y107 | `numbering.rs`, `structure.rs` |
//! | definitions and terms | Y201–Y209 | `terms.rs` |
//! | references | Y301–Y307 | `references.rs` |
//! | precedence | Y401–Y405 | `precedence.rs` |
//! | conflicts between documents | Y501–Y502 | `conflicts.rs` |
//! | style | Y601–Y608 | `style.rs` |
//! | statute citations | Y311–Y314 | `statutes.rs` |
//! | legal substance | Y701–Y706 | `legal/` (one file per rule) |

mod conflicts;
pub mod legal;
mod numbering;
mod precedence;
mod references;
mod statutes;
mod structure;
mod style;
mod terms;

use super::Rule;
use std::sync::LazyLock;

static REGISTRY: LazyLock<Vec<&'static dyn Rule>> = LazyLock::new(|| {
    let mut all: Vec<&'static dyn Rule> = [
        numbering::RULES,
        structure::RULES,
        terms::RULES,
        references::RULES,
        precedence::RULES,
        conflicts::RULES,
        style::RULES,
        statutes::RULES,
        legal::RULES,
        super::suppress::RULES,
    ]
    .concat();
    all.sort_by_key(|r| r.meta().code);
    all
});

/// Every rule, sorted by code.
pub fn all() -> &'static [&'static dyn Rule] {
    &REGISTRY
}
