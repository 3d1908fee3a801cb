//! The site schema: which collections a site has, where their files live and how they are
//! written. Read from `.desk/site.toml` in the content repository (shared by every editor);
//! a repository without one gets the built-in defaults (articles, interviews, events).
//! Also owns the rules for safe entry paths and slugs.

mod paths;
mod slug;

pub use paths::{EntryPath, file_stem_error};
pub use slug::slugify;

use std::path::Path;

use serde::Deserialize;

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
}

impl SiteError {
    pub fn code(&self) -> &'static str {
        match self {
            SiteError::Schema { .. } => "schema",
            SiteError::UnknownCollection(_) => "unknown_collection",
            SiteError::UnsafePath { .. } => "unsafe_path",
        }
    }
}

/// How an entry's file is laid out in its collection folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Layout {
    /// `folder/slug.md`
    #[default]
    Flat,
    /// `folder/slug/index.md` (a Hugo page bundle: images sit beside the text)
    Bundle,
}

/// The front matter syntax of new entries (existing files keep theirs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum FrontMatterFormat {
    #[default]
    Yaml,
    Toml,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Collection {
    pub id: String,
    pub label: String,
    pub singular: String,
    /// Site-relative folder with `/` separators, e.g. `content/articles`.
    pub folder: String,
    #[serde(default)]
    pub layout: Layout,
    #[serde(default)]
    pub front_matter: FrontMatterFormat,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SiteSchema {
    pub name: Option<String>,
    pub collections: Vec<Collection>,
}

impl SiteSchema {
    /// Reads `.desk/site.toml` from the site's work tree, or the defaults when it is absent.
    pub fn load(root: &Path) -> Result<Self, SiteError> {
        let file = root.join(SCHEMA_FILE);
        match std::fs::read_to_string(&file) {
            Ok(text) => Self::parse(&text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Self::defaults()),
            Err(e) => Err(SiteError::Schema {
                file: SCHEMA_FILE.into(),
                reason: e.to_string(),
            }),
        }
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
        let collection = |id: &str, label: &str, singular: &str| Collection {
            id: id.into(),
            label: label.into(),
            singular: singular.into(),
            folder: format!("content/{id}"),
            layout: Layout::Flat,
            front_matter: FrontMatterFormat::Yaml,
        };
        SiteSchema {
            name: None,
            collections: vec![
                collection("articles", "Articles", "article"),
                collection("interviews", "Interviews", "interview"),
                collection("events", "Events", "event"),
            ],
        }
    }

    pub fn collection(&self, id: &str) -> Result<&Collection, SiteError> {
        self.collections
            .iter()
            .find(|c| c.id == id)
            .ok_or_else(|| SiteError::UnknownCollection(id.to_owned()))
    }

    /// The collection whose folder holds `path`, if any.
    pub fn collection_of(&self, path: &EntryPath) -> Option<&Collection> {
        self.collections
            .iter()
            .find(|c| path.as_str().starts_with(&format!("{}/", c.folder)))
    }

    fn check(&self) -> Result<(), SiteError> {
        let bad = |reason: String| SiteError::Schema {
            file: SCHEMA_FILE.into(),
            reason,
        };
        if self.collections.is_empty() {
            return Err(bad("it names no collections".into()));
        }
        for c in &self.collections {
            paths::check_folder(&c.folder)
                .map_err(|reason| bad(format!("collection \"{}\": folder {reason}", c.id)))?;
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
