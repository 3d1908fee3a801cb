//! A schema for a repository that has no `.desk/site.toml`, inferred from its Hugo
//! configuration (content folder, languages) and its existing sections (one collection per
//! section, with the file layout and front matter syntax its files use, and a preset guessed
//! from the section's name). Nothing is written here: `desk init-schema --write` and the app
//! write it only when asked.

use std::path::Path;

use super::{Collection, FrontMatterFormat, I18n, Layout, Preset, SiteSchema};

/// What the Hugo configuration says about content.
#[derive(Debug, Default, PartialEq, Eq)]
struct HugoConfig {
    title: Option<String>,
    content_dir: Option<String>,
    default_language: Option<String>,
    languages: Vec<String>,
}

/// Infers a schema from a Hugo site's work tree; `None` when it has no content folder.
pub fn infer(root: &Path) -> Option<SiteSchema> {
    let config = read_hugo_config(root);
    let content = config
        .content_dir
        .clone()
        .unwrap_or_else(|| "content".into());
    let content_path = root.join(&content);
    if !content_path.is_dir() {
        return None;
    }
    let mut languages = config.languages.clone();
    if let Some(default) = &config.default_language {
        languages.retain(|l| l != default);
        languages.insert(0, default.clone());
    }
    // Hugo's per-language content folders: content/en/..., content/ru/...
    let dir_layout = languages.len() > 1 && languages.iter().all(|l| content_path.join(l).is_dir());
    let sections_root = if dir_layout {
        content_path.join(&languages[0])
    } else {
        content_path.clone()
    };
    let mut collections = Vec::new();
    let mut sections: Vec<_> = std::fs::read_dir(&sections_root)
        .ok()?
        .flatten()
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().to_str().map(str::to_owned))
        .filter(|name| !name.starts_with('.') && !name.starts_with('_'))
        .collect();
    sections.sort();
    for section in sections {
        let dir = sections_root.join(&section);
        let (layout, front_matter) = look_at_files(&dir);
        let folder = if dir_layout {
            format!("{content}/{{lang}}/{section}")
        } else {
            format!("{content}/{section}")
        };
        collections.push(Collection {
            id: section.clone(),
            label: title_case(&section),
            singular: singular(&section),
            folder,
            layout,
            front_matter,
            preset: guess_preset(&section),
            fields: Vec::new(),
        });
    }
    if collections.is_empty() {
        return None;
    }
    let suffix_layout = !dir_layout
        && languages.len() > 1
        && walk_md(&content_path).iter().any(|f| {
            languages[1..]
                .iter()
                .any(|l| f.ends_with(&format!(".{l}.md")))
        });
    Some(SiteSchema {
        name: config.title,
        i18n: if dir_layout {
            Some(I18n::Dir)
        } else if suffix_layout {
            Some(I18n::Suffix)
        } else {
            None
        },
        languages: if languages.len() > 1 {
            languages
        } else {
            Vec::new()
        },
        collections,
        media: Default::default(),
        events: Default::default(),
        sync: Default::default(),
        images: Default::default(),
    })
}

/// The layout and front matter syntax most of a section's entries use.
fn look_at_files(dir: &Path) -> (Layout, FrontMatterFormat) {
    let files = walk_md(dir);
    let bundles = files
        .iter()
        .filter(|f| {
            f.rsplit('/')
                .next()
                .is_some_and(|n| n.starts_with("index."))
        })
        .count();
    let flat = files
        .iter()
        .filter(|f| !f.contains('/') && !f.starts_with("_index"))
        .count();
    let layout = if bundles > flat {
        Layout::Bundle
    } else {
        Layout::Flat
    };
    let (mut yaml, mut toml) = (0, 0);
    for f in files.iter().take(50) {
        let first = std::fs::read_to_string(dir.join(f))
            .ok()
            .and_then(|t| t.lines().next().map(str::to_owned))
            .unwrap_or_default();
        match first.trim_start_matches('\u{FEFF}').trim_end() {
            "---" => yaml += 1,
            "+++" => toml += 1,
            _ => {}
        }
    }
    let format = if toml > yaml {
        FrontMatterFormat::Toml
    } else {
        FrontMatterFormat::Yaml
    };
    (layout, format)
}

/// Markdown files under `dir`, as `/`-separated paths relative to it.
fn walk_md(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(base, &path, out);
            } else if path.extension().is_some_and(|e| e == "md")
                && let Ok(rel) = path.strip_prefix(base)
            {
                out.push(
                    rel.components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/"),
                );
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out
}

fn guess_preset(section: &str) -> Option<Preset> {
    let s = section.to_lowercase();
    if s.contains("event") || s.contains("calendar") {
        Some(Preset::Event)
    } else if s.contains("interview") {
        Some(Preset::Interview)
    } else if ["news", "article", "post", "blog", "stories", "press"]
        .iter()
        .any(|w| s.contains(w))
    {
        Some(Preset::Article)
    } else {
        None
    }
}

