//! Slugs: readable, lowercase ASCII file names made from titles in any script of the region
//! (Russian Cyrillic, Norwegian/Swedish/Finnish and Sámi letters). A slug is made once, when
//! an entry is first published; renaming the title later does not move the file.

/// Longest slug we make, in bytes; cut at a word boundary.
const MAX_SLUG: usize = 60;

/// Turns a title into a slug: `Сергей Лавров о молодёжи` -> `sergei-lavrov-o-molodezhi`.
/// Returns an empty string when nothing usable remains (the caller picks a fallback).
pub fn slugify(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    let mut pending_dash = false;
    for c in title.chars().flat_map(|c| c.to_lowercase()) {
        let piece = transliterate(c);
        if piece.is_empty() {
            // letters with no Latin form (e.g. ь, ъ) vanish without splitting the word
            continue;
        }
        for p in piece.chars() {
            if p.is_ascii_alphanumeric() {
                if pending_dash && !out.is_empty() {
                    out.push('-');
                }
                pending_dash = false;
                out.push(p);
            } else {
                pending_dash = true;
            }
        }
    }
    if out.len() > MAX_SLUG {
        let cut = out[..MAX_SLUG].rfind('-').unwrap_or(MAX_SLUG);
        out.truncate(cut);
    }
    out
}

fn transliterate(c: char) -> &'static str {
    match c {
        'a'..='z' | '0'..='9' => ascii(c),
        // Russian (a readable scheme close to the one on Russian passports since 2010)
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' => "e",
        'ё' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'э' => "e",
        'ю' => "iu",
        'я' => "ia",
        // Nordic
        'æ' => "ae",
        'ø' => "o",
        'å' => "a",
        'ä' => "a",
        'ö' => "o",
        'ü' => "u",
        'ß' => "ss",
        // Northern, Inari and Skolt Sámi
        'á' | 'â' | 'à' => "a",
        'č' | 'ç' => "c",
        'đ' => "d",
        'ŋ' => "n",
        'š' => "s",
        'ŧ' => "t",
        'ž' => "z",
        'ʒ' | 'ǯ' => "z",
        'ǧ' | 'ǥ' => "g",
        'ǩ' => "k",
        'õ' => "o",
        'é' | 'è' | 'ê' | 'ë' => "e",
        'í' | 'ï' => "i",
        'ó' | 'ô' => "o",
        'ú' => "u",
        'ñ' => "n",
        'ý' => "y",
        _ => " ",
    }
}

fn ascii(c: char) -> &'static str {
    const TABLE: &str = "abcdefghijklmnopqrstuvwxyz0123456789";
    let i = TABLE.find(c).unwrap_or(0);
    &TABLE[i..i + 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_from_the_region_s_scripts() {
        assert_eq!(
            slugify("Youth Exchange 2026: Kirkenes"),
            "youth-exchange-2026-kirkenes"
        );
        assert_eq!(
            slugify("Сергей Лавров о молодёжи"),
            "sergei-lavrov-o-molodezhi"
        );
        assert_eq!(
            slugify("Sámi culture in Kárášjohka"),
            "sami-culture-in-karasjohka"
        );
        assert_eq!(slugify("Ørjan and Åsa in Luleå"), "orjan-and-asa-in-lulea");
        assert_eq!(slugify("Đuođaid ŋ ŧ"), "duodaid-n-t");
        assert_eq!(slugify("Объявление"), "obiavlenie");
        assert_eq!(slugify("  --  "), "");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        let s = slugify(&"word ".repeat(40));
        assert!(s.len() <= MAX_SLUG && !s.ends_with('-'), "{s}");
    }
}
