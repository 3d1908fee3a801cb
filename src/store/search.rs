//! The site index in SQLite: one row per searchable text (a published file at a git blob, or
//! a draft at a save time) and its FTS5 index. It owns the folding that makes search forgive
//! missing diacritics, the FTS query syntax (user text never reaches MATCH unquoted), and
//! highlighting; it never reads the repository (the API layer hands it parsed entries).
//!
//! Folding: FTS5's `unicode61 remove_diacritics 2` folds Latin letters with diacritics
//! (á č š ž ä ö å …) but not Cyrillic ones (ё й), and letters with a stroke or a hook have no
//! decomposition at all (Sámi đ ŧ ŋ, Norwegian ø, Polish ł). So [`fold_char`] maps every
//! letter to its base letter, one char for one, before indexing and querying (measured: without
//! it, "молодеж" does not find "Молодёжь"); unicode61 then lowercases.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, params};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::{Store, StoreError};

/// A text to index.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexDoc {
    /// `published` (a file at `version` = its blob id) or `draft` (`version` = save time).
    pub source: &'static str,
    pub path: Option<String>,
    pub draft_id: Option<i64>,
    pub version: String,
    pub collection: String,
    pub language: Option<String>,
    pub title: String,
    pub date: Option<String>,
    pub tags: Vec<String>,
    pub images: Vec<String>,
    pub links: Vec<String>,
    pub fields_json: String,
    pub body: String,
}

/// A search result row, best first.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchRow {
    pub source: String,
    pub path: Option<String>,
    pub draft_id: Option<i64>,
    pub collection: String,
    pub language: Option<String>,
    pub title: String,
    pub date: Option<String>,
    pub body: String,
    pub rank: f64,
}

/// Search filters as the store applies them.
#[derive(Debug, Clone, Default)]
pub struct Filters<'a> {
    pub collection: Option<&'a str>,
    pub language: Option<&'a str>,
    pub source: Option<&'a str>,
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    pub tag: Option<&'a str>,
    pub limit: u32,
}

/// The most matching entries a query ranks by bm25; a broader one is listed newest first.
pub const RANKED_AT_MOST: u32 = 500;

/// The filters a search applies, as SQL on the index row `d` (?1 the MATCH expression, ?2 the
/// site, ?3 collection, ?4 language, ?6 from, ?7 to, ?8 tag; the source is one of two
/// literals). Only the filters in use are in the text: a parameter that is compared with a
/// partial index's condition (`d.source = ?5`, or `?5 IS NULL OR …`) makes SQLite prepare the
/// statement again on every run, which cost more than the query itself.
fn filters_sql(filters: &Filters<'_>) -> String {
    let mut sql = String::from("search_fts MATCH ?1 AND d.site_id = ?2");
    if filters.collection.is_some() {
        sql.push_str(" AND d.collection = ?3");
    }
    if filters.language.is_some() {
        sql.push_str(" AND d.language = ?4");
    }
    match filters.source {
        Some("draft") => sql.push_str(" AND d.source = 'draft'"),
        Some(_) => sql.push_str(" AND d.source = 'published'"),
        None => {}
    }
    if filters.from.is_some() {
        sql.push_str(" AND d.date >= ?6");
    }
    if filters.to.is_some() {
        sql.push_str(" AND substr(d.date, 1, length(?7)) <= ?7");
    }
    if filters.tag.is_some() {
        sql.push_str(
            " AND EXISTS (SELECT 1 FROM json_each(d.tags_json) WHERE lower(value) = lower(?8))",
        );
    }
    sql
}

/// Ranked: the inner query sorts only ids and ranks, and only the rows that make the limit
/// (?9) have their title and body read.
fn ranked_sql(filters: &Filters<'_>) -> String {
    format!(
        "SELECT d.source, d.path, d.draft_id, d.collection, d.language, d.title, d.date, d.body, top.rank
         FROM (SELECT d.id, bm25(search_fts, 10.0, 1.0, 4.0) AS rank
               FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid
               WHERE {} ORDER BY rank LIMIT ?9) AS top
         JOIN search_docs d ON d.id = top.id
         ORDER BY top.rank",
        filters_sql(filters)
    )
}

