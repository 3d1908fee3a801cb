//! The site schema: which collections a site has, where their files live and how they are
//! written. Read from `.desk/site.toml` in the content repository (shared by every editor);
//! a repository without one gets the built-in defaults (articles, interviews, events).
//! Also owns the rules for safe entry paths and slugs.

mod fields;
pub mod focal;
pub mod infer;
mod paths;
mod slug;
mod translations;
pub mod validate;

pub use fields::{Field, FieldKind, Preset};
pub use paths::{EntryPath, file_stem_error};

/// Checks a site-relative `/`-separated path named in the schema; the error is a reason in
/// words ("it climbs out of its folder...").
pub fn check_path(path: &str) -> Result<(), String> {
    paths::check_folder(path)
}
pub use slug::slugify;

use std::path::Path;

use serde::{Deserialize, Serialize};

/// Where the schema lives inside a site's repository.
pub const SCHEMA_FILE: &str = ".desk/site.toml";

#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    #[error(
        "The site schema {file} could not be read: {reason}. Fix the file (it is TOML) or remove it to use the defaults."
    )]
    Schema { file: String, reason: String },
    #[error(
        "This site has no collection called \"{0}\". Reload the site; its schema may have changed."
    )]
    UnknownCollection(String),
    #[error("The entry path \"{path}\" is not allowed: {reason}.")]
    UnsafePath { path: String, reason: String },
    #[error(
        "This site has no translation into \"{language}\" for {path}: its languages and their layout are set in .desk/site.toml (languages, i18n)."
    )]
    NoTranslation { path: String, language: String },
}

impl SiteError {
    pub fn code(&self) -> &'static str {
        match self {
            SiteError::Schema { .. } => "schema",
            SiteError::UnknownCollection(_) => "unknown_collection",
            SiteError::UnsafePath { .. } => "unsafe_path",
            SiteError::NoTranslation { .. } => "no_translation",
        }
    }
}

/// How an entry's file is laid out in its collection folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Layout {
    /// `folder/slug.md`
    #[default]
    Flat,
    /// `folder/slug/index.md` (a Hugo page bundle: images sit beside the text)
    Bundle,
}

/// The front matter syntax of new entries (existing files keep theirs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum FrontMatterFormat {
    #[default]
    Yaml,
    Toml,
}

/// How a multilingual site keeps its translations (Hugo's two layouts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum I18n {
    /// One content folder per language: the collection folder names `{lang}`,
    /// e.g. `content/{lang}/articles`.
    Dir,
    /// The language in the file name: `slug.ru.md`, `slug/index.ru.md`; the default
    /// language's files have none.
    Suffix,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Collection {
    pub id: String,
    pub label: String,
    pub singular: String,
    /// Site-relative folder with `/` separators, e.g. `content/articles`; with the `dir`
    /// language layout it holds `{lang}`.
    pub folder: String,
    #[serde(default)]
    pub layout: Layout,
    #[serde(default)]
    pub front_matter: FrontMatterFormat,
    /// The built-in entry type whose fields this collection starts from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preset: Option<Preset>,
    /// Fields added to the preset's, or replacing them by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
}

impl Collection {
    /// Every field of this collection: the preset's, with its own laid over them.
    pub fn all_fields(&self) -> Vec<Field> {
        fields::merge(self.preset, &self.fields)
    }

