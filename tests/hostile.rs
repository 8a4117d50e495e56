//! Issue #12, row by row: extreme and hostile inputs as an attacker would try them, and
//! what yakkan does now — bounded output, a clear exit 2, a refusal, an escaped output,
//! unchanged bytes. (The quadratic rows are in tests/linear.rs, which counts work.)

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;

fn yakkan_in(dir: &Path, args: &[&str]) -> Output {
    // A watchdog, not a timed assertion: a command that hangs (a FIFO) is killed so the
    // test fails instead of hanging the suite.
    let mut child = Command::new(env!("CARGO_BIN_EXE_yakkan"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run yakkan");
    let id = child.id();
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flag = done.clone();
    let watchdog = std::thread::spawn(move || {
        for _ in 0..1200 {
            if flag.load(std::sync::atomic::Ordering::Relaxed) {
                return false;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let _ = Command::new("kill").arg("-9").arg(id.to_string()).status();
        true
    });
    let _ = &mut child;
    let out = child.wait_with_output().expect("wait");
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    assert!(!watchdog.join().expect("watchdog"), "yakkan {args:?} hung");
    out
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(&p, text).expect("write");
    p
}

const DOC: &str = "テスト約款\n\n第１条（目的）\n本約款は、テストサービスの利用条件を定める。\n";

fn exit(o: &Output) -> Option<i32> {
    o.status.code()
}

// ── one long line with many findings ────────────────────────────────────────────────

#[test]
fn a_megabyte_line_with_ten_thousand_findings_gives_bounded_output() {
    // 第1条 cited inside 第1条 itself, 10,000 times on one line of about 1 MB.
    let filler = "あ".repeat(30);
    let mut line = String::new();
    for _ in 0..10_000 {
        line.push_str("第1条、");
        line.push_str(&filler);
    }
    assert!(line.len() > 900_000);
    let text = format!("規約\n\n第1条（目的）\n本則とする。\n２ {line}による。\n");
    let src = Arc::new(yakkan::SourceFile::from_text("long.txt", text.clone()));
    let doc = yakkan::parse_text_source(src);
    let corpus = common::lone_corpus(doc);
    let diags = yakkan::lint(&corpus);
    assert!(diags.len() >= 10_000, "{} findings", diags.len());
    let mut out = Vec::new();
    yakkan::report::render_human_to(
        &mut out,
        &corpus,
        &diags,
        &yakkan::report::Options::default(),
    )
    .expect("render");
    // Each finding shows a window of its line, not the line: a few KB at most.
    let per_finding = out.len() / diags.len();
    assert!(per_finding < 4096, "{per_finding} bytes per finding");
    let shown = String::from_utf8(out).expect("utf-8");
    assert!(shown.contains('…'), "the window is marked");
    // The window is where the finding is: its line and column are the document's.
    assert!(shown.contains("long.txt:5:"), "{}", &shown[..2000]);
}

// ── inputs that are not regular files, or too large ───────────────────────────────

#[cfg(unix)]
#[test]
fn fifos_devices_and_folders_are_refused_with_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("NOTICE: no mkfifo here; the FIFO cases are skipped");
    } else {
        write(dir.path(), "doc.txt", DOC);
        for args in [
            vec!["check", "--isolated", "pipe.txt"],
            vec!["parse", "pipe.txt"],
            vec!["fmt", "pipe.txt"],
            vec!["diff", "pipe.txt", "doc.txt"],
            vec!["index", "pipe.txt"],
        ] {
            let o = yakkan_in(dir.path(), &args);
            assert_eq!(exit(&o), Some(2), "{args:?}: {}", stderr(&o));
            assert!(stderr(&o).contains("FIFO"), "{args:?}: {}", stderr(&o));
        }
    }
    if Path::new("/dev/zero").exists() {
        let o = yakkan_in(dir.path(), &["check", "--isolated", "/dev/zero"]);
        assert_eq!(exit(&o), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains("device"), "{}", stderr(&o));
        let o = yakkan_in(dir.path(), &["parse", "/dev/zero"]);
        assert_eq!(exit(&o), Some(2), "{}", stderr(&o));
    }
}

#[test]
fn files_over_the_size_limit_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "doc.txt", DOC);
    let o = yakkan_in(
        dir.path(),
        &["check", "--isolated", "--max-file-size", "20", "doc.txt"],
    );
    assert_eq!(exit(&o), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("doc.txt") && stderr(&o).contains("--max-file-size"),
        "{}",
        stderr(&o)
    );
    let o = yakkan_in(dir.path(), &["parse", "--max-file-size", "1K", "doc.txt"]);
    assert_eq!(exit(&o), Some(0), "{}", stderr(&o));
    let o = yakkan_in(dir.path(), &["parse", "--max-file-size", "lots", "doc.txt"]);
    assert_eq!(exit(&o), Some(2));
}

