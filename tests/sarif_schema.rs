//! `check --format sarif` against the SARIF 2.1.0 JSON schema (OASIS SARIF TC, version
//! 2.1.0-rtm.5, shipped as `tests/sarif-schema-2.1.0.json`). The validator below
//! implements the draft-04 keywords that schema uses and refuses any other keyword, so a
//! schema it cannot fully check fails the test instead of passing it.

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Keywords that only annotate.
const ANNOTATIONS: [&str; 5] = ["description", "default", "title", "$schema", "id"];

struct Validator<'a> {
    root: &'a Value,
    errors: Vec<String>,
}

impl Validator<'_> {
    fn resolve<'s>(&'s self, r: &str) -> &'s Value {
        let name = r
            .strip_prefix("#/definitions/")
            .unwrap_or_else(|| panic!("unsupported $ref {r}"));
        &self.root["definitions"][name]
    }

    fn is_type(v: &Value, t: &str) -> bool {
        match t {
            "object" => v.is_object(),
            "array" => v.is_array(),
            "string" => v.is_string(),
            "boolean" => v.is_boolean(),
            "integer" => v.as_f64().is_some_and(|f| f.fract() == 0.0),
            "number" => v.is_number(),
            "null" => v.is_null(),
            other => panic!("unsupported type {other}"),
        }
    }

    fn format_ok(s: &str, f: &str) -> bool {
        match f {
            // An absolute URI: a scheme, then no spaces.
            "uri" => {
                s.split_once(':').is_some_and(|(scheme, _)| {
                    !scheme.is_empty()
                        && scheme
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                }) && !s.contains(' ')
            }
            // A URI reference: no characters that must be percent-encoded.
            "uri-reference" => s
                .chars()
                .all(|c| c.is_ascii_graphic() && !"\"<>\\^`{|}".contains(c)),
            "date-time" => regex::Regex::new(
                r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$",
            )
            .expect("regex")
            .is_match(s),
            other => panic!("unsupported format {other}"),
        }
    }

    /// Does `v` match `schema`? Errors are recorded unless `quiet` (inside anyOf/oneOf).
    fn check(&mut self, v: &Value, schema: &Value, at: &str) -> bool {
        let Some(obj) = schema.as_object() else {
            panic!("schema at {at} is not an object");
        };
        let mut ok = true;
        let mut failed: Vec<String> = Vec::new();
        for (k, s) in obj {
            match k.as_str() {
                k if ANNOTATIONS.contains(&k) => {}
                "definitions" => {}
                "$ref" => {
                    let target = self.resolve(s.as_str().expect("$ref")).clone();
                    if !self.check(v, &target, at) {
                        ok = false;
                    }
                }
                "type" => {
                    let types: Vec<&str> = match s {
                        Value::String(t) => vec![t.as_str()],
                        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                        _ => panic!("type at {at}"),
                    };
                    if !types.iter().any(|t| Self::is_type(v, t)) {
                        failed.push(format!("{v} is not of type {types:?}"));
                    }
                }
                "enum" => {
                    if !s.as_array().expect("enum").contains(v) {
                        failed.push(format!("{v} is not one of {s}"));
                    }
                }
                "minimum" => {
                    if v.as_f64().is_some_and(|x| x < s.as_f64().expect("minimum")) {
                        failed.push(format!("{v} < {s}"));
                    }
                }
                "maximum" => {
                    if v.as_f64().is_some_and(|x| x > s.as_f64().expect("maximum")) {
                        failed.push(format!("{v} > {s}"));
                    }
                }
                "pattern" => {
                    let re = regex::Regex::new(s.as_str().expect("pattern")).expect("pattern");
                    if v.as_str().is_some_and(|x| !re.is_match(x)) {
                        failed.push(format!("{v} does not match {s}"));
                    }
                }
                "format" => {
                    if let Some(x) = v.as_str() {
                        if !Self::format_ok(x, s.as_str().expect("format")) {
                            failed.push(format!("{v} is not a {s}"));
                        }
                    }
                }
                "minItems" => {
                    if v.as_array()
                        .is_some_and(|a| (a.len() as u64) < s.as_u64().expect("n"))
                    {
                        failed.push(format!("fewer than {s} items"));
                    }
                }
                "uniqueItems" => {
                    if let (Some(a), Some(true)) = (v.as_array(), s.as_bool()) {
                        for (i, x) in a.iter().enumerate() {
                            if a[..i].contains(x) {
                                failed.push(format!("item {i} repeats {x}"));
                            }
                        }
                    }
                }
                "items" => {
                    if let Some(a) = v.as_array() {
                        for (i, x) in a.iter().enumerate() {
                            if !self.check(x, s, &format!("{at}[{i}]")) {
                                ok = false;
                            }
                        }
                    }
                }
                "required" => {
                    if let Some(o) = v.as_object() {
                        for r in s
                            .as_array()
                            .expect("required")
                            .iter()
                            .filter_map(Value::as_str)
                        {
                            if !o.contains_key(r) {
                                failed.push(format!("missing required property {r}"));
                            }
                        }
                    }
                }
                "properties" => {
                    if let Some(o) = v.as_object() {
                        for (name, sub) in s.as_object().expect("properties") {
                            if let Some(x) = o.get(name) {
                                if !self.check(x, sub, &format!("{at}.{name}")) {
                                    ok = false;
                                }
                            }
                        }
                    }
                }
                "additionalProperties" => {
                    if let Some(o) = v.as_object() {
                        let known = obj.get("properties").and_then(Value::as_object);
                        for (name, x) in o {
                            if known.is_some_and(|k| k.contains_key(name)) {
                                continue;
                            }
                            match s {
                                Value::Bool(false) => {
                                    failed.push(format!("property {name} is not allowed"))
                                }
                                Value::Bool(true) => {}
                                sub => {
                                    if !self.check(x, sub, &format!("{at}.{name}")) {
                                        ok = false;
                                    }
                                }
                            }
                        }
                    }
                }
                "anyOf" | "oneOf" => {
                    let mut matched = 0;
                    for sub in s.as_array().expect("alternatives") {
                        let mut inner = Validator {
                            root: self.root,
                            errors: Vec::new(),
                        };
                        if inner.check(v, sub, at) {
                            matched += 1;
                        }
                    }
                    let good = if k == "anyOf" {
                        matched > 0
                    } else {
                        matched == 1
                    };
                    if !good {
                        failed.push(format!("{matched} alternatives of {k} match"));
                    }
                }
                other => panic!("the validator does not implement `{other}` (at {at})"),
            }
        }
        if !failed.is_empty() {
            ok = false;
            self.errors
                .extend(failed.into_iter().map(|m| format!("{at}: {m}")));
        }
        ok
    }
}

