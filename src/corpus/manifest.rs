//! The corpus manifest `yakkan.yaml` (SPEC §3), read with serde.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Required and not empty; a missing list is reported as empty, at its line.
    #[serde(default)]
    pub documents: Vec<DocumentEntry>,
    /// Document ids, highest first.
    #[serde(default)]
    pub precedence: Vec<String>,
    /// Names known to live outside the corpus (statutes, other companies' terms).
    #[serde(default)]
    pub external: Vec<String>,
    /// Words that need no definition.
    #[serde(default)]
    pub glossary: Vec<String>,
    /// Rule code or name → off | info | warning | error.
    #[serde(default)]
    pub rules: BTreeMap<String, String>,
    /// e-Gov XML files of statutes to check citations against, beside the shipped ones
    /// (relative to the manifest's folder).
    #[serde(default)]
    pub statutes: Vec<String>,
    /// Who the documents are offered to; scales the 消費者契約法 rules (Y701–Y704).
    #[serde(default)]
    pub audience: Option<Audience>,
    /// Changes to the expected clauses (Y706) by document kind: `terms`, `spec`.
    #[serde(default)]
    pub checklist: BTreeMap<ChecklistKind, ChecklistChange>,
    /// Known findings to silence, for any document format.
    #[serde(default)]
    pub ignore: Vec<IgnoreEntry>,
}

/// Who a document is offered to (`audience:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    Consumer,
    Business,
    Unknown,
}

/// The document kinds that have a checklist of expected clauses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChecklistKind {
    Terms,
    Spec,
}

/// `checklist: { add: [個人情報の取扱い], remove: [合意管轄] }`: clauses to expect beside
/// the built-in list, and built-in ones not to expect.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistChange {
    #[serde(default)]
    pub add: Vec<String>,
    #[serde(default)]
    pub remove: Vec<String>,
}

/// One `ignore:` entry: the findings of `rule` in the document `path`, narrowed to a
/// provision (`provision: 第7条第1項`) and/or to the text they point at (`text: ○○`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IgnoreEntry {
    /// The document, as its `path:` in `documents:` (or relative to the manifest).
    pub path: String,
    /// A rule code or name.
    pub rule: String,
    #[serde(default)]
    pub provision: Option<String>,
    #[serde(default)]
    pub text: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentEntry {
    pub path: String,
    /// Defaults to the file stem.
    #[serde(default)]
    pub id: Option<String>,
    /// This document's audience, over the corpus-wide `audience:`.
    #[serde(default)]
    pub audience: Option<Audience>,
    /// This document's changes to its checklist of expected clauses (Y706).
    #[serde(default)]
    pub checklist: Option<ChecklistChange>,
}