#[test]
fn a_deeply_nested_manifest_is_refused_before_yaml_parsing_naming_the_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "doc.txt", DOC);
    let nested = format!(
        "documents:\n  - path: doc.txt\nexternal: {}\n",
        "[".repeat(200_000)
    );
    write(dir.path(), "yakkan.yaml", &nested);
    let o = yakkan_in(dir.path(), &["check", "."]);
    assert_eq!(exit(&o), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("yakkan.yaml:3:") && stderr(&o).contains("nested"),
        "{}",
        stderr(&o)
    );
    // Too large a manifest is refused too.
    let big = format!("documents:\n  - path: doc.txt\n#{}\n", "x".repeat(2 << 20));
    write(dir.path(), "yakkan.yaml", &big);
    let o = yakkan_in(dir.path(), &["check", "."]);
    assert_eq!(exit(&o), Some(2), "{}", stderr(&o));
}

// ── confinement ─────────────────────────────────────────────────────────────────────

#[cfg(unix)]
#[test]
fn manifest_and_folder_entries_may_not_lead_outside_the_corpus() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    write(&corpus, "doc.txt", DOC);
    write(dir.path(), "outside.txt", DOC);
    for entry in ["../outside.txt", "/etc/passwd", "/proc/self/status"] {
        write(
            &corpus,
            "yakkan.yaml",
            &format!("documents:\n  - path: doc.txt\n  - path: {entry}\n"),
        );
        for cmd in ["check", "index"] {
            let o = yakkan_in(&corpus, &[cmd, "."]);
            assert_eq!(exit(&o), Some(2), "{cmd} {entry}: {}", stderr(&o));
            assert!(
                stderr(&o).contains(entry) && stderr(&o).contains("outside the corpus"),
                "{cmd} {entry}: {}",
                stderr(&o)
            );
            assert!(!stdout(&o).contains("root:"), "{}", stdout(&o));
        }
    }
    // A symlink out of the folder: refused in the manifest and in folder mode.
    std::os::unix::fs::symlink(dir.path().join("outside.txt"), corpus.join("link.txt"))
        .expect("symlink");
    write(
        &corpus,
        "yakkan.yaml",
        "documents:\n  - path: doc.txt\n  - path: link.txt\n",
    );
    let o = yakkan_in(&corpus, &["check", "."]);
    assert_eq!(exit(&o), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("link.txt"), "{}", stderr(&o));
    // --allow-outside reads it.
    let o = yakkan_in(&corpus, &["check", "--allow-outside", "."]);
    assert!(matches!(exit(&o), Some(0 | 1)), "{}", stderr(&o));
    std::fs::remove_file(corpus.join("yakkan.yaml")).expect("rm");
    let o = yakkan_in(dir.path(), &["check", "corpus"]);
    assert_eq!(exit(&o), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("link.txt"), "{}", stderr(&o));
    // A symlink that stays inside is fine.
    std::fs::remove_file(corpus.join("link.txt")).expect("rm");
    std::os::unix::fs::symlink(corpus.join("doc.txt"), corpus.join("same.txt")).expect("link");
    let o = yakkan_in(dir.path(), &["check", "corpus"]);
    assert!(matches!(exit(&o), Some(0 | 1)), "{}", stderr(&o));
}

// ── output safety ───────────────────────────────────────────────────────────────────

/// A hostile document with enough ordinary text that it is not taken for binary.
fn hostile() -> String {
    let head: &str = "\x1b]0;pwned\x07<script>alert(1)</script>約款\n\n第１条（目的）\n\
                       本約款は、\x1b[31m赤\x1b[0m及び\u{202E}逆\u{202C}の第１条の利用条件を定める。\n\
                       第２条（定義）\n本約款において使用する用語の意義は、次に定めるところによる。\
                       当社は、本約款に定めるところにより、本サービスを提供するものとする。\
                       利用者は、本約款に同意した上で、本サービスを利用するものとする。\
                       当社は、利用者に対し、本サービスの内容を通知するものとする。\n";
    format!(
        "{head}{}",
        "利用者は、本約款に同意した上で、本サービスを利用するものとする。\n".repeat(20)
    )
}