/// Newest indexed first, which FTS5 delivers in order: it stops after the limit (?9).
fn newest_sql(filters: &Filters<'_>) -> String {
    format!(
        "SELECT d.source, d.path, d.draft_id, d.collection, d.language, d.title, d.date, d.body, 0.0
         FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid
         WHERE {} ORDER BY search_fts.rowid DESC LIMIT ?9",
        filters_sql(filters)
    )
}

/// Settings keys under which the index remembers each collection folder's indexed tree.
pub const INDEX_TREE_PREFIX: &str = "index-tree/";

/// Letters without a Unicode decomposition, mapped to their base letter (one char to one).
pub fn fold_char(c: char) -> char {
    match c {
        'đ' => 'd',
        'Đ' => 'D',
        'ŧ' => 't',
        'Ŧ' => 'T',
        'ŋ' => 'n',
        'Ŋ' => 'N',
        'ø' => 'o',
        'Ø' => 'O',
        'ł' => 'l',
        'Ł' => 'L',
        'ħ' => 'h',
        _ if c.is_ascii() => c,
        // unicode61 folds only Latin letters: ё, й (and Greek) are folded here, to the base
        // letter of their canonical decomposition.
        _ => std::iter::once(c).nfd().next().unwrap_or(c),
    }
}

/// The text as it is handed to FTS5 (which removes the remaining diacritics itself).
pub fn fold(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

/// A word as it is compared for highlighting: folded, lowercased, without diacritics.
fn key(word: &str) -> String {
    key_chars(word).collect()
}

fn key_chars(word: &str) -> impl Iterator<Item = char> + '_ {
    word.chars()
        .map(fold_char)
        .flat_map(char::to_lowercase)
        .nfd()
        .filter(|c| !is_combining_mark(*c))
}

/// Whether `word` starts with one of `terms` once folded like them. Snippets test every word
/// of a body, so this runs for each word of each hit: an ASCII word is compared byte by byte,
/// any other is folded lazily and only until it differs from a term.
fn starts_with_a_term(word: &str, terms: &[String]) -> bool {
    if word.is_ascii() {
        let bytes = word.as_bytes();
        return terms.iter().any(|t| {
            !t.is_empty()
                && bytes.len() >= t.len()
                && bytes[..t.len()].eq_ignore_ascii_case(t.as_bytes())
        });
    }
    terms.iter().any(|t| {
        let mut folded = key_chars(word);
        !t.is_empty() && t.chars().all(|c| folded.next() == Some(c))
    })
}

/// The words of a query, folded; each matches as a prefix ("as one types").
pub fn query_terms(query: &str) -> Vec<String> {
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(key)
        .collect()
}

/// The FTS5 MATCH expression for the terms: every term as a quoted prefix, all required.
pub fn match_expression(terms: &[String]) -> String {
    terms
        .iter()
        .map(|t| format!("\"{}\"*", t.replace('"', "")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Splits `text` into pieces, marking the words that start with one of `terms`.
pub fn mark(text: &str, terms: &[String]) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut push = |piece: &str, hit: bool| match out.last_mut() {
        Some((last, last_hit)) if *last_hit == hit => last.push_str(piece),
        _ => out.push((piece.to_owned(), hit)),
    };
    let mut word_start: Option<usize> = None;
    let flush = |start: usize, end: usize, push: &mut dyn FnMut(&str, bool)| {
        let word = &text[start..end];
        push(word, starts_with_a_term(word, terms));
    };
    let mut last = 0;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if word_start.is_none() {
                push(&text[last..i], false);
                word_start = Some(i);
            }
        } else if let Some(start) = word_start.take() {
            flush(start, i, &mut push);
            last = i;
        }
    }
    match word_start {
        Some(start) => flush(start, text.len(), &mut push),
        None => push(&text[last..], false),
    }
    out.retain(|(t, _)| !t.is_empty());
    out
}