/// A manifest that cannot be used: the file, the line (1-based; 0 when the problem is
/// not on a line, e.g. the file cannot be read), and what is wrong.
#[derive(Debug)]
pub struct ManifestError {
    pub path: PathBuf,
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for ManifestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            0 => write!(f, "{}: {}", self.path.display(), self.message),
            n => write!(f, "{}:{n}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for ManifestError {}

impl Manifest {
    /// Read and validate a manifest; document paths are relative to its folder.
    pub fn load(path: &Path) -> Result<(Manifest, String), ManifestError> {
        let bytes =
            crate::limits::read_bounded(path, crate::limits::MAX_MANIFEST_SIZE).map_err(|e| {
                ManifestError {
                    path: path.to_path_buf(),
                    line: 0,
                    message: format!("cannot read the manifest: {e}"),
                }
            })?;
        let text = String::from_utf8(bytes).map_err(|_| ManifestError {
            path: path.to_path_buf(),
            line: 0,
            message: "cannot read the manifest: it is not UTF-8".into(),
        })?;
        let manifest = Manifest::parse(path, &text)?;
        Ok((manifest, text))
    }

    pub fn parse(path: &Path, text: &str) -> Result<Manifest, ManifestError> {
        // Nested too deep for a manifest: refused before the YAML parser sees it.
        let (depth, line) = crate::limits::yaml_nesting(text, crate::limits::MAX_MANIFEST_DEPTH);
        if line > 0 {
            return Err(ManifestError {
                path: path.to_path_buf(),
                line,
                message: format!(
                    "nested {depth} levels deep (a manifest nests at most {} levels)",
                    crate::limits::MAX_MANIFEST_DEPTH
                ),
            });
        }
        let err = |at: At, message: String| ManifestError {
            path: path.to_path_buf(),
            line: line_of(text, &at),
            message,
        };
        let manifest: Manifest = serde_yaml::from_str(text).map_err(|e| ManifestError {
            path: path.to_path_buf(),
            line: e.location().map_or(0, |l| l.line()),
            message: format!("invalid manifest: {}", strip_location(&e.to_string())),
        })?;
        if manifest.documents.is_empty() {
            let line = line_of(
                text,
                &At {
                    steps: &[Step::Value("documents")],
                    needle: "",
                    nth: 0,
                },
            );
            return Err(ManifestError {
                path: path.to_path_buf(),
                line: line.max(1),
                message:
                    "the manifest lists no documents (`documents:` needs a `- path:` for each)"
                        .into(),
            });
        }
        let mut seen = BTreeMap::new();
        for (i, d) in manifest.documents.iter().enumerate() {
            let id = d.id();
            if let Some(first) = seen.insert(id.clone(), d.path.clone()) {
                // At the second entry: its `id:` when it has one, else its `path:`.
                let (field, needle) = match &d.id {
                    Some(own) => ("id", own.as_str()),
                    None => ("path", d.path.as_str()),
                };
                return Err(err(
                    At {
                        steps: &[Step::Value("documents"), Step::Index(i), Step::Value(field)],
                        needle,
                        nth: manifest.documents[..i]
                            .iter()
                            .filter(|e| e.path == needle || e.id.as_deref() == Some(needle))
                            .count(),
                    },
                    format!(
                        "duplicate document id `{id}` ({first} and {}); give one of them an `id:`",
                        d.path
                    ),
                ));
            }
        }
        for (i, id) in manifest.precedence.iter().enumerate() {
            let earlier = manifest.precedence[..i].iter().filter(|e| *e == id).count();
            let at = At {
                steps: &[Step::Value("precedence"), Step::Index(i)],
                needle: id,
                nth: earlier,
            };
            if !seen.contains_key(id) {
                return Err(err(
                    at,
                    format!("`precedence:` names `{id}`, which is not the id of a document in `documents:`"),
                ));
            }
            if earlier > 0 {
                return Err(err(
                    at,
                    format!(
                        "`precedence:` names `{id}` twice; list each document once, highest first"
                    ),
                ));
            }
        }
        for (rule, level) in &manifest.rules {
            if crate::config::find_rule(rule).is_none() {
                return Err(err(
                    At {
                        steps: &[Step::Value("rules"), Step::Key(rule)],
                        needle: rule,
                        nth: 0,
                    },
                    format!("unknown rule `{rule}` in `rules:` (see `yakkan rules`)"),
                ));
            }
            if crate::config::Level::parse(level).is_none() {
                return Err(err(
                    At {
                        steps: &[Step::Value("rules"), Step::Value(rule)],
                        needle: rule,
                        nth: 0,
                    },
                    format!(
                        "rule `{rule}`: `{level}` is not a level; use off, info, warning or error"
                    ),
                ));
            }
        }
        for (i, entry) in manifest.ignore.iter().enumerate() {
            let rule_steps = [Step::Value("ignore"), Step::Index(i), Step::Value("rule")];
            let path_steps = [Step::Value("ignore"), Step::Index(i), Step::Value("path")];
            let at = |steps| At {
                steps,
                needle: "",
                nth: 0,
            };
            if crate::config::find_rule(&entry.rule).is_none() {
                return Err(err(
                    at(&rule_steps),
                    format!(
                        "unknown rule `{}` in `ignore:` (see `yakkan rules`)",
                        entry.rule
                    ),
                ));
            }
            if !manifest
                .documents
                .iter()
                .any(|d| same_entry_path(&d.path, &entry.path))
            {
                return Err(err(
                    at(&path_steps),
                    format!(
                        "`ignore:` names `{}`, which is not the path of a document in `documents:`",
                        entry.path
                    ),
                ));
            }
        }
        Ok(manifest)
    }

    /// The 1-based line of the `n`th `ignore:` entry (0 when it cannot be found).
    pub fn ignore_line(text: &str, n: usize) -> usize {
        line_of(
            text,
            &At {
                steps: &[Step::Value("ignore"), Step::Index(n), Step::Value("rule")],
                needle: "",
                nth: 0,
            },
        )
    }

    /// Check that every listed document exists (relative to `root`) and is a file.
    pub fn check_files(
        &self,
        manifest_path: &Path,
        text: &str,
        root: &Path,
    ) -> Result<(), ManifestError> {
        for (i, d) in self.documents.iter().enumerate() {
            let p = root.join(&d.path);
            let message = if p.is_dir() {
                format!(
                    "document `{}` is a folder, not a document ({}); list the files in it",
                    d.path,
                    p.display()
                )
            } else if !p.is_file() {
                format!("document `{}` does not exist ({})", d.path, p.display())
            } else {
                continue;
            };
            let at = At {
                steps: &[
                    Step::Value("documents"),
                    Step::Index(i),
                    Step::Value("path"),
                ],
                needle: &d.path,
                nth: self.documents[..i]
                    .iter()
                    .filter(|e| e.path == d.path || e.id.as_deref() == Some(d.path.as_str()))
                    .count(),
            };
            return Err(ManifestError {
                path: manifest_path.to_path_buf(),
                line: line_of(text, &at),
                message,
            });
        }
        Ok(())
    }
}

/// Do two manifest paths name the same file (`./a.txt` and `a.txt`)?
pub fn same_entry_path(a: &str, b: &str) -> bool {
    let clean = |p: &str| -> PathBuf {
        Path::new(p)
            .components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect()
    };
    clean(a) == clean(b)
}

impl DocumentEntry {
    pub fn id(&self) -> String {
        self.id.clone().unwrap_or_else(|| {
            Path::new(&self.path)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
    }
}

/// serde_yaml appends " at line N column M"; we print the line ourselves.
fn strip_location(s: &str) -> String {
    match s.find(" at line ") {
        Some(p) => s[..p].to_string(),
        None => s.to_string(),
    }
}

/// One step from the root of the manifest to a node.
#[derive(Debug, Clone, Copy)]
enum Step<'a> {
    /// The value of a mapping's key.
    Value(&'a str),
    /// A mapping's key itself (the last step).
    Key(&'a str),
    /// An element of a sequence.
    Index(usize),
}

/// Where a node is: its path from the root, and for the fallback the scalar it holds
/// (`needle`) with how many times that scalar comes before it in its section (`nth`).
struct At<'a> {
    steps: &'a [Step<'a>],
    needle: &'a str,
    nth: usize,
}

/// 1-based line of a node (0 when it cannot be found).
///
/// serde_yaml knows where every node is but tells it only in errors, so [`locate`]
/// reads the text again and fails on purpose at the node. When that does not work
/// (it always should for a manifest that parsed), [`search`] looks for the scalar in the
/// text after the top-level key the path starts with.
fn line_of(text: &str, at: &At) -> usize {
    locate(text, at.steps).unwrap_or_else(|| search(text, at))
}

/// What the deliberate failure says, to tell it from a real error.
const HERE: &str = "<yakkan: the node looked for>";

fn locate(text: &str, steps: &[Step]) -> Option<usize> {
    use serde::de::DeserializeSeed;
    let de = serde_yaml::Deserializer::from_str(text);
    match (Probe { steps }).deserialize(de) {
        Err(e) if e.to_string().contains(HERE) => e.location().map(|l| l.line()),
        _ => None,
    }
}

/// Walks `steps` through the document and fails where they end.
struct Probe<'p, 'a> {
    steps: &'p [Step<'a>],
}

impl Probe<'_, '_> {
    /// The failure for a mapping or a sequence: the node looked for when no step is
    /// left, else a shape that does not fit the steps.
    fn fail<E: serde::de::Error>(&self) -> E {
        E::custom(if self.steps.is_empty() {
            HERE
        } else {
            "not the node looked for"
        })
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for Probe<'_, '_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Probe<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // A scalar reached by the last step fails in a default `visit_*` with this text,
        // which serde_yaml marks with the scalar's place.
        f.write_str(if self.steps.is_empty() {
            HERE
        } else {
            "the path of a manifest node"
        })
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let (key, fail) = match self.steps.first() {
            Some(Step::Value(k)) => (*k, false),
            Some(Step::Key(k)) => (*k, true),
            _ => return Err(self.fail()),
        };
        while let Some(found) = map.next_key_seed(KeySeed { key, fail })? {
            if found {
                return map.next_value_seed(Probe {
                    steps: &self.steps[1..],
                });
            }
            map.next_value::<serde::de::IgnoredAny>()?;
        }
        Ok(())
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Some(Step::Index(i)) = self.steps.first() else {
            return Err(self.fail());
        };
        for _ in 0..*i {
            if seq.next_element::<serde::de::IgnoredAny>()?.is_none() {
                return Ok(());
            }
        }
        seq.next_element_seed(Probe {
            steps: &self.steps[1..],
        })?;
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        Ok(())
    }
}

/// A mapping key: is it the one looked for? Fails at it when `fail`.
struct KeySeed<'a> {
    key: &'a str,
    fail: bool,
}

impl<'de> serde::de::DeserializeSeed<'de> for KeySeed<'_> {
    type Value = bool;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> serde::de::Visitor<'de> for KeySeed<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<bool, E> {
        if v == self.key && self.fail {
            return Err(E::custom(HERE));
        }
        Ok(v == self.key)
    }
}