#[test]
fn terminal_controls_and_bidi_from_documents_are_shown_escaped() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "evil.txt", &hostile());
    let o = yakkan_in(dir.path(), &["check", "--isolated", "evil.txt"]);
    assert!(matches!(exit(&o), Some(0 | 1)), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        !out.contains('\x1b') && !out.contains('\u{202E}'),
        "{out:?}"
    );
    assert!(
        out.contains("\\u{1b}") || out.contains("\\u{202e}"),
        "{out}"
    );
    // GitHub annotations: one command per line, nothing raw.
    let o = yakkan_in(
        dir.path(),
        &["check", "--isolated", "--format", "github", "evil.txt"],
    );
    let gh = stdout(&o);
    assert!(!gh.contains('\x1b'), "{gh:?}");
    assert!(gh.lines().all(|l| l.starts_with("::")), "{gh}");
    // JSON and SARIF: valid, and the text comes back exactly.
    for fmt in ["json", "sarif"] {
        let o = yakkan_in(
            dir.path(),
            &["check", "--isolated", "--format", fmt, "evil.txt"],
        );
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect(fmt);
        assert!(v.is_object(), "{fmt}");
    }
}

#[test]
fn markdown_and_html_escape_ids_and_titles_everywhere() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "evil.txt", &hostile());
    write(
        dir.path(),
        "yakkan.yaml",
        "documents:\n  - path: evil.txt\n    id: \"x`\\n```html\\n<script>alert(2)</script>\"\n",
    );
    let o = yakkan_in(dir.path(), &["index", ".", "--format", "md"]);
    assert_eq!(exit(&o), Some(0), "{}", stderr(&o));
    let md = stdout(&o);
    // Raw only as the text of a code span that its own fence (longer than any run of
    // backticks in the id) opens and closes.
    for l in md.lines().filter(|l| l.contains("<script>")) {
        assert!(
            l.starts_with("````x`") && l.contains("</script>```` "),
            "{l}"
        );
    }
    assert!(!md.contains('\x1b'), "{md:?}");
    // The only fence lines are the Mermaid block's (a line of backticks followed by text
    // with a backtick in it is no fence in CommonMark: the id's code span).
    let fences: Vec<&str> = md
        .lines()
        .filter(|l| l.starts_with("```") && !l.trim_start_matches('`').contains('`'))
        .collect();
    assert_eq!(fences, ["```mermaid", "```"], "{md}");
    let o = yakkan_in(dir.path(), &["index", ".", "--format", "html"]);
    let html = stdout(&o);
    assert!(!html.contains("<script>alert"), "raw script in HTML");
    // diff md of the hostile document against itself changed.
    write(
        dir.path(),
        "new/evil.txt",
        &hostile().replace("定める", "定めます"),
    );
    write(dir.path(), "old/evil.txt", &hostile());
    let o = yakkan_in(dir.path(), &["diff", "old/evil.txt", "new/evil.txt"]);
    let d = stdout(&o);
    assert!(!d.contains("<script>") && !d.contains('\x1b'), "{d}");
}

// ── writes ──────────────────────────────────────────────────────────────────────────

const UNFORMATTED: &str = "テスト約款\n第１条（目的）\n本約款は定める。   \n";