    /// The folder of this collection for a language (the same folder for every language
    /// unless the site uses the `dir` layout).
    pub fn folder_for(&self, language: Option<&str>) -> String {
        match language {
            Some(lang) => self.folder.replace("{lang}", lang),
            None => self.folder.replace("{lang}/", "").replace("/{lang}", ""),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteSchema {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The site's languages, the default first (`["en", "ru"]`); empty for a one-language site.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub i18n: Option<I18n>,
    pub collections: Vec<Collection>,
    /// `[media]`: where imported images go and how they are made (defaults when absent).
    #[serde(
        default,
        skip_serializing_if = "crate::media::MediaSettings::is_default"
    )]
    pub media: crate::media::MediaSettings,
    /// `[events]`: where the iCalendar feed is committed (defaults when absent).
    #[serde(
        default,
        skip_serializing_if = "crate::events::EventSettings::is_default"
    )]
    pub events: crate::events::EventSettings,
    /// `[sync]`: how local publishes join the server's changes, and what unpublish does.
    #[serde(default, skip_serializing_if = "SyncSettings::is_default")]
    pub sync: SyncSettings,
    /// `[images]`: how images in the body are written (Markdown or the figure shortcode).
    #[serde(
        default,
        skip_serializing_if = "crate::media::ImageSettings::is_default"
    )]
    pub images: crate::media::ImageSettings,
}

/// `[sync]` of the site schema.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SyncSettings {
    /// `rebase` (default: local publishes replayed on top, linear history) or `merge`.
    #[serde(default)]
    pub strategy: SyncStrategy,
    /// `delete` (default: unpublish removes the file) or `draft` (sets `draft: true`).
    #[serde(default)]
    pub unpublish: UnpublishMode,
}