/// The fallback of [`line_of`]: the line of the `nth` occurrence of `needle` as a whole
/// YAML scalar (bounded by the start or end of its token, never a part of a longer one,
/// never in a comment) in the section of the top-level key the path starts with; the
/// key's own line when it is not there; 0 without the key.
fn search(text: &str, at: &At) -> usize {
    let Some(Step::Value(top) | Step::Key(top)) = at.steps.first() else {
        return 0;
    };
    let lines: Vec<&str> = text.lines().collect();
    let Some(start) = lines.iter().position(|l| is_key_line(l, top)) else {
        return 0;
    };
    // The section ends at the next line that starts another top-level key.
    let end = (start + 1..lines.len())
        .find(|&i| {
            let l = lines[i];
            !l.is_empty() && !l.starts_with([' ', '\t', '#', '-', ']', '}'])
        })
        .unwrap_or(lines.len());
    if at.needle.is_empty() {
        return start + 1;
    }
    let mut seen = 0;
    for (i, line) in lines.iter().enumerate().take(end).skip(start) {
        let code = strip_comment(line);
        let from = if i == start { top.len() + 1 } else { 0 };
        for p in from..code.len() {
            if code.is_char_boundary(p) && scalar_at(code, p, at.needle) {
                if seen == at.nth {
                    return i + 1;
                }
                seen += 1;
            }
        }
    }
    start + 1
}

