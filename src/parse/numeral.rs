//! Numerals as they are written in Japanese legal text: full-width and half-width
//! digits (１０ / 10), kanji numerals (十九, 百二十三, 二〇二四), circled digits (①),
//! the iroha and aiueo katakana orders (イロハ / アイウ) and latin letters.

/// The iroha order used for sub-items (イ ロ ハ ニ …), as 法制執務 writes it.
const IROHA: &str = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス";
/// The gojūon order (ア イ ウ エ オ …), used by many terms documents.
const AIUEO: &str =
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン";

/// Value of a run of digits, full-width or half-width: "１０" → 10.
pub fn parse_digits(s: &str) -> Option<u32> {
    let mut value: u32 = 0;
    let mut any = false;
    for c in s.chars() {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '０'..='９' => c as u32 - '０' as u32,
            _ => return None,
        };
        value = value.checked_mul(10)?.checked_add(d)?;
        any = true;
    }
    any.then_some(value)
}

fn kanji_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Value of a kanji numeral: 十九 → 19, 百二十三 → 123, 千 → 1000, and the positional
/// form 二〇二四 → 2024.
pub fn parse_kanji(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    let positional = !s.chars().any(|c| matches!(c, '十' | '百' | '千'));
    if positional {
        let mut v: u32 = 0;
        for c in s.chars() {
            v = v.checked_mul(10)?.checked_add(kanji_digit(c)?)?;
        }
        return Some(v);
    }
    let mut total: u32 = 0;
    let mut digit: Option<u32> = None;
    for c in s.chars() {
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => {
                if digit.is_some() {
                    return None; // 二三十: two digits in a row in the unit form
                }
                digit = Some(kanji_digit(c)?);
                continue;
            }
        };
        total = total.checked_add(digit.take().unwrap_or(1).checked_mul(unit)?)?;
    }
    total.checked_add(digit.unwrap_or(0))
}

/// Value of any numeral: digits or kanji.
pub fn parse_number(s: &str) -> Option<u32> {
    parse_digits(s).or_else(|| parse_kanji(s))
}

/// ① → 1 … ⑳ → 20, ㉑ → 21 … ㊿ → 50.
pub fn parse_circled(c: char) -> Option<u32> {
    match c {
        '①'..='⑳' => Some(c as u32 - '①' as u32 + 1),
        '㉑'..='㉟' => Some(c as u32 - '㉑' as u32 + 21),
        '㊱'..='㊿' => Some(c as u32 - '㊱' as u32 + 36),
        _ => None,
    }
}

/// Which katakana order a list uses, decided by its first label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KanaOrder {
    Iroha,
    Aiueo,
}

impl KanaOrder {
    /// The order a list starting with `first` follows: ア starts the gojūon order, anything
    /// else (イ above all) the iroha order.
    pub fn for_first(first: char) -> KanaOrder {
        if first == 'ア' {
            KanaOrder::Aiueo
        } else {
            KanaOrder::Iroha
        }
    }

    /// 1-based position of `c` in this order, the first one after `prev` when the kana
    /// stands for more than one place: statutes now write the old kana ヲ ヰ ヱ of the
    /// iroha order as オ イ エ (… ム ウ イ ノ オ …), so after ウ, イ is 25th, not 1st.
    pub fn position_after(self, c: char, prev: Option<u32>) -> Option<u32> {
        let mut places: Vec<u32> = self.position(c).into_iter().collect();
        if self == KanaOrder::Iroha {
            let old = match c {
                'オ' => Some('ヲ'),
                'イ' => Some('ヰ'),
                'エ' => Some('ヱ'),
                _ => None,
            };
            places.extend(old.and_then(|o| self.position(o)));
            places.sort_unstable();
        }
        let first = places.first().copied();
        match prev {
            Some(p) => places.into_iter().find(|&x| x > p).or(first),
            None => first,
        }
    }

    /// 1-based position of `c` in this order.
    pub fn position(self, c: char) -> Option<u32> {
        let table = match self {
            KanaOrder::Iroha => IROHA,
            KanaOrder::Aiueo => AIUEO,
        };
        table.chars().position(|k| k == c).map(|p| p as u32 + 1)
    }
}

/// a → 1, ｂ → 2.
pub fn parse_latin(c: char) -> Option<u32> {
    match c {
        'a'..='z' => Some(c as u32 - 'a' as u32 + 1),
        'ａ'..='ｚ' => Some(c as u32 - 'ａ' as u32 + 1),
        _ => None,
    }
}

