//! Y314 `statute-name-misspelled`: the rule's text is the doc comment of [`StatuteNameMisspelled`].

use super::*;
use crate::lint::facts::Facts;

declare_rule! {
    /// ## What it does
    /// Finds a statute's title or abbreviation written one character off (two in a long title) from one in the statute tables (the shipped ones are as in force on 2025-05-28, e-Gov 法令標準XML, aluqas/gitlaw-jp@41be026), and a law number written with a title that is close to the statute's own. Short names are never matched loosely: 民法 and 商法, 保険法 and 保険業法 are different statutes.
    ///
    /// ## Why is this bad?
    /// A misspelled title names no statute: the reader cannot look it up, and a search for the citation finds nothing.
    ///
    /// ## Example
    ///     個人情報の保護に関する法（平成１５年法律第５７号）第２７条
    ///
    /// Use instead:
    ///     個人情報の保護に関する法律（平成１５年法律第５７号）第２７条
    pub struct StatuteNameMisspelled;
    static STATUTE_NAME_MISSPELLED = ("Y314", "statute-name-misspelled", Warning, "a statute title or law number that is a close match to a shipped or given statute, not an exact one");
    reads = [Citations];
}

violation! {
    /// A misspelled statute title, or (`law_number_of` the statute) a wrong law number.
    struct Misspelled { written: String, correct: String, law_number_of: Option<String> }

    fn message(&self) -> String {
        let Misspelled { written, correct, .. } = self;
        match &self.law_number_of {
            None => format!("「{written}」 is not the name of a statute; 「{correct}」 is meant"),
            Some(title) => format!("{written} is not the law number of {title}: it is {correct}"),
        }
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    let mut reported = foldhash::HashSet::default();
    for (d, c) in all_citations(facts) {
        let r = &corpus.docs[d].references[c.reference];
        let (range, misspelled) = match &c.misspelling {
            Some(Misspelling::Title {
                written,
                range,
                correct,
            }) => (
                range.clone(),
                Misspelled {
                    written: written.to_string(),
                    correct: correct.to_string(),
                    law_number_of: None,
                },
            ),
            Some(Misspelling::LawNumber {
                written,
                range,
                correct,
            }) => (
                range.clone(),
                Misspelled {
                    written: written.to_string(),
                    correct: correct.to_string(),
                    law_number_of: Some(c.statute.short_title().to_string()),
                },
            ),
            None => continue,
        };
        if !reported.insert((d, range.start)) {
            continue;
        }
        let mut f = Finding::of(d, range, &r.path, &misspelled).note(revision_note(c));
        if let Some(fix) = &c.corrected {
            f = f.help(format!("cite {fix}"));
        }
        out.push(f);
    }
}
