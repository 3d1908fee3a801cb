//! Entry files: splitting never panics, a parsed file prints back byte for byte, and a title
//! set by the library reads back equal.
#![no_main]

use desk::content::EntryFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (title, file) = text.split_once('\u{1}').unwrap_or(("Fuzzed: \"title\"\n---", text));
    let Ok(mut entry) = EntryFile::parse("fuzz.md", file) else { return };
    assert_eq!(entry.to_text(), file, "parse/print is not the identity");
    if let Some(front) = entry.front_mut()
        && front.set_str("title", title).is_ok()
    {
        let printed = entry.to_text();
        let reread = EntryFile::parse("fuzz.md", &printed).expect("what we wrote parses");
        assert_eq!(reread.title().as_deref(), Some(title));
        assert_eq!(reread.body(), entry.body(), "the body moved");
    }
});
