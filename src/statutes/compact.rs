//! The compact encoding of statute tables compiled into the binary (`data/statutes.bin`).
//!
//! Layout (all integers are LEB128 varints, strings are indices into the pool):
//!
//! ```text
//! "YKST" version(=1)
//! as_of(str-bytes)
//! pool: count, then per string: byte length, UTF-8 bytes
//! statutes: count, then per statute:
//!   law_id law_num title  abbrev-count abbrev…  source
//!   article-count, then per article:
//!     num  caption+1 (0 = none)  deleted(0|1)  paragraph-count  item-count…
//! ```
//!
//! Every string (titles, article numbers, captions) is stored once in the pool, so the
//! captions that many statutes share (定義, 罰則, 目的) and the article numbers cost a
//! byte or two per use.

use super::{Article, Statute};
use foldhash::{HashMap, HashMapExt};

const MAGIC: &[u8; 4] = b"YKST";
const VERSION: u8 = 1;

/// Why a compact table could not be read.
#[derive(Debug, thiserror::Error)]
#[error("statute table: {0}")]
pub struct DecodeError(String);

fn put(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn put_bytes(out: &mut Vec<u8>, s: &str) {
    put(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// Encode statutes (their tables, the date they are in force at) compactly.
pub fn encode(as_of: &str, statutes: &[Statute]) -> Vec<u8> {
    let mut pool: Vec<String> = Vec::new();
    let mut index: HashMap<String, u64> = HashMap::new();
    let mut intern = |s: &str, pool: &mut Vec<String>| -> u64 {
        if let Some(&i) = index.get(s) {
            return i;
        }
        let i = pool.len() as u64;
        pool.push(s.to_string());
        index.insert(s.to_string(), i);
        i
    };
    let mut body = Vec::new();
    put(&mut body, statutes.len() as u64);
    for s in statutes {
        for field in [&s.law_id, &s.law_num, &s.title] {
            let i = intern(field, &mut pool);
            put(&mut body, i);
        }
        put(&mut body, s.abbrevs.len() as u64);
        for a in &s.abbrevs {
            let i = intern(a, &mut pool);
            put(&mut body, i);
        }
        let i = intern(&s.source, &mut pool);
        put(&mut body, i);
        put(&mut body, s.articles().len() as u64);
        for a in s.articles() {
            let i = intern(&a.num, &mut pool);
            put(&mut body, i);
            let c = a.caption.as_deref().map_or(0, |c| intern(c, &mut pool) + 1);
            put(&mut body, c);
            body.push(u8::from(a.deleted));
            put(&mut body, a.paragraphs.len() as u64);
            for &n in &a.paragraphs {
                put(&mut body, u64::from(n));
            }
        }
    }
    let mut out = Vec::with_capacity(body.len() + pool.iter().map(|s| s.len() + 2).sum::<usize>());
    out.extend_from_slice(MAGIC);
    out.push(VERSION);
    put_bytes(&mut out, as_of);
    put(&mut out, pool.len() as u64);
    for s in &pool {
        put_bytes(&mut out, s);
    }
    out.extend_from_slice(&body);
    out
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn err(&self, what: &str) -> DecodeError {
        DecodeError(format!("{what} at byte {}", self.at))
    }

    fn byte(&mut self) -> Result<u8, DecodeError> {
        let b = *self
            .bytes
            .get(self.at)
            .ok_or_else(|| self.err("truncated"))?;
        self.at += 1;
        Ok(b)
    }

    fn varint(&mut self) -> Result<u64, DecodeError> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(self.err("varint too long"))
    }

    fn len(&mut self) -> Result<usize, DecodeError> {
        let n = self.varint()? as usize;
        if n > self.bytes.len() {
            return Err(self.err("length beyond the data"));
        }
        Ok(n)
    }

    fn text(&mut self) -> Result<&'a str, DecodeError> {
        let n = self.len()?;
        let end = self.at + n;
        let s = self
            .bytes
            .get(self.at..end)
            .ok_or_else(|| self.err("truncated string"))?;
        self.at = end;
        std::str::from_utf8(s).map_err(|_| self.err("invalid UTF-8"))
    }
}

/// Decode a table whole, every statute's articles with it.
pub fn decode(bytes: &[u8]) -> Result<(String, Vec<Statute>), DecodeError> {
    let table = decode_with(bytes, read_articles)?;
    let statutes = table
        .statutes
        .into_iter()
        .map(|(s, articles)| s.with_articles(articles))
        .collect();
    Ok((table.as_of, statutes))
}

/// Decode a table that lives as long as the program (the compiled-in one), each
/// statute's articles left encoded until they are asked for: the statutes and their
/// names are read, the articles of each are only stepped over.
pub fn decode_static(bytes: &'static [u8]) -> Result<(String, Vec<Statute>), DecodeError> {
    let table = decode_with(bytes, |r, pool| {
        let at = r.at;
        skip_articles(r, pool.len())?;
        Ok(at)
    })?;
    let pool: std::sync::Arc<[&'static str]> = table.pool.into();
    let statutes = table
        .statutes
        .into_iter()
        .map(|(s, at)| {
            let pool = std::sync::Arc::clone(&pool);
            s.with_encoded(Encoded { bytes, at, pool })
        })
        .collect();
    Ok((table.as_of, statutes))
}

/// A table read: the date it is in force at, its strings, and its statutes (without
/// their articles yet), each with what `articles` made of its articles (read them, or
/// step over them).
struct TableRead<'a, A> {
    as_of: String,
    pool: Vec<&'a str>,
    statutes: Vec<(Statute, A)>,
}

/// Read a table: its head, its strings, and each statute with `articles` doing what it
/// does with the statute's articles.
fn decode_with<'a, A>(
    bytes: &'a [u8],
    mut articles: impl FnMut(&mut Reader<'a>, &[&'a str]) -> Result<A, DecodeError>,
) -> Result<TableRead<'a, A>, DecodeError> {
    let mut r = Reader { bytes, at: 0 };
    if bytes.get(..4) != Some(MAGIC.as_slice()) {
        return Err(r.err("not a yakkan statute table"));
    }
    r.at = 4;
    if r.byte()? != VERSION {
        return Err(r.err("unknown version"));
    }
    let as_of = r.text()?.to_string();
    let n = r.len()?;
    let mut pool = Vec::with_capacity(n);
    for _ in 0..n {
        pool.push(r.text()?);
    }
    let s = |r: &mut Reader<'_>| -> Result<String, DecodeError> {
        let i = r.varint()? as usize;
        pool.get(i)
            .map(|s| s.to_string())
            .ok_or_else(|| r.err("string index out of range"))
    };
    let count = r.len()?;
    let mut statutes = Vec::with_capacity(count);
    for _ in 0..count {
        let law_id = s(&mut r)?;
        let law_num = s(&mut r)?;
        let title = s(&mut r)?;
        let na = r.len()?;
        let mut abbrevs = Vec::with_capacity(na);
        for _ in 0..na {
            abbrevs.push(s(&mut r)?);
        }
        let source = s(&mut r)?;
        let these = articles(&mut r, &pool)?;
        let revision = format!("as in force on {as_of}");
        let statute = Statute::new(law_id, law_num, title, abbrevs, source, revision, vec![]);
        statutes.push((statute, these));
    }
    if r.at != bytes.len() {
        return Err(r.err("trailing bytes"));
    }
    Ok(TableRead {
        as_of,
        pool,
        statutes,
    })
}

