//! Translations: starting one (a draft at the path the site's language layout gives, copied
//! from the original so the translator works over it) and the state of every language
//! version in the entry list (missing, draft, current, or older than the original).

use std::collections::{HashMap, HashSet};

use super::types::{
    EntryDoc, EntryKey, EntryState, EntrySummary, TranslationInfo, TranslationState,
};
use super::{Desk, OpenSite};
use crate::publish::SiteRepo;
use crate::site::EntryPath;
use crate::store::DraftWrite;
use crate::{Error, Result};

/// How far back the history is read to date translations.
const HISTORY_LIMIT: usize = 5000;

impl Desk {
    /// Starts the translation of an entry into `language`, or opens it when it exists.
    pub fn add_translation(&self, key: &EntryKey, language: &str) -> Result<EntryDoc> {
        let site = self.site()?;
        let source = self.open_entry(key)?;
        let path = source.key.path.as_deref().ok_or_else(|| {
            Error::Validation(
                "Publish the original first: a translation is linked to the original's file."
                    .into(),
            )
        })?;
        let path = EntryPath::new(path)?;
        let target = site.schema.translation_path(&path, language)?;
        if target == path {
            return Err(Error::Validation(format!(
                "This entry is already the \"{language}\" version."
            )));
        }
        let existing = EntryKey {
            draft_id: None,
            path: Some(target.to_string()),
        };
        let repo = SiteRepo::open(&site.root)?;
        if repo.file_at_head(&target)?.is_some()
            || self
                .store()?
                .draft_by_path(site.id, target.as_str())?
                .is_some()
        {
            return self.open_entry(&existing);
        }
        let fields = source
            .fields
            .iter()
            .map(|(k, v)| (k.clone(), Some(v.clone())))
            .collect();
        self.create_draft(
            &site,
            &DraftWrite {
                collection: &source.collection,
                path: Some(target.as_str()),
                title: &source.title,
                doc: &source.body,
                fields: &fields,
                base_blob: None,
            },
        )
    }

    /// Fills in each entry's language versions, its own included (multilingual sites only).
    pub(super) fn annotate_translations(
        &self,
        site: &OpenSite,
        repo: &SiteRepo,
        entries: &mut [EntrySummary],
    ) -> Result<()> {
        let schema = &site.schema;
        if !schema.is_multilingual() {
            return Ok(());
        }
        // Every known version: path -> whether it is published.
        let versions: HashMap<String, bool> = entries
            .iter()
            .filter_map(|e| {
                let published = e.state != EntryState::New;
                e.key.path.clone().map(|p| (p, published))
            })
            .collect();
        let default = schema.languages.first().cloned().unwrap_or_default();
        // Only published translations whose original is published too need a date: the
        // history walk is asked about those pairs alone, and its answer is kept until the
        // branch moves.
        let mut paired = HashSet::new();
        for (path, published) in &versions {
            let Ok(entry) = EntryPath::new(path) else {
                continue;
            };
            if !*published || schema.language_of(&entry).as_deref() == Some(default.as_str()) {
                continue;
            }
            if let Ok(original) = schema.translation_path(&entry, &default)
                && versions.get(original.as_str()) == Some(&true)
            {
                paired.insert(path.clone());
                paired.insert(original.to_string());
            }
        }
        let age = self.translation_ages(site.id, repo, paired)?;
        for entry in entries.iter_mut() {
            let Some(path) = entry
                .key
                .path
                .as_deref()
                .and_then(|p| EntryPath::new(p).ok())
            else {
                continue;
            };
            let original = schema.translation_path(&path, &default).ok();
            let original_age = original.as_ref().and_then(|o| age.get(o.as_str()).copied());
            entry.translations = schema
                .languages
                .iter()
                .map(|language| {
                    let target = schema.translation_path(&path, language).ok();
                    let state = match target.as_ref().map(|t| (t, versions.get(t.as_str()))) {
                        None | Some((_, None)) => TranslationState::Missing,
                        Some((_, Some(false))) => TranslationState::Draft,
                        Some((t, Some(true))) => {
                            // Changed further back than the original: older than it.
                            let older = *language != default
                                && matches!(
                                    (age.get(t.as_str()), original_age),
                                    (Some(a), Some(b)) if *a > b
                                );
                            if older {
                                TranslationState::Outdated
                            } else {
                                TranslationState::Current
                            }
                        }
                    };
                    TranslationInfo {
                        language: language.clone(),
                        path: target
                            .filter(|_| state != TranslationState::Missing)
                            .map(|t| t.to_string()),
                        state,
                    }
                })
                .collect();
        }
        Ok(())
    }

    /// How many commits back each path last changed, for [`Desk::annotate_translations`]:
    /// answered from the last walk while the branch has not moved and asked no new path. The
    /// answer is kept in memory and in the store's settings, so a restart on the same commit
    /// does not walk the history again.
    fn translation_ages(
        &self,
        site_id: i64,
        repo: &SiteRepo,
        paths: HashSet<String>,
    ) -> Result<HashMap<String, usize>> {
        let head = repo.head_id()?.to_string();
        let mut cache = self
            .translation_ages
            .lock()
            .map_err(|_| super::poisoned())?;
        let key = format!("{AGES_SETTING}{site_id}");
        let earlier = match cache.take().filter(|c| c.site_id == site_id) {
            Some(c) => Some(c),
            None => self
                .store()?
                .setting(&key)?
                .and_then(|json| serde_json::from_str::<TranslationAges>(&json).ok()),
        }
        .filter(|c| paths.is_subset(&c.paths));
        if let Some(hit) = earlier.as_ref().filter(|c| c.head == head) {
            let ages = hit.ages.clone();
            *cache = earlier;
            return Ok(ages);
        }
        // The branch moved on since: only the commits after the earlier answer are read, and
        // every other path is that many commits older.
        let moved_on = match earlier.as_ref().map(|c| (c, git2::Oid::from_str(&c.head))) {
            Some((c, Ok(since))) => {
                repo.changes_since(&paths, since, HISTORY_LIMIT)?
                    .map(|(k, mut changed)| {
                        for path in &paths {
                            if !changed.contains_key(path)
                                && let Some(age) = c.ages.get(path)
                            {
                                changed.insert(path.clone(), age + k);
                            }
                        }
                        changed
                    })
            }
            _ => None,
        };
        let ages = match moved_on {
            Some(ages) => ages,
            None => repo.commits_since_change(&paths, HISTORY_LIMIT)?,
        };
        let answer = TranslationAges {
            site_id,
            head,
            paths,
            ages,
        };
        if let Ok(json) = serde_json::to_string(&answer)
            && let Err(e) = self.store()?.set_setting(&key, &json)
        {
            // Only a shortcut for the next start: the list is right without it.
            tracing::warn!("could not keep the dating of translations: {e}");
        }
        let ages = answer.ages.clone();
        *cache = Some(answer);
        Ok(ages)
    }
}

/// Where the store keeps the last dating of translations, followed by the site's id.
const AGES_SETTING: &str = "translation-ages/";

/// The last answer of the history walk that dates translations: for the paths asked, at the
/// branch's commit `head`.
#[derive(serde::Serialize, serde::Deserialize)]
pub(super) struct TranslationAges {
    site_id: i64,
    head: String,
    paths: HashSet<String>,
    ages: HashMap<String, usize>,
}