/// A window of about `words` words of `body` around its best cluster of hits, marked.
pub fn snippet(body: &str, terms: &[String], words: usize) -> Vec<(String, bool)> {
    let tokens: Vec<&str> = body.split_whitespace().collect();
    // Words repeat (a text uses a few hundred distinct words): each is folded once.
    let mut seen: HashMap<&str, bool> = HashMap::new();
    let hits: Vec<bool> = tokens
        .iter()
        .map(|w| {
            *seen.entry(w).or_insert_with(|| {
                starts_with_a_term(w.trim_matches(|c: char| !c.is_alphanumeric()), terms)
            })
        })
        .collect();
    let mut best = (0usize, 0usize);
    let mut count = 0usize;
    for i in 0..tokens.len() {
        if hits[i] {
            count += 1;
        }
        if i >= words && hits[i - words] {
            count -= 1;
        }
        if count > best.1 {
            best = (i.saturating_sub(words - 1), count);
        }
    }
    // Start a few words before the first hit of the window, for context.
    let first_hit = (best.0..tokens.len()).find(|&i| hits[i]).unwrap_or(0);
    let start = first_hit.saturating_sub(words / 4);
    let end = (start + words).min(tokens.len());
    let mut text = tokens[start..end].join(" ");
    if start > 0 {
        text.insert_str(0, "… ");
    }
    if end < tokens.len() {
        text.push_str(" …");
    }
    mark(&text, terms)
}

/// What the index read from one published file: its blob id, title and date.
pub struct IndexedTitle {
    pub blob: String,
    pub title: String,
    pub date: Option<String>,
}

impl Store {
    /// The published entries in the index of a site: path -> blob id.
    pub fn indexed_files(&self, site: i64) -> Result<HashMap<String, String>, StoreError> {
        self.indexed(site, "published")
    }

    /// The drafts in the index of a site: draft id (as text) -> save time.
    pub fn indexed_drafts(&self, site: i64) -> Result<HashMap<String, String>, StoreError> {
        self.indexed(site, "draft")
    }

    /// The blob id the index holds for one published path, if any.
    pub fn indexed_version(&self, site: i64, path: &str) -> Result<Option<String>, StoreError> {
        self.conn
            .prepare_cached(
                "SELECT version FROM search_docs WHERE site_id = ?1 AND source = 'published' AND path = ?2",
            )
            .and_then(|mut s| s.query_row(params![site, path], |r| r.get(0)).optional())
            .map_err(|e| self.err(e))
    }

