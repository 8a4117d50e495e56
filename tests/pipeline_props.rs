//! The fuzz targets' ground, quickly, in the normal suite: any text through the whole
//! pipeline and every output format — no panic, JSON and SARIF valid, one GitHub command
//! per line, no raw control character in human output. (`fuzz/` runs the same for long.)

mod common;

use proptest::prelude::*;
use std::sync::Arc;

fn pieces() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "第1条",
        "第２条",
        "（目的）",
        "第1項",
        "前項",
        "次条",
        "同条",
        "前各号",
        "「",
        "」",
        "（",
        "）",
        "、",
        "。",
        "\n",
        "\r\n",
        "２ ",
        "一 ",
        "イ ",
        "本約款",
        "会社法",
        "の法律",
        "に関する",
        "とあるのは",
        "を準用する",
        "存続する",
        "１",
        "a",
        "\x1b]0;x\x07",
        "\u{202E}",
        "# ",
        "- ",
        "附則",
        "別表",
        "\t",
        "　",
        "以下「定義語」という。",
    ]);
    prop::collection::vec(atoms, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_text_through_every_format(body in pieces(), md in any::<bool>()) {
        let name = if md { "doc.md" } else { "doc.txt" };
        let src = Arc::new(yakkan::SourceFile::from_text(name, format!("規約\n\n{body}")));
        let doc = yakkan::parse_text_source(src);
        let corpus = common::lone_corpus(doc);
        let diags = yakkan::lint(&corpus);
        let human = yakkan::report::render_human(&corpus, &diags, false);
        let raw = human.contains('\x1b') || human.contains('\u{202E}');
        prop_assert!(!raw, "raw control character in human output");
        let json = yakkan::report::render_json(&corpus, &diags);
        prop_assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok());
        let sarif = yakkan::report::render_sarif(&corpus, &diags);
        prop_assert!(serde_json::from_str::<serde_json::Value>(&sarif).is_ok());
        let github = yakkan::report::render_github(&corpus, &diags);
        prop_assert!(github.lines().all(|l| l.starts_with("::")), "{}", github);
        for f in ["md", "html", "json"] {
            let _ = yakkan::index::render(&corpus, yakkan::index::Format::parse(f).unwrap());
        }
    }
}
