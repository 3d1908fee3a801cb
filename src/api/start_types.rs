//! IPC values of the window's start (wt-start): the progress of indexing, and the entry list
//! as it crosses IPC.
//!
//! The entry list: the same rows as [`EntrySummary`], in a compact
//! form the UI expands (`ui/src/lib/entryListWire.ts`). On a 10,000-entry bilingual site the
//! summaries were 4.2 MB of JSON, most of it field names, `null`s and every translation's full
//! path, serialised, sent and parsed on every start and after saves that change a row.
//!
//! What the compact form leaves out is exactly what the rest of the list gives back: names of
//! collections and languages are sent once; an absent field is `None`; the editorial state of a
//! published entry without a draft is the default; translations are one letter per site
//! language, and the path of a translation that exists is the path of the row of the same
//! translation group in that language. A row whose translations cannot be said that way
//! carries them whole, so expanding always gives the summaries back ([`EntryList::expand`],
//! tested against the summaries in `tests/start_list.rs`).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::types::{
    EditorialInfo, EditorialState, EntryKey, EntryState, EntrySummary, TranslationInfo,
    TranslationState,
};

/// Every entry of the open site, compactly; see the module docs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EntryList {
    /// Collection ids; a row's `c` is a position in this list.
    pub collections: Vec<String>,
    /// The site's languages in its order (then any other language a row has); a row's `l`, and
    /// the letters of its `x`, are positions in this list.
    pub languages: Vec<String>,
    pub rows: Vec<EntryRow>,
}

/// One entry of the list. Short names: they are repeated 10,000 times.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EntryRow {
    /// `key.path`.
    #[serde(rename = "p", default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub path: Option<String>,
    /// `key.draftId`.
    #[serde(rename = "d", default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub draft_id: Option<i64>,
    /// Position of the collection in [`EntryList::collections`].
    #[serde(rename = "c")]
    pub collection: u32,
    /// Position of the language in [`EntryList::languages`].
    #[serde(rename = "l", default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub language: Option<u32>,
    #[serde(rename = "t")]
    pub title: String,
    #[serde(rename = "a", default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub date: Option<String>,
    /// The state's letter: `p` published, `n` new, `m` modified, `q` waiting to sync.
    #[serde(rename = "s")]
    pub state: String,
    #[serde(rename = "v", default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub saved_at: Option<i64>,
    /// The translation group: rows with the same number are language versions of one entry.
    #[serde(rename = "g", default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub group: Option<u32>,
    /// One letter per language of [`EntryList::languages`], in order: `m` missing, `d` draft,
    /// `c` current, `o` outdated. Absent: no translations (or they travel whole in `tf`).
    #[serde(rename = "x", default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub translations: Option<String>,
    /// The translations whole, when the letters and the group cannot say them.
    #[serde(rename = "tf", default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub translations_full: Option<Vec<TranslationInfo>>,
    /// The editorial state, when it is not that of a published entry without a draft.
    #[serde(rename = "e", default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub editorial: Option<EditorialInfo>,
}

const PUBLISHED_EDITORIAL: EditorialInfo = EditorialInfo {
    state: EditorialState::Published,
    by: None,
    at: None,
};

fn state_letter(state: EntryState) -> &'static str {
    match state {
        EntryState::Published => "p",
        EntryState::New => "n",
        EntryState::Modified => "m",
        EntryState::Queued => "q",
    }
}

fn state_of(letter: &str) -> EntryState {
    match letter {
        "n" => EntryState::New,
        "m" => EntryState::Modified,
        "q" => EntryState::Queued,
        _ => EntryState::Published,
    }
}

fn translation_letter(state: TranslationState) -> char {
    match state {
        TranslationState::Missing => 'm',
        TranslationState::Draft => 'd',
        TranslationState::Current => 'c',
        TranslationState::Outdated => 'o',
    }
}

fn translation_of(letter: char) -> TranslationState {
    match letter {
        'd' => TranslationState::Draft,
        'c' => TranslationState::Current,
        'o' => TranslationState::Outdated,
        _ => TranslationState::Missing,
    }
}

/// Position of `name` in `list`, added at the end when new.
fn position(list: &mut Vec<String>, index: &mut HashMap<String, u32>, name: &str) -> u32 {
    if let Some(i) = index.get(name) {
        return *i;
    }
    let i = list.len() as u32;
    list.push(name.to_owned());
    index.insert(name.to_owned(), i);
    i
}

