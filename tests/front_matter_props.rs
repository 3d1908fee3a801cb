//! Property: whatever a title contains, the front matter written by the YAML or TOML library
//! reads back equal, with no extra keys, and the body — even with `---` or `+++` lines —
//! never ends or enters the front matter.

use desk::content::{EntryFile, FrontMatter, NewFrontMatter};
use desk::site::FrontMatterFormat;
use proptest::prelude::*;

fn hostile() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("---".to_owned()),
            Just("+++".to_owned()),
            Just(": ".to_owned()),
            Just(" #".to_owned()),
            Just("\"".to_owned()),
            Just("'".to_owned()),
            Just("\\".to_owned()),
            Just("\n".to_owned()),
            Just("\r\n".to_owned()),
            Just("!!python/object:os.system".to_owned()),
            Just("&anchor".to_owned()),
            Just("*alias".to_owned()),
            Just("NO".to_owned()),
            Just("on".to_owned()),
            Just("~".to_owned()),
            Just("null".to_owned()),
            Just("\t".to_owned()),
            Just("\0".to_owned()),
            Just("- ".to_owned()),
            Just("[".to_owned()),
            Just("{".to_owned()),
            Just("%".to_owned()),
            Just("@".to_owned()),
            Just("`".to_owned()),
            Just("1e3".to_owned()),
            Just("0x10".to_owned()),
            Just("2026-12-03".to_owned()),
            "[a-zA-Zåøæčŋšž Сергей]{0,8}",
        ],
        0..8,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases_or(512), ..ProptestConfig::default() })]

    #[test]
    fn a_changed_title_reads_back_equal_and_nothing_else_moves(title in hostile(), yaml in any::<bool>()) {
        let (format, raw) = if yaml {
            (FrontMatterFormat::Yaml, "title: Old\n# kept comment\ndate: 2026-10-14\ntags: [a, b]\n")
        } else {
            (FrontMatterFormat::Toml, "title = \"Old\"\n# kept comment\ndate = 2026-10-14\ntags = [\"a\", \"b\"]\n")
        };
        let mut fm = FrontMatter::parse(format, raw, "t.md").unwrap();
        fm.set_str("title", &title).unwrap();
        prop_assert_eq!(fm.get("title"), Some(title.clone()));
        prop_assert_eq!(fm.keys().len(), 3);
        prop_assert!(fm.raw().contains("# kept comment\n"));
        prop_assert_eq!(fm.get("date"), Some("2026-10-14".to_owned()));
        prop_assert_eq!(fm.get_list("tags"), Some(vec!["a".to_owned(), "b".to_owned()]));

        // in a whole file, with a body full of markers
        let body = "Text\n\n---\n\n+++\n\n---\ntitle: not front matter\n---\n";
        let file = EntryFile::new(fm, body);
        let text = file.to_text();
        let reread = EntryFile::parse("t.md", &text).unwrap();
        prop_assert_eq!(reread.title(), Some(title.clone()));
        prop_assert_eq!(reread.body(), body);
        prop_assert_eq!(reread.to_text(), text);
    }

    #[test]
    fn new_front_matter_reads_back_equal(title in hostile(), author in hostile(), yaml in any::<bool>()) {
        let format = if yaml { FrontMatterFormat::Yaml } else { FrontMatterFormat::Toml };
        let fm = NewFrontMatter { title: &title, date: "2026-11-29", author: Some(&author), draft: false }
            .render(format)
            .unwrap();
        prop_assert_eq!(fm.get("title"), Some(title.clone()));
        prop_assert_eq!(fm.get("author"), Some(author.clone()));
        prop_assert_eq!(fm.keys().len(), 4);
        let text = EntryFile::new(fm, "---\n").to_text();
        let reread = EntryFile::parse("t.md", &text).unwrap();
        prop_assert_eq!(reread.title(), Some(title));
        prop_assert_eq!(reread.body(), "---\n");
    }
}

/// The number of cases: `PROPTEST_CASES` when set (`cargo xtask soak` sets it), else `default`.
fn cases_or(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(default)
}