impl SyncSettings {
    pub fn is_default(&self) -> bool {
        *self == SyncSettings::default()
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SyncStrategy {
    #[default]
    Rebase,
    Merge,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum UnpublishMode {
    #[default]
    Delete,
    Draft,
}

impl SiteSchema {
    /// Reads `.desk/site.toml` from the site's work tree. When it is absent, a schema is
    /// inferred from the Hugo configuration and sections (not written), else the defaults.
    pub fn load(root: &Path) -> Result<Self, SiteError> {
        let file = root.join(SCHEMA_FILE);
        match std::fs::read_to_string(&file) {
            Ok(text) => Self::parse(&text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Ok(infer::infer(root).unwrap_or_else(Self::defaults))
            }
            Err(e) => Err(SiteError::Schema {
                file: SCHEMA_FILE.into(),
                reason: e.to_string(),
            }),
        }
    }

    /// The schema as `.desk/site.toml` text, written by the TOML library.
    pub fn to_toml(&self) -> Result<String, SiteError> {
        let body = toml::to_string(self).map_err(|e| SiteError::Schema {
            file: SCHEMA_FILE.into(),
            reason: e.to_string(),
        })?;
        Ok(format!(
            "# The Barents Desk site schema: the collections of this site and their fields.\n# Shared by every editor through git; see the Barents Desk README for the keys.\n{body}"
        ))
    }

    pub fn parse(text: &str) -> Result<Self, SiteError> {
        let schema: SiteSchema = toml::from_str(text).map_err(|e| SiteError::Schema {
            file: SCHEMA_FILE.into(),
            reason: e.message().to_owned(),
        })?;
        schema.check()?;
        Ok(schema)
    }

    /// The three entry types of a Barents-style Hugo site.
    pub fn defaults() -> Self {
        let collection = |id: &str, label: &str, singular: &str, preset: Preset| Collection {
            id: id.into(),
            label: label.into(),
            singular: singular.into(),
            folder: format!("content/{id}"),
            layout: Layout::Flat,
            front_matter: FrontMatterFormat::Yaml,
            preset: Some(preset),
            fields: Vec::new(),
        };
        SiteSchema {
            name: None,
            languages: Vec::new(),
            i18n: None,
            collections: vec![
                collection("articles", "Articles", "article", Preset::Article),
                collection("interviews", "Interviews", "interview", Preset::Interview),
                collection("events", "Events", "event", Preset::Event),
            ],
            media: Default::default(),
            events: Default::default(),
            sync: Default::default(),
            images: Default::default(),
        }
    }

    pub fn collection(&self, id: &str) -> Result<&Collection, SiteError> {
        self.collections
            .iter()
            .find(|c| c.id == id)
            .ok_or_else(|| SiteError::UnknownCollection(id.to_owned()))
    }

    /// Every (language, folder) a collection's entries live in. `None` stands for a
    /// one-language site, or for the `suffix` layout where all languages share a folder.
    pub fn folders_of(&self, collection: &Collection) -> Vec<(Option<String>, String)> {
        match (self.i18n, self.languages.is_empty()) {
            (Some(I18n::Dir), false) => self
                .languages
                .iter()
                .map(|l| (Some(l.clone()), collection.folder_for(Some(l))))
                .collect(),
            _ => vec![(None, collection.folder_for(None))],
        }
    }

    /// The collection whose folder holds `path`, if any.
    pub fn collection_of(&self, path: &EntryPath) -> Option<&Collection> {
        self.collections.iter().find(|c| {
            self.folders_of(c)
                .iter()
                .any(|(_, folder)| path.as_str().starts_with(&format!("{folder}/")))
        })
    }

    /// The language of an entry, from its folder (`dir` layout) or its file name (`suffix`);
    /// `None` on a one-language site.
    pub fn language_of(&self, path: &EntryPath) -> Option<String> {
        let default = self.languages.first()?;
        match self.i18n? {
            I18n::Dir => self.collections.iter().find_map(|c| {
                self.folders_of(c).into_iter().find_map(|(lang, folder)| {
                    path.as_str()
                        .starts_with(&format!("{folder}/"))
                        .then_some(lang)
                        .flatten()
                })
            }),
            I18n::Suffix => {
                let file = path.as_str().rsplit('/').next().unwrap_or_default();
                let stem = file.strip_suffix(".md").unwrap_or(file);
                let suffix = stem.rsplit_once('.').map(|(_, lang)| lang);
                Some(
                    suffix
                        .filter(|l| self.languages.iter().any(|known| known == l))
                        .unwrap_or(default)
                        .to_owned(),
                )
            }
        }
    }

    fn check(&self) -> Result<(), SiteError> {
        let bad = |reason: String| SiteError::Schema {
            file: SCHEMA_FILE.into(),
            reason,
        };
        if self.collections.is_empty() {
            return Err(bad("it names no collections".into()));
        }
        if let Some(problem) = self.media.problem() {
            return Err(bad(problem));
        }
        if let Some(problem) = self.events.problem() {
            return Err(bad(problem));
        }
        paths::check_folder(&self.media.folder)
            .map_err(|reason| bad(format!("media folder {reason}")))?;
        for lang in &self.languages {
            paths::file_stem_error(lang).map_or(Ok(()), |reason| {
                Err(bad(format!("language \"{lang}\": {reason}")))
            })?;
        }
        for c in &self.collections {
            paths::check_folder(&c.folder_for(self.languages.first().map(String::as_str)))
                .map_err(|reason| bad(format!("collection \"{}\": folder {reason}", c.id)))?;
            for f in c.all_fields() {
                if f.kind == FieldKind::Select && f.options.is_empty() {
                    return Err(bad(format!(
                        "collection \"{}\": field \"{}\" is a select without options",
                        c.id, f.name
                    )));
                }
            }
            if self.collections.iter().filter(|o| o.id == c.id).count() > 1 {
                return Err(bad(format!("collection \"{}\" is named twice", c.id)));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_schema_gives_the_three_default_collections() {
        let dir = tempfile::tempdir().unwrap();
        let schema = SiteSchema::load(dir.path()).unwrap();
        let ids: Vec<_> = schema.collections.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["articles", "interviews", "events"]);
    }

    #[test]
    fn schema_errors_name_the_file_and_the_problem() {
        let err = SiteSchema::parse("collections = [ { id = \"a\" } ]").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains(".desk/site.toml"), "{msg}");
        assert!(msg.contains("missing field"), "{msg}");
        let err = SiteSchema::parse(
            "[[collections]]\nid='a'\nlabel='A'\nsingular='a'\nfolder='../outside'\n",
        )
        .unwrap_err();
        assert!(err.to_string().contains("folder"), "{err}");
    }
}