impl EntryList {
    /// The compact form of `summaries` on a site whose languages are `languages`.
    pub fn new(summaries: &[EntrySummary], languages: &[String]) -> EntryList {
        let mut collections = Vec::new();
        let mut collection_index = HashMap::new();
        let mut langs = Vec::new();
        let mut lang_index = HashMap::new();
        for l in languages {
            position(&mut langs, &mut lang_index, l);
        }
        // Groups: rows whose translations name the same files.
        let mut groups: HashMap<Vec<&str>, u32> = HashMap::new();
        let mut rows: Vec<EntryRow> = summaries
            .iter()
            .map(|e| {
                let group = (!e.translations.is_empty()).then(|| {
                    let key: Vec<&str> = e
                        .translations
                        .iter()
                        .map(|t| t.path.as_deref().unwrap_or(""))
                        .collect();
                    let next = groups.len() as u32;
                    *groups.entry(key).or_insert(next)
                });
                EntryRow {
                    path: e.key.path.clone(),
                    draft_id: e.key.draft_id,
                    collection: position(&mut collections, &mut collection_index, &e.collection),
                    language: e
                        .language
                        .as_deref()
                        .map(|l| position(&mut langs, &mut lang_index, l)),
                    title: e.title.clone(),
                    date: e.date.clone(),
                    state: state_letter(e.state).to_owned(),
                    saved_at: e.saved_at,
                    group,
                    translations: None,
                    translations_full: None,
                    editorial: (e.editorial != PUBLISHED_EDITORIAL).then(|| e.editorial.clone()),
                }
            })
            .collect();
        // The translations as letters, where the group gives back every path.
        let paths: HashMap<(u32, u32), String> = group_paths(&rows)
            .into_iter()
            .map(|(k, p)| (k, p.to_owned()))
            .collect();
        for (row, e) in rows.iter_mut().zip(summaries) {
            if e.translations.is_empty() {
                continue;
            }
            let letters: String = e
                .translations
                .iter()
                .map(|t| translation_letter(t.state))
                .collect();
            let fits = e.translations.len() <= langs.len()
                && e.translations.iter().enumerate().all(|(i, t)| {
                    t.language == langs[i]
                        && t.path
                            == match t.state {
                                TranslationState::Missing => None,
                                _ => row.group.and_then(|g| paths.get(&(g, i as u32))).cloned(),
                            }
                });
            if fits {
                row.translations = Some(letters);
            } else {
                row.translations_full = Some(e.translations.clone());
            }
        }
        EntryList {
            collections,
            languages: langs,
            rows,
        }
    }

    /// The summaries again (what the UI's `expandEntryList` does).
    pub fn expand(&self) -> Vec<EntrySummary> {
        let paths = group_paths(&self.rows);
        self.rows
            .iter()
            .map(|r| EntrySummary {
                key: EntryKey {
                    draft_id: r.draft_id,
                    path: r.path.clone(),
                },
                collection: self.collections[r.collection as usize].clone(),
                language: r.language.map(|l| self.languages[l as usize].clone()),
                title: r.title.clone(),
                date: r.date.clone(),
                state: state_of(&r.state),
                saved_at: r.saved_at,
                translations: match &r.translations_full {
                    Some(full) => full.clone(),
                    None => r
                        .translations
                        .as_deref()
                        .unwrap_or_default()
                        .chars()
                        .enumerate()
                        .map(|(i, letter)| {
                            let state = translation_of(letter);
                            TranslationInfo {
                                language: self.languages[i].clone(),
                                path: match state {
                                    TranslationState::Missing => None,
                                    _ => r
                                        .group
                                        .and_then(|g| paths.get(&(g, i as u32)))
                                        .map(|p| p.to_string()),
                                },
                                state,
                            }
                        })
                        .collect(),
                },
                editorial: r.editorial.clone().unwrap_or(PUBLISHED_EDITORIAL),
            })
            .collect()
    }
}

/// (group, language) -> the path of the first row of that group in that language.
fn group_paths(rows: &[EntryRow]) -> HashMap<(u32, u32), &str> {
    let mut paths = HashMap::new();
    for r in rows {
        if let (Some(g), Some(l), Some(p)) = (r.group, r.language, r.path.as_deref()) {
            paths.entry((g, l)).or_insert(p);
        }
    }
    paths
}

/// How far indexing has come: `done` of `total` files of the published tree read into the
/// site index (sent as `desk://index-progress` while `index_site` or a first listing runs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IndexProgress {
    pub done: u32,
    pub total: u32,
}
