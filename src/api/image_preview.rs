//! Pictures of an entry as the window shows them: the web view cannot load the site's files
//! (the CSP allows `data:` images only, and the preview is a sandboxed `srcdoc`), so an
//! image's `src` — as written in the entry, relative to it or under the media URL — is
//! resolved here to a file of the open site and answered as a `data:` JPEG of at most
//! [`PREVIEW_EDGE`] pixels. Used by the editor's image nodes and by the preview pane.
//! Read-only; a small in-memory cache keyed by file, size and modification time keeps
//! repeated previews (one per keystroke pause) from decoding the same photo again.

use std::sync::{LazyLock, Mutex};
use std::time::SystemTime;

use base64::Engine;

use super::Desk;
use super::library_types::MediaThumb;
use super::types::EntryKey;
use crate::media::check::{is_image_name, resolve};
use crate::site::EntryPath;
use crate::{Error, Result};

/// The long edge of an editor or preview picture: sharp in a text column, small over IPC.
pub const PREVIEW_EDGE: u32 = 960;

/// How many pictures the cache keeps (a few MB of base64 at most).
const CACHE_SIZE: usize = 64;

type CacheKey = (std::path::PathBuf, u64, Option<SystemTime>);
static CACHE: LazyLock<Mutex<Vec<(CacheKey, MediaThumb)>>> =
    LazyLock::new(|| Mutex::new(Vec::new()));

impl Desk {
    /// The picture an entry's image `src` points to, as a `data:` URL. `src` comes from the
    /// window: it is resolved against the entry and must name an image file inside the site.
    pub fn image_preview(&self, key: &EntryKey, src: &str) -> Result<MediaThumb> {
        let site = self.site()?;
        let entry = self.entry_path_of(key)?;
        let media = &site.schema.media;
        let file = resolve(
            entry.as_ref().map_or("", |p| p.as_str()),
            src,
            &media.folder,
            &media.url_base(),
        )
        .filter(|f| is_image_name(f))
        .ok_or_else(|| {
            Error::Validation(format!(
                "{src} is not an image file of this site (only pictures stored in the site can be shown)."
            ))
        })?;
        let repo_path = crate::publish::RepoPath::new(&file)?;
        let fs_path = file
            .split('/')
            .fold(site.root.clone(), |p, part| p.join(part));
        let meta = std::fs::symlink_metadata(&fs_path)
            .ok()
            .filter(|m| m.file_type().is_file())
            .ok_or_else(|| Error::NotFound {
                what: format!("The image {src} ({file})"),
            })?;
        let key = (fs_path.clone(), meta.len(), meta.modified().ok());
        if let Some(hit) = lock_cache().iter().find(|(k, _)| *k == key) {
            return Ok(hit.1.clone());
        }
        let bytes =
            std::fs::read(&fs_path).map_err(|e| Error::io("read the image", fs_path.clone(), e))?;
        let thumb = crate::media::thumbnail(&bytes, &file, PREVIEW_EDGE, media)?;
        let answer = MediaThumb {
            path: repo_path.as_str().to_owned(),
            data_url: format!(
                "data:image/jpeg;base64,{}",
                base64::engine::general_purpose::STANDARD.encode(&thumb.jpeg)
            ),
            width: thumb.width,
            height: thumb.height,
        };
        let mut cache = lock_cache();
        if cache.len() >= CACHE_SIZE {
            cache.remove(0);
        }
        cache.push((key, answer.clone()));
        Ok(answer)
    }

    /// Preview HTML (already sanitised) with every `<img src>` that names a picture of the
    /// site replaced by its `data:` URL; others (web addresses, missing files) stay as they
    /// are and show their alt text.
    pub(super) fn with_site_pictures(&self, key: &EntryKey, html: &str) -> String {
        let mut out = String::with_capacity(html.len());
        let mut rest = html;
        while let Some(at) = rest.find("<img ") {
            let tag_end = rest[at..].find('>').map_or(rest.len(), |e| at + e);
            let tag = &rest[at..tag_end];
            let Some(src_at) = tag.find(" src=\"") else {
                out.push_str(&rest[..tag_end]);
                rest = &rest[tag_end..];
                continue;
            };
            let value_start = at + src_at + " src=\"".len();
            let Some(len) = rest[value_start..].find('"') else {
                break;
            };
            let value = &rest[value_start..value_start + len];
            out.push_str(&rest[..value_start]);
            let src = unescape(value);
            match self.image_preview(key, &src) {
                Ok(thumb) if !src.starts_with("data:") => out.push_str(&thumb.data_url),
                _ => out.push_str(value),
            }
            rest = &rest[value_start + len..];
        }
        out.push_str(rest);
        out
    }

    /// The site path of the entry a key names (its draft's, for a draft), if it has one yet.
    fn entry_path_of(&self, key: &EntryKey) -> Result<Option<EntryPath>> {
        if let Some(path) = &key.path {
            return Ok(Some(EntryPath::new(path)?));
        }
        let site = self.site()?;
        Ok(self
            .find_draft(&site, key)?
            .and_then(|d| d.path)
            .map(|p| EntryPath::new(&p))
            .transpose()?)
    }
}

fn lock_cache() -> std::sync::MutexGuard<'static, Vec<(CacheKey, MediaThumb)>> {
    CACHE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// An attribute value as ammonia writes it, back to text.
fn unescape(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}