#[cfg(unix)]
#[test]
fn fmt_write_refuses_read_only_hard_linked_and_foreign_files() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().expect("tempdir");
    let f = write(dir.path(), "ro.txt", UNFORMATTED);
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let o = yakkan_in(dir.path(), &["fmt", "--write", "ro.txt"]);
    assert_eq!(exit(&o), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("read-only"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&f).expect("read"), UNFORMATTED);

    // The mode is kept exactly.
    let f = write(dir.path(), "private.txt", UNFORMATTED);
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let o = yakkan_in(dir.path(), &["fmt", "--write", "private.txt"]);
    assert_eq!(exit(&o), Some(0), "{}", stderr(&o));
    assert_ne!(std::fs::read_to_string(&f).expect("read"), UNFORMATTED);
    assert_eq!(std::fs::metadata(&f).expect("meta").mode() & 0o777, 0o600);

    // A hard link: refused, then --force.
    let f = write(dir.path(), "linked.txt", UNFORMATTED);
    std::fs::hard_link(&f, dir.path().join("other-name.txt")).expect("link");
    let o = yakkan_in(dir.path(), &["fmt", "--write", "linked.txt"]);
    assert_eq!(exit(&o), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("hard links"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&f).expect("read"), UNFORMATTED);
    let o = yakkan_in(dir.path(), &["fmt", "--write", "--force", "linked.txt"]);
    assert_eq!(exit(&o), Some(0), "{}", stderr(&o));

    // Another user's file (only root can make one here).
    let f = write(dir.path(), "theirs.txt", UNFORMATTED);
    if std::os::unix::fs::chown(&f, Some(54321), Some(54321)).is_err() {
        eprintln!("NOTICE: not root; the foreign-owner case is skipped");
        return;
    }
    let o = yakkan_in(dir.path(), &["fmt", "--write", "theirs.txt"]);
    assert_eq!(exit(&o), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("another user"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&f).expect("read"), UNFORMATTED);
    let o = yakkan_in(dir.path(), &["fmt", "--write", "--force", "theirs.txt"]);
    assert_eq!(exit(&o), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::metadata(&f).expect("meta").uid(), 54321);
}

#[test]
fn shift_jis_extensions_and_user_defined_characters_round_trip() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (head, _, _) =
        encoding_rs::SHIFT_JIS.encode("テスト約款\r\n\r\n第１条（目的）\r\n本約款は");
    let (tail, _, _) = encoding_rs::SHIFT_JIS.encode("を定める。\r\n");
    // ED40 (NEC-selected IBM extension), FA5C (its IBM twin), F040 (user-defined).
    let mut formatted = head.to_vec();
    formatted.extend_from_slice(&[0xED, 0x40, 0xFA, 0x5C, 0xF0, 0x40]);
    formatted.extend_from_slice(&tail);
    let f = dir.path().join("sjis.txt");
    std::fs::write(&f, &formatted).expect("write");
    let o = yakkan_in(dir.path(), &["fmt", "--write", "sjis.txt"]);
    assert_eq!(exit(&o), Some(0), "{}", stderr(&o));
    assert!(!stderr(&o).contains("formatted"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&f).expect("read"), formatted);
    // Unformatted (trailing spaces): formatted, the extension bytes as they were.
    let mut unformatted = formatted.clone();
    let at = unformatted.len() - 2;
    unformatted.splice(at..at, *b"   ");
    std::fs::write(&f, &unformatted).expect("write");
    let o = yakkan_in(dir.path(), &["fmt", "--write", "sjis.txt"]);
    assert_eq!(exit(&o), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read(&f).expect("read"), formatted);
}

#[test]
fn outputs_are_written_atomically_and_not_onto_devices() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "doc.txt", DOC);
    if Path::new("/dev/full").exists() {
        for args in [
            vec!["index", "doc.txt", "-o", "/dev/full"],
            vec!["check", "--isolated", "doc.txt", "-o", "/dev/full"],
        ] {
            let o = yakkan_in(dir.path(), &args);
            assert_eq!(exit(&o), Some(2), "{args:?}: {}", stderr(&o));
        }
    }
    write(dir.path(), "old.md", "previous");
    let o = yakkan_in(dir.path(), &["index", "doc.txt", "-o", "old.md"]);
    assert_eq!(exit(&o), Some(0), "{}", stderr(&o));
    assert!(std::fs::read_to_string(dir.path().join("old.md"))
        .expect("read")
        .starts_with("# 索引"));
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(left.is_empty());
}

#[test]
fn markdown_list_depth_does_not_wrap() {
    let mut text = String::from("# 規約\n\n");
    for depth in 0..300 {
        text.push_str(&format!("{}- 項目{depth}\n", "  ".repeat(depth)));
    }
    let src = Arc::new(yakkan::SourceFile::from_text("deep.md", text));
    let (_, lines) = yakkan::layout::logical_lines(&src);
    let depths: Vec<u8> = lines
        .iter()
        .filter_map(|l| l.markdown.list.map(|(d, _)| d))
        .collect();
    // Deeper than 255 stays at 255: never wraps back to a shallow level.
    assert!(depths.windows(2).all(|w| w[1] >= w[0]), "{depths:?}");
}
