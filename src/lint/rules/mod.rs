//! The rule catalogue (SPEC §5): one file per rule, as in ruff,
//! `rules/<family>/<rule_name>.rs`, each with its `declare_rule!` (the doc comment is the
//! text `yakkan rule` prints; the macro writes its `impl Rule`), the struct its message is
//! rendered from (a [`Violation`](crate::lint::Violation)) and its one `fn check`. What
//! several rules of a family read is in the family's `mod.rs`; what rules of several
//! families read is in `lint/facts/`.
//!
//! | family | codes | folder |
//! |---|---|---|
//! | numbering | Y101–Y104, Y107 | `numbering/` |
//! | structure | Y105–Y106 | `structure/` |
//! | definitions and terms | Y201–Y209 | `terms/` |
//! | references | Y301–Y307 | `references/` |
//! | statute citations | Y311–Y314 | `statutes/` |
//! | precedence | Y401–Y405 | `precedence/` |
//! | conflicts between documents | Y501–Y502 | `conflicts/` |
//! | style | Y601–Y608 | `style/` |
//! | legal substance | Y701–Y706 | `legal/` |
//! | suppressions | Y001 | `lint/suppress.rs` (it runs after every other rule) |

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