/// A lower-case roman numeral (i, ii, iv, ｘ …, half- or full-width) up to 39.
pub fn parse_roman(s: &str) -> Option<u32> {
    let mut total = 0u32;
    let mut prev = 0u32;
    for c in s.chars().rev() {
        let v = match c {
            'i' | 'ｉ' => 1,
            'v' | 'ｖ' => 5,
            'x' | 'ｘ' => 10,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    (1..40).contains(&total).then_some(total)
}

/// A number written in kanji with units, as statutes write it: 1984 → 千九百八十四, 0 → 〇.
/// None from 10,000 on (万 is not used for provision numbers or dates here).
pub fn to_kanji(mut n: u32) -> Option<String> {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if n == 0 {
        return Some("〇".to_string());
    }
    if n >= 10000 {
        return None;
    }
    let mut s = String::new();
    for (unit, name) in [(1000, "千"), (100, "百"), (10, "十")] {
        let d = n / unit;
        if d > 0 {
            if d > 1 {
                s.push_str(DIGITS[d as usize]);
            }
            s.push_str(name);
        }
        n %= unit;
    }
    s.push_str(DIGITS[n as usize]);
    Some(s)
}

/// An article number with its branch numbers, normalised: (10, [2]) → "10の2".
pub fn article_num(main: u32, branches: &[u32]) -> String {
    let mut s = main.to_string();
    for b in branches {
        s.push('の');
        s.push_str(&b.to_string());
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn digits_full_and_half_width() {
        assert_eq!(parse_digits("１０"), Some(10));
        assert_eq!(parse_digits("10"), Some(10));
        assert_eq!(parse_digits("1０"), Some(10));
        assert_eq!(parse_digits(""), None);
        assert_eq!(parse_digits("1a"), None);
        assert_eq!(parse_digits("99999999999999"), None);
    }

    #[test]
    fn kanji_forms() {
        for (s, v) in [
            ("一", 1),
            ("十", 10),
            ("十九", 19),
            ("二十", 20),
            ("三十八", 38),
            ("百", 100),
            ("百二十三", 123),
            ("二百六十一", 261),
            ("千", 1000),
            ("千九百八十四", 1984),
            ("二〇二四", 2024),
            ("〇", 0),
        ] {
            assert_eq!(parse_kanji(s), Some(v), "{s}");
        }
        assert_eq!(parse_kanji("二三十"), None);
        assert_eq!(parse_kanji(""), None);
    }

    #[test]
    fn circled_and_kana() {
        assert_eq!(parse_circled('①'), Some(1));
        assert_eq!(parse_circled('⑳'), Some(20));
        assert_eq!(parse_circled('㉑'), Some(21));
        assert_eq!(KanaOrder::for_first('イ').position('ハ'), Some(3));
        assert_eq!(KanaOrder::for_first('ア').position('ウ'), Some(3));
        // Modern statutes: … ル(11) オ(=ヲ 12) ワ(13) …, … ウ(24) イ(=ヰ 25) ノ(26) …
        assert_eq!(KanaOrder::Iroha.position_after('オ', Some(11)), Some(12));
        assert_eq!(KanaOrder::Iroha.position_after('イ', Some(24)), Some(25));
        assert_eq!(KanaOrder::Iroha.position_after('イ', None), Some(1));
        assert_eq!(parse_latin('ｃ'), Some(3));
        assert_eq!(parse_roman("ｉｉｉ"), Some(3));
        assert_eq!(parse_roman("iv"), Some(4));
        assert_eq!(parse_roman("xix"), Some(19));
        assert_eq!(parse_roman("ab"), None);
    }

    #[test]
    fn branch_article_numbers() {
        assert_eq!(article_num(10, &[2]), "10の2");
        assert_eq!(article_num(3, &[]), "3");
    }

    proptest! {
        #[test]
        fn kanji_round_trip(n in 1u32..10000) {
            prop_assert_eq!(parse_kanji(&to_kanji(n).unwrap_or_default()), Some(n));
        }

        #[test]
        fn full_width_round_trip(n in 0u32..1_000_000) {
            let fw: String = n.to_string().chars().map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap()).collect();
            prop_assert_eq!(parse_digits(&fw), Some(n));
        }

        #[test]
        fn never_panics(s in "\\PC*") {
            let _ = parse_number(&s);
        }
    }
}