    /// Title and date of every published entry in the index of a site, with the blob id
    /// they were read from: path -> (blob id, title, date). The entry list takes them from
    /// here instead of parsing every file again.
    pub fn indexed_titles(&self, site: i64) -> Result<HashMap<String, IndexedTitle>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT path, version, title, date FROM search_docs
                 WHERE site_id = ?1 AND source = 'published' AND path IS NOT NULL",
            )
            .map_err(|e| self.err(e))?;
        stmt.query_map(params![site], |r| {
            Ok((
                r.get::<_, String>(0)?,
                IndexedTitle {
                    blob: r.get(1)?,
                    title: r.get(2)?,
                    date: r.get(3)?,
                },
            ))
        })
        .map_err(|e| self.err(e))?
        .collect::<Result<_, _>>()
        .map_err(|e| self.err(e))
    }

    /// One front matter field of every published entry in the index of a site, as JSON
    /// (`None` where the entry has no such key): path -> (blob id, value). Completions read
    /// the index instead of parsing every file once per field.
    pub fn indexed_field(
        &self,
        site: i64,
        field: &str,
    ) -> Result<HashMap<String, (String, Option<String>)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT path, version, fields_json -> ?2 FROM search_docs
                 WHERE site_id = ?1 AND source = 'published' AND path IS NOT NULL",
            )
            .map_err(|e| self.err(e))?;
        // A JSON path naming the key whatever its characters.
        let key = format!("$.{}", serde_json::Value::String(field.to_owned()));
        stmt.query_map(params![site, key], |r| {
            Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?)))
        })
        .map_err(|e| self.err(e))?
        .collect::<Result<_, _>>()
        .map_err(|e| self.err(e))
    }

    fn indexed(&self, site: i64, source: &str) -> Result<HashMap<String, String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT CASE WHEN source = 'draft' THEN CAST(draft_id AS TEXT) ELSE path END, version
                 FROM search_docs WHERE site_id = ?1 AND source = ?2",
            )
            .map_err(|e| self.err(e))?;
        stmt.query_map(params![site, source], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| self.err(e))?
            .collect::<Result<_, _>>()
            .map_err(|e| self.err(e))
    }

    /// Writes index rows and removes others (published paths, draft ids) in one transaction.
    pub fn index_update(
        &mut self,
        site: i64,
        put: &[IndexDoc],
        remove_paths: &[String],
        remove_drafts: &[i64],
    ) -> Result<(), StoreError> {
        self.index_update_with(site, put, remove_paths, remove_drafts, &[])
    }

    /// [`Store::index_update`], also setting `settings` (key, value) in the same transaction:
    /// what the index remembers about the trees it read is written with the rows it read
    /// from them, and one commit (one fsync) does both.
    pub fn index_update_with(
        &mut self,
        site: i64,
        put: &[IndexDoc],
        remove_paths: &[String],
        remove_drafts: &[i64],
        settings: &[(String, String)],
    ) -> Result<(), StoreError> {
        // A text put twice in one call (two collections sharing a folder): the last one wins,
        // as it would have in two calls.
        let mut seen = std::collections::HashSet::new();
        let mut put: Vec<&IndexDoc> = put
            .iter()
            .rev()
            .filter(|d| match (d.source, &d.path, d.draft_id) {
                ("draft", _, Some(id)) => seen.insert((None, Some(id))),
                (_, Some(path), _) => seen.insert((Some(path.as_str()), None)),
                _ => true,
            })
            .collect();
        put.reverse();
        let db = self.path.clone();
        let err = |e| super::classify(&db, e);
        let tx = self.conn.transaction().map_err(err)?;
        {
            let mut del_path = tx
                .prepare("DELETE FROM search_docs WHERE site_id = ?1 AND source = 'published' AND path = ?2")
                .map_err(err)?;
            let mut del_draft = tx
                .prepare("DELETE FROM search_docs WHERE site_id = ?1 AND source = 'draft' AND draft_id = ?2")
                .map_err(err)?;
            for path in remove_paths {
                del_path.execute(params![site, path]).map_err(err)?;
            }
            for id in remove_drafts {
                del_draft.execute(params![site, id]).map_err(err)?;
            }
            // Every row to replace leaves first, then the rows, then their FTS entries in
            // one uninterrupted run: FTS5 writes its pending terms out as a new segment at
            // every statement savepoint, and each DELETE (its trigger) or INSERT into
            // search_docs (its foreign keys) opens one. Interleaved, that made one segment
            // per entry and kept FTS5 merging them: most of the time of a cold index, and
            // the cost of an incremental one.
            for doc in &put {
                match (doc.source, &doc.path, doc.draft_id) {
                    ("draft", _, Some(id)) => del_draft.execute(params![site, id]),
                    (_, Some(path), _) => del_path.execute(params![site, path]),
                    _ => Ok(0),
                }
                .map_err(err)?;
            }
            let mut insert = tx
                .prepare(
                    "INSERT INTO search_docs (site_id, source, path, draft_id, version, collection, language, title, date, tags_json, images_json, links_json, fields_json, body)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                )
                .map_err(err)?;
            let json = |v: &Vec<String>| serde_json::to_string(v).unwrap_or_else(|_| "[]".into());
            let mut ids = Vec::with_capacity(put.len());
            for doc in &put {
                insert
                    .execute(params![
                        site,
                        doc.source,
                        doc.path,
                        doc.draft_id,
                        doc.version,
                        doc.collection,
                        doc.language,
                        doc.title,
                        doc.date,
                        json(&doc.tags),
                        json(&doc.images),
                        json(&doc.links),
                        doc.fields_json,
                        doc.body
                    ])
                    .map_err(err)?;
                ids.push(tx.last_insert_rowid());
            }
            let mut fts = tx
                .prepare(
                    "INSERT INTO search_fts (rowid, title, body, tags) VALUES (?1, ?2, ?3, ?4)",
                )
                .map_err(err)?;
            for (doc, id) in put.iter().zip(ids) {
                fts.execute(params![
                    id,
                    fold(&doc.title),
                    fold(&doc.body),
                    fold(&doc.tags.join(" "))
                ])
                .map_err(err)?;
            }
            let mut setting = tx
                .prepare(
                    "INSERT INTO settings (key, value) VALUES (?1, ?2)
                     ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                )
                .map_err(err)?;
            for (key, value) in settings {
                setting.execute(params![key, value]).map_err(err)?;
            }
        }
        tx.commit().map_err(err)
    }

    /// Full-text search of a site's index, best first.
    ///
    /// A query that matches at most [`RANKED_AT_MOST`] entries is ranked by bm25 (the title
    /// weighing most). A broader one (the first letters typed, a word every entry has) is not:
    /// bm25 costs about 10 µs per matching entry, 100 ms on a 10,000-entry site, on every
    /// keystroke. Its hits are the entries whose title matches, newest first, then the others,
    /// newest first; typing on narrows the query until it is ranked.
    pub fn search(
        &self,
        site: i64,
        terms: &[String],
        filters: &Filters<'_>,
    ) -> Result<Vec<SearchRow>, StoreError> {
        if terms.is_empty() {
            return Ok(Vec::new());
        }
        let expression = match_expression(terms);
        let broad = self
            .conn
            // The offset is written into the text: a bound LIMIT or OFFSET on a virtual table
            // makes SQLite prepare the statement again on every run.
            .prepare_cached(&format!(
                "SELECT 1 FROM search_fts WHERE search_fts MATCH ?1 LIMIT 1 OFFSET {RANKED_AT_MOST}"
            ))
            .and_then(|mut s| s.query_row(params![expression], |_| Ok(())).optional())
            .map_err(|e| self.err(e))?
            .is_some();
        if !broad {
            return self.search_query(
                &ranked_sql(filters),
                &expression,
                site,
                filters,
                filters.limit,
            );
        }
        let newest = newest_sql(filters);
        let mut rows = self.search_query(
            &newest,
            &format!("{{title}} : ({expression})"),
            site,
            filters,
            filters.limit,
        )?;
        if rows.len() < filters.limit as usize {
            let more = self.search_query(
                &newest,
                &expression,
                site,
                filters,
                filters.limit + rows.len() as u32,
            )?;
            let mut seen: std::collections::HashSet<(Option<String>, Option<i64>)> =
                rows.iter().map(|r| (r.path.clone(), r.draft_id)).collect();
            rows.extend(
                more.into_iter()
                    .filter(|r| seen.insert((r.path.clone(), r.draft_id))),
            );
            rows.truncate(filters.limit as usize);
        }
        Ok(rows)
    }

    fn search_query(
        &self,
        sql: &str,
        expression: &str,
        site: i64,
        filters: &Filters<'_>,
        limit: u32,
    ) -> Result<Vec<SearchRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.err(e))?;
        stmt.query_map(
            params![
                expression,
                site,
                filters.collection,
                filters.language,
                filters.source,
                filters.from,
                filters.to,
                filters.tag,
                limit
            ],
            |r| {
                Ok(SearchRow {
                    source: r.get(0)?,
                    path: r.get(1)?,
                    draft_id: r.get(2)?,
                    collection: r.get(3)?,
                    language: r.get(4)?,
                    title: r.get(5)?,
                    date: r.get(6)?,
                    body: r.get(7)?,
                    rank: r.get(8)?,
                })
            },
        )
        .map_err(|e| self.err(e))?
        .collect::<Result<_, _>>()
        .map_err(|e| self.err(e))
    }

    /// How many rows of a source the index holds for a site.
    pub fn index_count(&self, site: i64, source: &str) -> Result<i64, StoreError> {
        self.conn
            .query_row(
                "SELECT count(*) FROM search_docs WHERE site_id = ?1 AND source = ?2",
                params![site, source],
                |r| r.get(0),
            )
            .optional()
            .map(|c| c.unwrap_or(0))
            .map_err(|e| self.err(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(parts: &[(String, bool)]) -> Vec<&str> {
        parts.iter().filter(|p| p.1).map(|p| p.0.as_str()).collect()
    }

    fn doc(n: usize, title: &str, body: &str) -> IndexDoc {
        IndexDoc {
            source: "published",
            path: Some(format!("content/articles/a{n}.md")),
            draft_id: None,
            version: format!("v{n}"),
            collection: "articles".into(),
            language: None,
            title: title.into(),
            date: None,
            tags: Vec::new(),
            images: Vec::new(),
            links: Vec::new(),
            fields_json: "{}".into(),
            body: body.into(),
        }
    }

    fn filters(limit: u32) -> Filters<'static> {
        Filters {
            collection: None,
            language: None,
            source: None,
            from: None,
            to: None,
            tag: None,
            limit,
        }
    }

    #[test]
    fn a_broad_query_lists_title_hits_first_and_a_narrow_one_is_ranked() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("s.sqlite3")).unwrap();
        let site = store.site_id("/s").unwrap();
        let broad = RANKED_AT_MOST as usize + 20;
        let mut docs: Vec<IndexDoc> = (0..broad)
            .map(|n| doc(n, &format!("Report {n}"), "The Barents region in winter."))
            .collect();
        // Two entries name Barents in their title, one of them twice (the better bm25).
        docs[3].title = "Barents youth forum".into();
        docs[7].title = "Barents Barents railway".into();
        // A rare word: a narrow query, ranked.
        docs[10].body = "Kirkenes once.".into();
        docs[11].body = "Kirkenes, Kirkenes and Kirkenes again.".into();
        store.index_update(site, &docs, &[], &[]).unwrap();

        let rows = store
            .search(site, &query_terms("bar"), &filters(5))
            .unwrap();
        let paths: Vec<&str> = rows.iter().filter_map(|r| r.path.as_deref()).collect();
        assert_eq!(rows.len(), 5);
        assert_eq!(
            &paths[..2],
            ["content/articles/a7.md", "content/articles/a3.md"],
            "title hits first, newest first"
        );
        assert!(paths[2..].iter().all(|p| *p != "content/articles/a3.md"));

        let rows = store
            .search(site, &query_terms("kirk"), &filters(5))
            .unwrap();
        let paths: Vec<&str> = rows.iter().filter_map(|r| r.path.as_deref()).collect();
        assert_eq!(
            paths,
            ["content/articles/a11.md", "content/articles/a10.md"],
            "ranked by bm25"
        );
        assert!(rows[0].rank < rows[1].rank);
    }

    #[test]
    fn an_update_replaces_texts_and_keeps_settings_with_them() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("s.sqlite3")).unwrap();
        let site = store.site_id("/s").unwrap();
        store
            .index_update(
                site,
                &[doc(1, "Harbour", "Kirkenes"), doc(2, "Road", "Oulu")],
                &[],
                &[],
            )
            .unwrap();
        // The same path twice in one update (two collections sharing a folder): the last wins.
        let settings = [("index-tree/1/x".to_owned(), "abc".to_owned())];
        store
            .index_update_with(
                site,
                &[doc(1, "Harbour", "Murmansk"), doc(1, "Harbour", "Inari")],
                &["content/articles/a2.md".to_owned()],
                &[],
                &settings,
            )
            .unwrap();
        assert_eq!(store.index_count(site, "published").unwrap(), 1);
        let found = |q: &str| {
            store
                .search(site, &query_terms(q), &filters(5))
                .unwrap()
                .len()
        };
        assert_eq!(found("inari"), 1);
        assert_eq!(found("murmansk") + found("kirkenes") + found("oulu"), 0);
        assert_eq!(
            store.setting("index-tree/1/x").unwrap().as_deref(),
            Some("abc")
        );
        assert_eq!(
            store
                .indexed_version(site, "content/articles/a1.md")
                .unwrap()
                .as_deref(),
            Some("v1")
        );
        assert_eq!(
            store
                .indexed_version(site, "content/articles/a2.md")
                .unwrap(),
            None
        );
    }

    #[test]
    fn filters_narrow_a_search() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("s.sqlite3")).unwrap();
        let site = store.site_id("/s").unwrap();
        let mut docs = vec![doc(1, "Harbour", "Kirkenes"), doc(2, "Road", "Kirkenes")];
        docs[1].collection = "events".into();
        docs[1].language = Some("ru".into());
        docs[1].date = Some("2026-03-01".into());
        docs[1].tags = vec!["Winter".into()];
        store.index_update(site, &docs, &[], &[]).unwrap();
        let kirk = query_terms("kirk");
        let count = |f: Filters<'_>| store.search(site, &kirk, &f).unwrap().len();
        assert_eq!(count(filters(5)), 2);
        for narrow in [
            Filters {
                collection: Some("events"),
                ..filters(5)
            },
            Filters {
                language: Some("ru"),
                ..filters(5)
            },
            Filters {
                from: Some("2026-01-01"),
                ..filters(5)
            },
            Filters {
                to: Some("2026-03"),
                ..filters(5)
            },
            Filters {
                tag: Some("winter"),
                ..filters(5)
            },
        ] {
            assert_eq!(count(narrow), 1);
        }
        assert_eq!(
            count(Filters {
                source: Some("draft"),
                ..filters(5)
            }),
            0
        );
        assert_eq!(
            count(Filters {
                source: Some("published"),
                ..filters(5)
            }),
            2
        );
    }

    #[test]
    fn sami_and_russian_words_match_without_their_diacritics() {
        let terms = query_terms("cahcegieddi sapmi");
        assert_eq!(
            hits(&mark("Čáhcegieddi ja Sápmi.", &terms)),
            ["Čáhcegieddi", "Sápmi"]
        );
        let terms = query_terms("dat goddi stuoraŋ");
        assert_eq!(
            hits(&mark("Đat ŧ Goađđi stuoraŋ", &terms)),
            ["Đat", "stuoraŋ"]
        );
        let terms = query_terms("мурманск еж");
        assert_eq!(
            hits(&mark("В Мурманске ёжик.", &terms)),
            ["Мурманске", "ёжик"]
        );
        assert_eq!(fold("Молодёжь Đát ŧ ŋ Čáhci"), "Молодежь Dat t n Cahci");
    }

    #[test]
    fn query_syntax_is_quoted() {
        assert_eq!(
            match_expression(&query_terms("a\" OR b* NEAR(")),
            "\"a\"* \"or\"* \"b\"* \"near\"*"
        );
    }

    #[test]
    fn snippets_centre_on_hits() {
        let body = format!(
            "{} Kirkenes harbour {}",
            "filler ".repeat(50),
            "more ".repeat(50)
        );
        let parts = snippet(&body, &query_terms("kirk"), 20);
        assert_eq!(hits(&parts), ["Kirkenes"]);
        let text: String = parts.iter().map(|p| p.0.as_str()).collect();
        assert!(text.starts_with("… ") && text.ends_with(" …"), "{text}");
    }
}