/// Does `line` start the top-level key `key` (`key:` then white space or the end)?
fn is_key_line(line: &str, key: &str) -> bool {
    line.strip_prefix(key)
        .and_then(|rest| rest.strip_prefix(':'))
        .is_some_and(|rest| rest.chars().next().is_none_or(char::is_whitespace))
}

/// Is `needle` at byte `p` of `line` a whole scalar (not a part of a longer one)?
fn scalar_at(line: &str, p: usize, needle: &str) -> bool {
    if !line[p..].starts_with(needle) {
        return false;
    }
    let before = line[..p].chars().next_back();
    let after = line[p + needle.len()..].chars().next();
    let starts = before.is_none_or(|c| c.is_whitespace() || "[{,\"'".contains(c));
    let ends = after.is_none_or(|c| c.is_whitespace() || "]},:\"'".contains(c));
    starts && ends
}

/// A line without its comment (a `#` at the start or after white space, outside quotes).
fn strip_comment(line: &str) -> &str {
    let mut quote = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' && prev.is_whitespace() => return &line[..i],
            None => {}
        }
        prev = c;
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_names_the_line() {
        let e = Manifest::parse(
            Path::new("y.yaml"),
            "documents:\n  - path: a.txt\nprecedance: [a]\n",
        )
        .unwrap_err();
        assert_eq!(e.line, 3);
        assert!(
            e.message.contains("unknown field `precedance`"),
            "{}",
            e.message
        );
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let e = Manifest::parse(
            Path::new("y.yaml"),
            "documents:\n  - path: a.txt\n  - path: sub/a.txt\n",
        )
        .unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("duplicate document id `a`"));
    }

    #[test]
    fn rule_levels_are_checked() {
        let e = Manifest::parse(
            Path::new("y.yaml"),
            "documents: [{path: a.txt}]\nrules: { mixed-digit-width: loud }\n",
        )
        .unwrap_err();
        assert!(e.message.contains("not a level"), "{}", e.message);
        assert_eq!(e.line, 2);
        assert!(Manifest::parse(
            Path::new("y.yaml"),
            "documents: [{path: a.txt}]\nrules: { Y601: off, unused-definition: error }\n"
        )
        .is_ok());
    }

    fn line(text: &str) -> (usize, String) {
        let e = Manifest::parse(Path::new("y.yaml"), text).unwrap_err();
        (e.line, e.message)
    }

    #[test]
    fn precedence_errors_point_at_the_entry() {
        // `b` appears first in a comment and in a path: neither is the entry.
        let text = "# b is the spec\ndocuments:\n  - path: a.txt\n  - path: b/c.txt\n\
                    precedence:\n  - a\n  - b\n";
        let (l, m) = line(text);
        assert_eq!(l, 7, "{m}");
        assert!(m.contains("`b`"), "{m}");
        // Listed twice: the second one.
        let text =
            "documents:\n  - path: a.txt\n  - path: b.txt\nprecedence:\n  - a\n  - b\n  - a\n";
        let (l, m) = line(text);
        assert_eq!(l, 7, "{m}");
        assert!(m.contains("twice"), "{m}");
        // Flow style, on several lines.
        let text = "documents: [{path: a.txt}, {path: b.txt}]\nprecedence: [a,\n  b, a]\n";
        assert_eq!(line(text).0, 3);
    }

    #[test]
    fn duplicate_ids_point_at_the_second_entry() {
        let text = "documents:\n  - path: x/a.txt\n    id: a\n  - path: b.txt\n  - path: a.txt\n";
        assert_eq!(line(text).0, 5);
        let text = "documents:\n  - path: a.txt\n  - path: b.txt\n    id: a\n";
        assert_eq!(line(text).0, 4);
        // The same path twice.
        let text = "documents:\n- path: a.txt\n- path: b.txt\n- path: a.txt\n";
        assert_eq!(line(text).0, 4);
    }

    #[test]
    fn unknown_rule_points_at_its_key() {
        let text =
            "documents:\n  - path: no-such-rule.txt\nrules:\n  Y601: off\n  no-such-rule: error\n";
        let (l, m) = line(text);
        assert_eq!(l, 5, "{m}");
        assert!(m.contains("unknown rule `no-such-rule`"), "{m}");
    }

    #[test]
    fn no_documents_is_an_error() {
        for (text, at) in [
            ("documents: []\n", 1),
            ("# corpus\nprecedence: []\n", 1),
            ("external: [x]\ndocuments:\n", 2),
            ("", 1),
            ("# nothing\n", 1),
        ] {
            let (l, m) = line(text);
            assert!(m.contains("lists no documents"), "{text:?}: {m}");
            assert_eq!(l, at, "{text:?}");
        }
    }

    #[test]
    fn a_folder_is_not_a_document() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
        std::fs::write(dir.path().join("a.txt"), "x").expect("write");
        let text = "documents:\n  - path: a.txt\n  - path: sub\n";
        let m = Manifest::parse(Path::new("y.yaml"), text).expect("parses");
        let e = m
            .check_files(Path::new("y.yaml"), text, dir.path())
            .unwrap_err();
        assert_eq!(e.line, 3);
        assert!(
            e.message.contains("is a folder, not a document"),
            "{}",
            e.message
        );
    }

    #[test]
    fn the_fallback_search_matches_whole_scalars() {
        let text = "documents:\n  - path: ab.txt # a\n  - path: a\nprecedence: [a]\n";
        let at = |needle, nth| At {
            steps: &[Step::Value("documents")],
            needle,
            nth,
        };
        assert_eq!(search(text, &at("a", 0)), 3);
        assert_eq!(search(text, &at("a", 1)), 1);
        assert_eq!(search(text, &at("", 0)), 1);
        let p = At {
            steps: &[Step::Value("precedence")],
            needle: "a",
            nth: 0,
        };
        assert_eq!(search(text, &p), 4);
    }
}
