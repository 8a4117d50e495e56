//! Shift_JIS (CP932) written back byte for byte. encoding_rs decodes every valid CP932
//! sequence, but its encoder picks one form per character: the NEC-selected IBM
//! extensions (rows ED/EE) and the NEC row 13 duplicates come back as other codes, and
//! the user-defined area (F0–F9, decoded to U+E000–U+E757) cannot be encoded at all.
//! So the decoder records, per file, the bytes each character came from whenever they
//! are not what the encoder would write ([`forms`]), and [`encode`] writes those bytes
//! back — the same table both ways — and the user-defined area by its arithmetic.

use foldhash::{HashMap, HashMapExt};

/// For each character of a file that has a two-byte form encoding_rs would not write:
/// the bytes of each of its occurrences, in order (one entry when they are all alike).
/// A file may write one character in two forms (ED40 and FA5C are both 纊): the k-th
/// occurrence written back takes the k-th form (formatting and fixes keep the
/// characters in order).
pub type Forms = HashMap<char, Vec<[u8; 2]>>;

/// First code point and count of the user-defined area (F040–F9FC).
const PUA_START: u32 = 0xE000;
const PUA_LEN: u32 = 1880;
/// The pointer (WHATWG index) of F040.
const PUA_POINTER: u32 = 8836;

/// The two bytes of a character of the user-defined area.
fn pua_bytes(c: char) -> Option<[u8; 2]> {
    let off = u32::from(c).checked_sub(PUA_START)?;
    if off >= PUA_LEN {
        return None;
    }
    let pointer = PUA_POINTER + off;
    let (lead, trail) = (pointer / 188, pointer % 188);
    let lead = if lead < 0x1F {
        lead + 0x81
    } else {
        lead + 0xC1
    };
    let trail = if trail < 0x3F {
        trail + 0x40
    } else {
        trail + 0x41
    };
    Some([lead as u8, trail as u8])
}

/// The bytes encoding_rs writes for one character, if it can.
fn canonical(c: char) -> Option<Vec<u8>> {
    let mut buf = [0u8; 4];
    let (bytes, _, had_errors) = encoding_rs::SHIFT_JIS.encode(c.encode_utf8(&mut buf));
    (!had_errors).then(|| bytes.into_owned())
}

/// The width in bytes of a decoded character in CP932.
fn width(c: char) -> usize {
    if c.is_ascii() || c == '\u{80}' || ('\u{FF61}'..='\u{FF9F}').contains(&c) {
        1
    } else {
        2
    }
}

/// The forms of a file's two-byte characters that the encoder would not write, read
/// from its bytes and their decoded text. Only the lead bytes of the duplicated rows
/// (0x87 and 0xED–0xFC) can hold them.
pub fn forms(bytes: &[u8], text: &str) -> Forms {
    let pairs = || {
        let mut pos = 0;
        text.chars().filter_map(move |c| {
            let w = width(c);
            let at = pos;
            pos += w;
            (w == 2 && at + 1 < bytes.len()).then(|| (c, [bytes[at], bytes[at + 1]]))
        })
    };
    let mut out = Forms::new();
    for (c, pair) in pairs() {
        if (pair[0] == 0x87 || pair[0] >= 0xED)
            && !out.contains_key(&c)
            && canonical(c).as_deref() != Some(&pair[..])
        {
            out.insert(c, Vec::new());
        }
    }
    if !out.is_empty() {
        for (c, pair) in pairs() {
            if let Some(v) = out.get_mut(&c) {
                v.push(pair);
            }
        }
        for v in out.values_mut() {
            if v.iter().all(|p| *p == v[0]) {
                v.truncate(1);
            }
        }
    }
    crate::work::add(text.len());
    out
}

/// `text` in Shift_JIS, each character in `forms` written as those bytes and the
/// user-defined area by its code. A character Shift_JIS cannot hold is an error naming
/// it and its 1-based line.
pub fn encode(text: &str, forms: &Forms) -> Result<Vec<u8>, (char, usize)> {
    let mut out = Vec::with_capacity(text.len());
    let mut seen: HashMap<char, usize> = HashMap::new();
    let mut run = 0;
    let flush = |out: &mut Vec<u8>, from: usize, to: usize| -> Result<(), (char, usize)> {
        if from == to {
            return Ok(());
        }
        let piece = &text[from..to];
        let (bytes, _, had_errors) = encoding_rs::SHIFT_JIS.encode(piece);
        if had_errors {
            // encoding_rs wrote an HTML character reference instead: find the character.
            for (i, c) in piece.char_indices() {
                if canonical(c).is_none() {
                    let line = text[..from + i].matches('\n').count() + 1;
                    return Err((c, line));
                }
            }
        }
        out.extend_from_slice(&bytes);
        Ok(())
    };
    for (i, c) in text.char_indices() {
        if c.is_ascii() {
            continue;
        }
        let special = match forms.get(&c) {
            Some(v) => {
                let k = seen.entry(c).or_insert(0);
                *k += 1;
                v.get(*k - 1).or(v.last()).copied()
            }
            None => pua_bytes(c),
        };
        if let Some(pair) = special {
            flush(&mut out, run, i)?;
            out.extend_from_slice(&pair);
            run = i + c.len_utf8();
        }
    }
    flush(&mut out, run, text.len())?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every valid two-byte CP932 sequence decodes and, with the file's forms, encodes
    /// back to itself.
    #[test]
    fn every_two_byte_sequence_round_trips() {
        let mut bytes = Vec::new();
        let mut count = 0;
        for lead in (0x81u8..=0x9F).chain(0xE0..=0xFC) {
            for trail in (0x40u8..=0x7E).chain(0x80..=0xFC) {
                let pair = [lead, trail];
                let (text, had_errors) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(&pair);
                if !had_errors && !text.is_empty() {
                    bytes.extend_from_slice(&[lead, trail, b'\n']);
                    count += 1;
                }
            }
        }
        assert!(count > 9000, "{count}");
        let (text, had_errors) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(&bytes);
        assert!(!had_errors);
        let forms = forms(&bytes, &text);
        assert_eq!(encode(&text, &forms).expect("encode"), bytes);
        // NEC-selected IBM extension ED40, its IBM twin FA5C, a user-defined character
        // F040, a NEC row 13 symbol 8790 (≒, also 81E0) and its JIS form.
        let file = [
            0xED, 0x40, 0xF0, 0x40, b'\n', 0xFA, 0x5C, 0x87, 0x90, 0x81, 0xE0,
        ];
        let (text, _) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(&file);
        assert_eq!(
            encode(&text, &super::forms(&file, &text)).expect("encode"),
            file
        );
        // Text changed around them keeps their forms.
        let longer = text.replace('\n', "\r\n");
        let mut want = file.to_vec();
        want.insert(4, b'\r');
        assert_eq!(
            encode(&longer, &super::forms(&file, &text)).expect("encode"),
            want
        );
    }
}
