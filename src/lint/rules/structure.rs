//! Rules: structure.

use crate::lint::Rule;

pub(super) const RULES: &[&dyn Rule] = &[];
