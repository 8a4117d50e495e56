//! How the diff names provisions in its messages (第５条（利用料金）), where it places
//! them, and the matching of old paths to new ones: shared by the entries (`rows.rs`) and
//! the stale references (`stale.rs`).

use super::*;
use crate::model::{Provision, ProvisionKind};
use foldhash::HashMap;
use regex::Regex;
use std::sync::LazyLock;

/// The provision matching of a document pair, by path.
#[derive(Default)]
pub(super) struct PathMap {
    pub(super) old_to_new: HashMap<String, String>,
    pub(super) new_to_old: HashMap<String, String>,
}

pub(super) static ARTICLE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:附則[0-9]*)?第[0-9]+条(?:の[0-9]+)*").expect("article regex")
});

/// Where an old path went.
pub(super) enum Mapped {
    To(String),
    Removed,
    Unknown,
}

impl PathMap {
    pub(super) fn map_old(&self, old_paths: &HashMap<&str, &Provision>, path: &str) -> Mapped {
        let with_para = ARTICLE_PREFIX.find(path).and_then(|a| {
            let rest = &path[a.end()..];
            (rest.starts_with('第') && rest.contains('号') && !rest.contains('項'))
                .then(|| format!("{}第1項{rest}", a.as_str()))
        });
        for p in std::iter::once(path.to_string()).chain(with_para) {
            if let Some(n) = self.old_to_new.get(&p) {
                return Mapped::To(n.clone());
            }
            if old_paths.contains_key(p.as_str()) {
                return Mapped::Removed;
            }
        }
        // A path below an article that the parser does not know: map the article.
        if let Some(a) = ARTICLE_PREFIX.find(path) {
            if let Some(n) = self.old_to_new.get(a.as_str()) {
                return Mapped::To(format!("{n}{}", &path[a.end()..]));
            }
            if old_paths.contains_key(a.as_str()) {
                return Mapped::Removed;
            }
        }
        Mapped::Unknown
    }
}

pub(super) fn place(p: &Provision) -> Place {
    Place {
        path: p.path.to_string(),
        label: p.label.to_string(),
        caption: p.caption.as_deref().map(str::to_string),
        line: p.span.line(),
    }
}

/// How a provision is called in messages: its label for units (第５条), its path for
/// parts (第5条第2項).
pub(super) fn short(p: &Provision) -> String {
    if is_unit_kind(p.kind) && !p.label.is_empty() {
        p.label.to_string()
    } else {
        p.path.to_string()
    }
}

/// 第５条（利用料金）: a provision named for messages.
pub(super) fn named(p: &Provision) -> String {
    let mut s = short(p);
    if let Some(c) = &p.caption {
        s.push('（');
        s.push_str(c);
        s.push('）');
    }
    s
}

/// Units (章, 条, sections, 附則) are matched and named by their labels; their parts by
/// their paths.
pub(super) fn is_unit_kind(k: ProvisionKind) -> bool {
    matches!(
        k,
        ProvisionKind::Chapter
            | ProvisionKind::Article
            | ProvisionKind::Section
            | ProvisionKind::Suppl
    )
}