/// A statute's articles as they stand in a table that lives as long as the program.
#[derive(Debug, Clone)]
pub struct Encoded {
    bytes: &'static [u8],
    /// Where the statute's article count starts.
    at: usize,
    /// The table's strings.
    pool: std::sync::Arc<[&'static str]>,
}

impl Encoded {
    pub fn articles(&self) -> Result<Vec<Article>, DecodeError> {
        let mut r = Reader {
            bytes: self.bytes,
            at: self.at,
        };
        read_articles(&mut r, &self.pool)
    }
}

fn read_articles(r: &mut Reader<'_>, pool: &[&str]) -> Result<Vec<Article>, DecodeError> {
    let string = |r: &mut Reader<'_>, i: usize| -> Result<String, DecodeError> {
        pool.get(i)
            .map(|s| s.to_string())
            .ok_or_else(|| r.err("string index out of range"))
    };
    let n_articles = r.len()?;
    let mut articles = Vec::with_capacity(n_articles);
    for _ in 0..n_articles {
        let i = r.varint()? as usize;
        let num = string(r, i)?;
        let caption = match r.varint()? as usize {
            0 => None,
            i => Some(
                pool.get(i - 1)
                    .ok_or_else(|| r.err("caption index out of range"))?
                    .to_string(),
            ),
        };
        let deleted = r.byte()? != 0;
        let np = r.len()?;
        let mut paragraphs = Vec::with_capacity(np);
        for _ in 0..np {
            paragraphs.push(r.varint()? as u32);
        }
        articles.push(Article {
            num,
            caption,
            deleted,
            paragraphs,
        });
    }
    Ok(articles)
}