fn validate(doc: &Value) -> Vec<String> {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/sarif-schema-2.1.0.json")).expect("schema"),
    )
    .expect("schema JSON");
    let mut v = Validator {
        root: &schema,
        errors: Vec::new(),
    };
    v.check(doc, &schema, "$");
    v.errors
}

#[test]
fn sarif_output_matches_the_2_1_0_schema() {
    // The shipped corpus and the rule fixtures (related locations, fixes, suppressions).
    for args in [
        vec!["check", "clauses", "--format", "sarif"],
        vec![
            "check",
            "tests/fixtures/rules/Y204/fire",
            "--format",
            "sarif",
        ],
        vec![
            "check",
            "tests/fixtures/rules/Y602/fire",
            "--format",
            "sarif",
        ],
        vec![
            "check",
            "tests/fixtures/rules/Y001/fire",
            "--format",
            "sarif",
        ],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_yakkan"))
            .args(&args)
            .current_dir(root())
            .output()
            .expect("run yakkan");
        let doc: Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
        assert!(
            !doc["runs"][0]["results"]
                .as_array()
                .expect("results")
                .is_empty(),
            "{args:?}: a run with results"
        );
        let errors = validate(&doc);
        assert!(errors.is_empty(), "{args:?}:\n{}", errors.join("\n"));
    }
}

#[test]
fn the_validator_rejects_what_the_schema_forbids() {
    let bad = serde_json::json!({
        "version": "2.0.0",
        "runs": [{"tool": {"driver": {}}, "results": [{"message": {"text": "x"}, "level": "fatal"}]}],
        "extra": 1
    });
    let errors = validate(&bad);
    let all = errors.join("\n");
    assert!(all.contains("\"2.0.0\" is not one of"), "{all}");
    assert!(all.contains("missing required property name"), "{all}");
    assert!(all.contains("\"fatal\" is not one of"), "{all}");
    assert!(all.contains("property extra is not allowed"), "{all}");
}
