//! Where an entry's translations live, in both of Hugo's layouts: `suffix` (`slug.md` and
//! `slug.ru.md` side by side; bundles `slug/index.md` and `slug/index.ru.md`) and `dir`
//! (`content/en/articles/slug.md` and `content/ru/articles/slug.md`). Pure path logic.

use super::{EntryPath, I18n, SiteError, SiteSchema};

impl SiteSchema {
    /// Whether the site has more than one language and a layout for them.
    pub fn is_multilingual(&self) -> bool {
        self.languages.len() > 1 && self.i18n.is_some()
    }

    /// The path of `path`'s translation into `language`.
    pub fn translation_path(
        &self,
        path: &EntryPath,
        language: &str,
    ) -> Result<EntryPath, SiteError> {
        let unknown = || SiteError::NoTranslation {
            path: path.to_string(),
            language: language.to_owned(),
        };
        if !self.languages.iter().any(|l| l == language) {
            return Err(unknown());
        }
        let default = self.languages.first().ok_or_else(unknown)?;
        match self.i18n.ok_or_else(unknown)? {
            I18n::Suffix => {
                let (folder, stem) = self.split_language_suffix(path);
                let file = if language == default {
                    format!("{stem}.md")
                } else {
                    format!("{stem}.{language}.md")
                };
                match folder {
                    Some(folder) => EntryPath::join(folder, &file),
                    None => EntryPath::new(&file),
                }
            }
            I18n::Dir => {
                let from = self.language_of(path).ok_or_else(unknown)?;
                let collection = self.collection_of(path).ok_or_else(unknown)?;
                let source = collection.folder_for(Some(&from));
                let rest = path
                    .as_str()
                    .strip_prefix(&format!("{source}/"))
                    .ok_or_else(unknown)?;
                EntryPath::join(&collection.folder_for(Some(language)), rest)
            }
        }
    }

    /// What all translations of one entry share: the path of its default-language version.
    pub fn translation_group(&self, path: &EntryPath) -> String {
        match self.languages.first() {
            Some(default) if self.is_multilingual() => self
                .translation_path(path, default)
                .map(|p| p.to_string())
                .unwrap_or_else(|_| path.to_string()),
            _ => path.to_string(),
        }
    }

    /// `content/articles/slug.ru.md` -> (`content/articles`, `slug`): the folder and the file
    /// stem without a known language suffix.
    fn split_language_suffix<'a>(&self, path: &'a EntryPath) -> (Option<&'a str>, &'a str) {
        let (folder, file) = match path.as_str().rsplit_once('/') {
            Some((folder, file)) => (Some(folder), file),
            None => (None, path.as_str()),
        };
        let stem = file.strip_suffix(".md").unwrap_or(file);
        let base = match stem.rsplit_once('.') {
            Some((base, lang)) if self.languages.iter().any(|l| l == lang) => base,
            _ => stem,
        };
        (folder, base)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::{Collection, FrontMatterFormat, Layout, Preset};

    fn schema(i18n: I18n, folder: &str) -> SiteSchema {
        SiteSchema {
            name: None,
            languages: vec!["en".into(), "ru".into(), "se".into()],
            i18n: Some(i18n),
            collections: vec![Collection {
                id: "articles".into(),
                label: "Articles".into(),
                singular: "article".into(),
                folder: folder.into(),
                layout: Layout::Flat,
                front_matter: FrontMatterFormat::Yaml,
                preset: Some(Preset::Article),
                fields: vec![],
            }],
            media: Default::default(),
            events: Default::default(),
            sync: Default::default(),
            images: Default::default(),
        }
    }

    fn path(p: &str) -> EntryPath {
        EntryPath::new(p).unwrap()
    }

    #[test]
    fn suffix_layout_flat_and_bundle() {
        let s = schema(I18n::Suffix, "content/articles");
        let t = |p: &str, l: &str| s.translation_path(&path(p), l).unwrap().to_string();
        assert_eq!(t("content/articles/a.md", "ru"), "content/articles/a.ru.md");
        assert_eq!(t("content/articles/a.ru.md", "en"), "content/articles/a.md");
        assert_eq!(
            t("content/articles/a.ru.md", "se"),
            "content/articles/a.se.md"
        );
        assert_eq!(
            t("content/articles/b/index.md", "ru"),
            "content/articles/b/index.ru.md"
        );
        // A dot that is not a language stays part of the name.
        assert_eq!(
            t("content/articles/v1.2.md", "ru"),
            "content/articles/v1.2.ru.md"
        );
        assert_eq!(
            s.translation_group(&path("content/articles/a.se.md")),
            "content/articles/a.md"
        );
        assert!(
            s.translation_path(&path("content/articles/a.md"), "fi")
                .is_err()
        );
    }

    #[test]
    fn dir_layout() {
        let s = schema(I18n::Dir, "content/{lang}/articles");
        let t = |p: &str, l: &str| s.translation_path(&path(p), l).unwrap().to_string();
        assert_eq!(
            t("content/en/articles/a.md", "ru"),
            "content/ru/articles/a.md"
        );
        assert_eq!(
            t("content/ru/articles/b/index.md", "en"),
            "content/en/articles/b/index.md"
        );
        assert_eq!(
            s.translation_group(&path("content/ru/articles/a.md")),
            "content/en/articles/a.md"
        );
    }
}
