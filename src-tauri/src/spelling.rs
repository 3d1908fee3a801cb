//! Spell checking in the editor (issue 7: "spell checking as the web view provides it").
//! WebKitGTK checks spelling only once the app turns it on with a list of languages (macOS's
//! and Windows' web views follow the `spellcheck` attribute by themselves). The list is the
//! person's own language (from the locale) and the site's writing languages, English and
//! Russian; WebKit skips a language whose dictionary (hunspell, through Enchant) is not
//! installed, so the list never fails, it only checks less.

/// The site's writing languages, as dictionary names.
const SITE_LANGUAGES: [&str; 3] = ["en_GB", "en_US", "ru_RU"];

/// The dictionaries to ask for: the locale's language first (from `LC_ALL`, `LC_MESSAGES` or
/// `LANG`, as `nb_NO.UTF-8` gives `nb_NO`), then the site's, each once.
pub fn languages(locale: Option<&str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if let Some(own) = locale
        .map(|l| l.split(['.', '@']).next().unwrap_or(""))
        .filter(|l| !l.is_empty() && *l != "C" && *l != "POSIX")
    {
        out.push(own.to_owned());
    }
    for l in SITE_LANGUAGES {
        if !out.iter().any(|o| o == l) {
            out.push(l.to_owned());
        }
    }
    out
}

/// The locale that names the person's language.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn locale() -> Option<String> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
}

/// Turns spell checking on in the window's web view (Linux; elsewhere the web view does it), for
/// the locale's language and the site's. The window asks for it once its start screen is on
/// screen, not at start: turning it on loads the dictionaries (about 0.1 s), and while WebKitGTK
/// set them up the new web process waited, which held the page back by half a second
/// (measured with the first page's time from the process start, DESIGN 34). Later calls do
/// nothing. A sync command, so it runs on the main thread, where the web view lives.
#[tauri::command]
pub fn start_spell_checking(window: tauri::WebviewWindow) {
    use std::sync::atomic::{AtomicBool, Ordering};
    static STARTED: AtomicBool = AtomicBool::new(false);
    if STARTED.swap(true, Ordering::SeqCst) {
        return;
    }
    #[cfg(target_os = "linux")]
    {
        let wanted = languages(locale().as_deref());
        let done = window.with_webview(move |webview| {
            use webkit2gtk::{WebContextExt, WebViewExt};
            if let Some(context) = webview.inner().context() {
                let names: Vec<&str> = wanted.iter().map(String::as_str).collect();
                context.set_spell_checking_languages(&names);
                context.set_spell_checking_enabled(true);
            }
        });
        if let Err(e) = done {
            tracing::warn!("spell checking was not turned on: {e}");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}

#[cfg(test)]
mod tests {
    use super::languages;

    #[test]
    fn the_persons_language_comes_first_then_the_sites() {
        assert_eq!(
            languages(Some("nb_NO.UTF-8")),
            ["nb_NO", "en_GB", "en_US", "ru_RU"]
        );
        assert_eq!(languages(Some("ru_RU.UTF-8")), ["ru_RU", "en_GB", "en_US"]);
        assert_eq!(
            languages(Some("se_NO@euro")),
            ["se_NO", "en_GB", "en_US", "ru_RU"]
        );
        assert_eq!(languages(Some("C.UTF-8")), ["en_GB", "en_US", "ru_RU"]);
        assert_eq!(languages(None), ["en_GB", "en_US", "ru_RU"]);
    }
}
