//! `--select` / `--ignore`: which rules' findings a run reports, by code (Y601), name
//! (mixed-digit-width) or code prefix (Y6, Y60), as ruff's rule selectors.

use super::{registry, Diagnostic};

/// A rule selector that matches no rule (exit code 2).
#[derive(Debug, thiserror::Error)]
#[error("`{0}` is not a rule code, name or code prefix (see `yakkan rules`)")]
pub struct UnknownSelector(pub String);

/// The codes a selector stands for.
fn expand(sel: &str) -> Result<Vec<&'static str>, UnknownSelector> {
    let s = sel.trim();
    let codes: Vec<&'static str> = registry()
        .iter()
        .map(|r| r.meta())
        .filter(|m| {
            m.name == s
                || (s.len() >= 2
                    && m.code.len() >= s.len()
                    && m.code[..s.len()].eq_ignore_ascii_case(s))
        })
        .map(|m| m.code)
        .collect();
    if codes.is_empty() {
        Err(UnknownSelector(sel.to_string()))
    } else {
        Ok(codes)
    }
}

/// The rules a run reports: every rule, or those selected, less those ignored.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    select: Option<Vec<&'static str>>,
    ignore: Vec<&'static str>,
}

impl Selection {
    /// Selectors may be given one per flag or comma-separated (`--select Y6,Y204`).
    pub fn new(select: &[String], ignore: &[String]) -> Result<Selection, UnknownSelector> {
        let split = |v: &[String]| -> Result<Vec<&'static str>, UnknownSelector> {
            let mut out = Vec::new();
            for s in v
                .iter()
                .flat_map(|s| s.split(','))
                .filter(|s| !s.trim().is_empty())
            {
                out.extend(expand(s)?);
            }
            Ok(out)
        };
        Ok(Selection {
            select: if select.is_empty() {
                None
            } else {
                Some(split(select)?)
            },
            ignore: split(ignore)?,
        })
    }

    pub fn allows(&self, code: &str) -> bool {
        self.select.as_ref().is_none_or(|s| s.contains(&code)) && !self.ignore.contains(&code)
    }

    pub fn retain(&self, diags: &mut Vec<Diagnostic>) {
        diags.retain(|d| self.allows(d.code));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_names_and_prefixes() {
        let s = Selection::new(&["Y6".into()], &["counter-variant".into()]).expect("valid");
        assert!(s.allows("Y601") && s.allows("Y608"));
        assert!(!s.allows("Y602"), "ignored by name");
        assert!(!s.allows("Y301"), "not selected");
        let s = Selection::new(&["y204,Y30".into()], &[]).expect("valid");
        assert!(s.allows("Y204") && s.allows("Y301") && !s.allows("Y205"));
        assert!(Selection::new(&["Y9".into()], &[]).is_err());
        assert!(Selection::new(&[], &["nonsense".into()]).is_err());
    }
}