fn title_case(section: &str) -> String {
    let spaced = section.replace(['-', '_'], " ");
    let mut chars = spaced.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn singular(section: &str) -> String {
    let s = section.replace(['-', '_'], " ").to_lowercase();
    match s.as_str() {
        "news" => "news item".into(),
        _ => s
            .strip_suffix("ies")
            .map(|b| format!("{b}y"))
            .or_else(|| s.strip_suffix('s').map(str::to_owned))
            .unwrap_or(s),
    }
}

/// Reads `hugo.toml`, `config.toml`, `hugo.yaml`/`.yml`, `config.yaml`/`.yml` or `hugo.json`
/// / `config.json`, whichever exists first.
fn read_hugo_config(root: &Path) -> HugoConfig {
    for name in [
        "hugo.toml",
        "config.toml",
        "hugo.yaml",
        "hugo.yml",
        "config.yaml",
        "config.yml",
        "hugo.json",
        "config.json",
    ] {
        let Ok(text) = std::fs::read_to_string(root.join(name)) else {
            continue;
        };
        let value: Option<serde_json::Value> = if name.ends_with(".toml") {
            toml::from_str::<toml::Table>(&text)
                .ok()
                .and_then(|t| serde_json::to_value(t).ok())
        } else if name.ends_with(".json") {
            serde_json::from_str(&text).ok()
        } else {
            yaml_serde::from_str::<serde_json::Value>(&text).ok()
        };
        let Some(value) = value else { continue };
        let get = |key: &str| {
            value
                .as_object()?
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .and_then(|(_, v)| v.as_str().map(str::to_owned))
        };
        let mut languages: Vec<(i64, String)> = value
            .get("languages")
            .and_then(|l| l.as_object())
            .map(|langs| {
                langs
                    .iter()
                    .map(|(code, v)| {
                        (
                            v.get("weight").and_then(|w| w.as_i64()).unwrap_or(0),
                            code.clone(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        languages.sort();
        return HugoConfig {
            title: get("title"),
            content_dir: get("contentDir"),
            default_language: get("defaultContentLanguage"),
            languages: languages.into_iter().map(|(_, code)| code).collect(),
        };
    }
    HugoConfig::default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn infers_sections_layouts_formats_and_presets() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "hugo.toml", "title = \"Barents\"\n");
        write(root, "content/news/a/index.md", "+++\ntitle = \"A\"\n+++\n");
        write(root, "content/news/b/index.md", "+++\ntitle = \"B\"\n+++\n");
        write(root, "content/events/x.md", "---\ntitle: X\n---\n");
        write(root, "content/about/_index.md", "---\ntitle: About\n---\n");
        let schema = infer(root).unwrap();
        assert_eq!(schema.name.as_deref(), Some("Barents"));
        let news = schema.collection("news").unwrap();
        assert_eq!(
            (news.layout, news.front_matter, news.preset),
            (
                Layout::Bundle,
                FrontMatterFormat::Toml,
                Some(Preset::Article)
            )
        );
        assert_eq!(news.singular, "news item");
        let events = schema.collection("events").unwrap();
        assert_eq!(
            (events.layout, events.front_matter, events.preset),
            (Layout::Flat, FrontMatterFormat::Yaml, Some(Preset::Event))
        );
        assert_eq!(schema.collection("about").unwrap().preset, None);
        // what is inferred is a valid schema once written
        let text = toml::to_string(&schema).unwrap();
        assert_eq!(SiteSchema::parse(&text).unwrap(), schema);
    }

    #[test]
    fn infers_both_hugo_language_layouts() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            root,
            "config.yaml",
            "defaultContentLanguage: en\nlanguages:\n  ru:\n    weight: 2\n  en:\n    weight: 1\n",
        );
        write(root, "content/en/articles/a.md", "---\ntitle: A\n---\n");
        write(root, "content/ru/articles/a.md", "---\ntitle: А\n---\n");
        let schema = infer(root).unwrap();
        assert_eq!(schema.languages, ["en", "ru"]);
        assert_eq!(schema.i18n, Some(I18n::Dir));
        assert_eq!(
            schema.collection("articles").unwrap().folder,
            "content/{lang}/articles"
        );

        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            root,
            "hugo.toml",
            "defaultContentLanguage = \"en\"\n[languages.en]\nweight = 1\n[languages.ru]\nweight = 2\n",
        );
        write(root, "content/articles/a/index.md", "---\ntitle: A\n---\n");
        write(
            root,
            "content/articles/a/index.ru.md",
            "---\ntitle: А\n---\n",
        );
        let schema = infer(root).unwrap();
        assert_eq!(schema.i18n, Some(I18n::Suffix));
        assert_eq!(
            schema.collection("articles").unwrap().folder,
            "content/articles"
        );
    }

    #[test]
    fn a_folder_without_content_infers_nothing() {
        let dir = tempfile::tempdir().unwrap();
        assert!(infer(dir.path()).is_none());
    }
}
