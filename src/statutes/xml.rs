//! The e-Gov 法令標準XML reader (quick-xml): a user's statute (`statutes:` in the
//! manifest) read into the same table as the shipped ones — law number, title, official
//! abbreviations, and per main-provision article its number, caption, 削除 flag and the
//! item count of each paragraph. 附則 (SupplProvision), 別表 and the text of amending
//! provisions (AmendProvision) are left out, as in the shipped tables.

use super::{Article, Statute};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// Why an XML file is not a statute.
#[derive(Debug, thiserror::Error)]
pub enum XmlError {
    #[error("not well-formed XML at byte {at}: {message}")]
    Syntax { at: u64, message: String },
    #[error("not an e-Gov statute: {0}")]
    NotAStatute(&'static str),
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.try_get_attribute(name).ok().flatten().and_then(|a| {
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .ok()
            .map(|v| v.into_owned())
    })
}

/// An article being read.
struct Open {
    article: Article,
    /// The text of its sentences (to see 削除).
    sentences: String,
}

/// Read one statute from e-Gov XML. `source` names the file (shown by `yakkan
/// statutes`); the law id is taken from the file name when it is one (415AC0000000057),
/// else from the law number.
pub fn read(bytes: &[u8], source: &str) -> Result<Statute, XmlError> {
    let mut reader = Reader::from_reader(bytes);
    let mut buf = Vec::new();
    // Element names from the root down.
    let mut stack: Vec<Vec<u8>> = Vec::new();
    let mut law_num = String::new();
    let mut title = String::new();
    let mut abbrev = String::new();
    let mut seen_law = false;
    let mut articles: Vec<Article> = Vec::new();
    let mut open: Option<Open> = None;
    let mut caption = String::new();
    // Depth (stack length) of the open article, to tell its own paragraphs and items.
    let mut article_depth = 0;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| XmlError::Syntax {
                at: reader.buffer_position(),
                message: e.to_string(),
            })?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let name = e.name().as_ref().to_vec();
                let in_main = stack.iter().any(|n| n == b"MainProvision")
                    && !stack
                        .iter()
                        .any(|n| n == b"AmendProvision" || n == b"NewProvision");
                match name.as_slice() {
                    b"Law" => seen_law = true,
                    b"LawTitle" => abbrev = attr(e, "Abbrev").unwrap_or_default(),
                    b"Article" if in_main && open.is_none() => {
                        open = Some(Open {
                            article: Article {
                                num: attr(e, "Num").unwrap_or_default(),
                                caption: None,
                                deleted: attr(e, "Delete").as_deref() == Some("true"),
                                paragraphs: Vec::new(),
                            },
                            sentences: String::new(),
                        });
                        article_depth = stack.len() + 1;
                    }
                    b"Paragraph" if open.is_some() && stack.len() == article_depth => {
                        if let Some(o) = open.as_mut() {
                            o.article.paragraphs.push(0);
                        }
                    }
                    b"Item" if open.is_some() && stack.len() == article_depth + 1 => {
                        if let Some(n) = open.as_mut().and_then(|o| o.article.paragraphs.last_mut())
                        {
                            *n += 1;
                        }
                    }
                    b"ArticleCaption" => caption.clear(),
                    _ => {}
                }
                if !empty {
                    stack.push(name);
                }
            }
            Event::Text(t) => {
                let text = t.decode().map_err(|e| XmlError::Syntax {
                    at: reader.buffer_position(),
                    message: e.to_string(),
                })?;
                let within = |n: &[u8]| stack.iter().any(|s| s == n);
                // Ruby readings (Rt) are not part of the text.
                if within(b"Rt") {
                    continue;
                }
                if within(b"LawNum") && !within(b"LawBody") {
                    law_num.push_str(text.trim());
                } else if within(b"LawTitle") {
                    title.push_str(text.trim());
                } else if within(b"ArticleCaption") {
                    caption.push_str(text.trim());
                } else if within(b"Sentence") && !within(b"Item") {
                    if let Some(o) = open.as_mut() {
                        o.sentences.push_str(text.trim());
                    }
                }
            }
            Event::End(_) => {
                let Some(name) = stack.pop() else {
                    continue;
                };
                match name.as_slice() {
                    b"ArticleCaption" if open.is_some() && stack.len() == article_depth => {
                        let c = caption
                            .trim()
                            .trim_start_matches(['（', '('])
                            .trim_end_matches(['）', ')'])
                            .to_string();
                        if let Some(o) = open.as_mut() {
                            o.article.caption = (!c.is_empty()).then_some(c);
                        }
                    }
                    b"Article" if open.is_some() && stack.len() + 1 == article_depth => {
                        if let Some(mut o) = open.take() {
                            if o.article.paragraphs.is_empty() {
                                o.article.paragraphs.push(0);
                            }
                            // 第三十二条　削除: an article whose only text is 削除.
                            if o.sentences == "削除" {
                                o.article.deleted = true;
                            }
                            articles.push(o.article);
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if !seen_law {
        return Err(XmlError::NotAStatute("no <Law> element"));
    }
    if title.is_empty() {
        return Err(XmlError::NotAStatute("no <LawTitle>"));
    }
    let stem = std::path::Path::new(source)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let law_id = if stem.len() == 15 && stem.is_ascii() {
        stem
    } else {
        law_num.clone()
    };
    Ok(Statute::new(
        law_id,
        law_num,
        title,
        abbrev
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        source.to_string(),
        format!("as given in {source}"),
        articles,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Law Era="Reiwa" Lang="ja" LawType="Act" Num="001" Year="09">
  <LawNum>令和九年法律第一号</LawNum>
  <LawBody>
    <LawTitle Kana="みほん" Abbrev="見本法,見本規制法">見本の取扱いに関する法律</LawTitle>
    <MainProvision>
      <Chapter Num="1"><ChapterTitle>第一章　総則</ChapterTitle>
      <Article Num="1">
        <ArticleCaption>（目的）</ArticleCaption>
        <ArticleTitle>第一条</ArticleTitle>
        <Paragraph Num="1"><ParagraphNum/><ParagraphSentence><Sentence>この法律は、見本の取扱いを定める。</Sentence></ParagraphSentence>
          <Item Num="1"><ItemTitle>一</ItemTitle><ItemSentence><Sentence>甲</Sentence></ItemSentence>
            <Subitem1 Num="1"><Subitem1Title>イ</Subitem1Title></Subitem1>
          </Item>
          <Item Num="2"><ItemTitle>二</ItemTitle><ItemSentence><Sentence>乙</Sentence></ItemSentence></Item>
        </Paragraph>
        <Paragraph Num="2"><ParagraphNum>２</ParagraphNum><ParagraphSentence><Sentence>前項の見本は、<Ruby>頒<Rt>はん</Rt></Ruby>布しない。</Sentence></ParagraphSentence></Paragraph>
      </Article>
      <Article Num="2">
        <ArticleTitle>第二条</ArticleTitle>
        <Paragraph Num="1"><ParagraphNum/><ParagraphSentence><Sentence>削除</Sentence></ParagraphSentence></Paragraph>
      </Article>
      <Article Num="3:5">
        <ArticleTitle>第三条から第五条まで</ArticleTitle>
        <Paragraph Num="1"><ParagraphNum/><ParagraphSentence><Sentence>削除</Sentence></ParagraphSentence></Paragraph>
      </Article>
      </Chapter>
    </MainProvision>
    <SupplProvision>
      <Article Num="1"><ArticleCaption>（施行期日）</ArticleCaption><ArticleTitle>第一条</ArticleTitle>
        <Paragraph Num="1"><ParagraphSentence><Sentence>公布の日から施行する。</Sentence></ParagraphSentence></Paragraph></Article>
    </SupplProvision>
  </LawBody>
</Law>"#;

    #[test]
    fn reads_the_main_provisions() {
        let s = read(SAMPLE.as_bytes(), "laws/999AC0000000001.xml").unwrap();
        assert_eq!(s.law_id, "999AC0000000001");
        assert_eq!(s.law_num, "令和九年法律第一号");
        assert_eq!(s.title, "見本の取扱いに関する法律");
        assert_eq!(s.abbrevs, ["見本法", "見本規制法"]);
        let nums: Vec<&str> = s.articles().iter().map(|a| a.num.as_str()).collect();
        assert_eq!(nums, ["1", "2", "3:5"], "附則 articles are left out");
        assert_eq!(s.articles()[0].caption.as_deref(), Some("目的"));
        assert_eq!(
            s.articles()[0].paragraphs,
            [2, 0],
            "sub-items are not items"
        );
        assert!(!s.articles()[0].deleted);
        assert!(s.articles()[1].deleted);
        assert!(s.articles()[2].is_deleted());
    }

    #[test]
    fn broken_files_are_errors() {
        assert!(matches!(
            read(b"<Law><LawBody><LawTitle>x</LawTitle></Law>", "x.xml"),
            Err(XmlError::Syntax { .. })
        ));
        assert!(matches!(
            read(b"<html><body/></html>", "x.xml"),
            Err(XmlError::NotAStatute(_))
        ));
    }
}