/// Step over a statute's articles, checking what [`read_articles`] would (the indices
/// into a pool of `pool_len` strings), without making them.
fn skip_articles(r: &mut Reader<'_>, pool_len: usize) -> Result<(), DecodeError> {
    let n_articles = r.len()?;
    for _ in 0..n_articles {
        if r.varint()? as usize >= pool_len {
            return Err(r.err("string index out of range"));
        }
        if r.varint()? as usize > pool_len {
            return Err(r.err("caption index out of range"));
        }
        r.byte()?;
        let np = r.len()?;
        for _ in 0..np {
            r.varint()?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Statute {
        Statute::new(
            "999AC0000000001".into(),
            "令和九年法律第一号".into(),
            "見本に関する法律".into(),
            vec!["見本法".into()],
            "test".into(),
            "2025-05-28".into(),
            vec![
                Article {
                    num: "1".into(),
                    caption: Some("目的".into()),
                    deleted: false,
                    paragraphs: vec![0],
                },
                Article {
                    num: "2の2".into(),
                    caption: None,
                    deleted: true,
                    paragraphs: vec![3, 200],
                },
            ],
        )
    }

    #[test]
    fn round_trip() {
        let bytes = encode("2025-05-28", &[sample()]);
        let (as_of, back) = decode(&bytes).unwrap();
        assert_eq!(as_of, "2025-05-28");
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].title, "見本に関する法律");
        assert_eq!(back[0].abbrevs, ["見本法"]);
        assert_eq!(back[0].articles(), sample().articles());
    }

    /// The compiled-in table's way: articles left encoded, read when first asked for,
    /// the same articles and the same lookups as a whole decode.
    #[test]
    fn articles_read_when_asked_for_are_the_same() {
        let two = [sample(), sample()];
        let bytes: &'static [u8] = Box::leak(encode("2025-05-28", &two).into_boxed_slice());
        let (as_of, whole) = decode(bytes).unwrap();
        let (lazy_as_of, lazy) = decode_static(bytes).unwrap();
        assert_eq!(as_of, lazy_as_of);
        assert_eq!(lazy.len(), 2);
        for (w, l) in whole.iter().zip(&lazy) {
            assert_eq!(w.title, l.title);
            assert_eq!(w.revision, l.revision);
            assert_eq!(l.articles(), w.articles());
            assert_eq!(
                l.article(&[2, 2]).map(|a| a.paragraphs.clone()),
                Some(vec![3, 200])
            );
            assert!(l.article(&[3]).is_none());
        }
        assert!(decode_static(&bytes[..bytes.len() - 1]).is_err());
    }

    #[test]
    fn broken_data_is_an_error() {
        let bytes = encode("2025-05-28", &[sample()]);
        assert!(decode(&bytes[..bytes.len() - 1]).is_err());
        assert!(decode(b"nope").is_err());
        let mut extra = bytes.clone();
        extra.push(0);
        assert!(decode(&extra).is_err());
    }
}
