//! Images through the facade: importing photos for an entry (into its page bundle or the
//! site's media folder, as the schema says) and the media check behind the media library.
//! Import is long work: call it off the UI thread; it reports progress after each file and
//! stops at the next step when `cancel` is set. It never holds the store or the publish lock
//! while decoding.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use super::Desk;
use super::types::{
    EntryKey, ImageFormat, ImageReference, ImageVariant, ImportFailure, ImportProgress,
    ImportReport, ImportedImage, MediaCheck, MediaFile,
};
use crate::media::{self, Destination, MediaError, OutputFormat};
use crate::site::{EntryPath, Layout, SiteSchema};
use crate::{Error, Result};

impl Desk {
    /// Imports image files for an entry. Each file is refused or imported on its own: the
    /// report lists both. Images of a page-bundle entry go beside its `index.md` (relative
    /// `src`); all others into the site's media folder (`/images/...`).
    pub fn import_images(
        &self,
        entry: &EntryKey,
        files: &[PathBuf],
        progress: &(dyn Fn(ImportProgress) + Sync),
        cancel: &AtomicBool,
    ) -> Result<ImportReport> {
        let site = self.site()?;
        let path = match &entry.path {
            Some(path) => Some(EntryPath::new(path)?),
            None => match self.find_draft(&site, entry)? {
                Some(draft) => draft.path.as_deref().map(EntryPath::new).transpose()?,
                None => {
                    return Err(Error::NotFound {
                        what: "This draft".into(),
                    });
                }
            },
        };
        let dest = destination(&site.schema, path.as_ref());
        let results = media::import_files(
            &site.root,
            &site.schema.media,
            &dest,
            files,
            &|p| {
                progress(ImportProgress {
                    done: u32::try_from(p.done).unwrap_or(u32::MAX),
                    total: u32::try_from(p.total).unwrap_or(u32::MAX),
                    file: p.file,
                })
            },
            cancel,
        );
        let mut report = report(files, results);
        report.figure = site.schema.images.markdown == media::ImageMarkup::Figure;
        Ok(report)
    }

    /// Imports an image that arrived as bytes (pasted from the clipboard, or chosen in the
    /// window's file picker, which gives bytes, never a path). The bytes go through a
    /// private temporary file, so they pass exactly the checks a file on disk passes; the
    /// file is removed afterwards. `name` is only for messages (`photo.png`).
    pub fn import_image_bytes(
        &self,
        entry: &EntryKey,
        name: &str,
        bytes: &[u8],
        cancel: &AtomicBool,
    ) -> Result<ImportReport> {
        let site = self.site()?;
        let limit = site.schema.media.max_file_mb;
        let shown = display_name(name);
        if bytes.len() as u64 > u64::from(limit) << 20 {
            return Err(MediaError::FileTooBig {
                file: shown,
                mb: (bytes.len() as u64).div_ceil(1 << 20),
                limit,
            }
            .into());
        }
        let incoming = self.data_dir.join("incoming");
        std::fs::create_dir_all(&incoming)
            .map_err(|e| Error::io("create the folder", incoming.clone(), e))?;
        let dir = tempfile_dir(&incoming)?;
        let file = dir.join(&shown);
        let written = std::fs::write(&file, bytes).map_err(|e| Error::io("write", file.clone(), e));
        let report = written
            .and_then(|()| self.import_images(entry, std::slice::from_ref(&file), &|_| {}, cancel));
        if let Err(e) = std::fs::remove_dir_all(&dir) {
            tracing::warn!("could not remove {}: {e}", dir.display());
        }
        let mut report = report?;
        for failure in &mut report.failed {
            failure.file = shown.clone();
        }
        Ok(report)
    }

    /// Every image of the open site, with the entries that use it, and the problems: images
    /// without alt text, references to missing files, files no entry uses.
    pub fn media_check(&self) -> Result<MediaCheck> {
        let site = self.site()?;
        media_check_at(&site.root, &site.schema)
    }
}

/// The media check of the site at `root` (no store needed: the CLI's `desk media check`).
pub fn media_check_at(root: &std::path::Path, schema: &SiteSchema) -> Result<MediaCheck> {
    let r = media::check_site_media(root, schema)?;
    let reference = |m: media::MediaReference| ImageReference {
        entry: m.entry,
        field: m.field,
        src: m.src,
        alt: m.alt,
        file: m.file,
    };
    Ok(MediaCheck {
        images: r
            .images
            .into_iter()
            .map(|i| MediaFile {
                path: i.path,
                bytes: i.bytes,
                used_by: i.used_by,
            })
            .collect(),
        without_alt: r.without_alt.into_iter().map(reference).collect(),
        missing: r.missing.into_iter().map(reference).collect(),
        unused: r.unused,
    })
}

/// Where an entry's images go: its bundle folder (when it is a page bundle and the site keeps
/// bundle images), else the site's media folder.
pub fn destination(schema: &SiteSchema, entry: Option<&EntryPath>) -> Destination {
    let bundle = entry.filter(|p| {
        schema.media.bundle
            && schema
                .collection_of(p)
                .is_some_and(|c| c.layout == Layout::Bundle)
    });
    match bundle.and_then(|p| p.as_str().rsplit_once('/')) {
        Some((folder, _)) => Destination {
            folder: folder.to_owned(),
            url_base: String::new(),
        },
        None => Destination {
            folder: schema.media.folder.clone(),
            url_base: schema.media.url_base(),
        },
    }
}

/// Turns the per-file results into what the editor shows.
pub fn report(
    files: &[PathBuf],
    results: Vec<Result<media::Imported, MediaError>>,
) -> ImportReport {
    let mut out = ImportReport {
        images: Vec::new(),
        failed: Vec::new(),
        cancelled: false,
        figure: false,
    };
    for (file, result) in files.iter().zip(results) {
        match result {
            Ok(i) => out.images.push(ImportedImage {
                source: i.source,
                hash: i.hash,
                width: i.width,
                height: i.height,
                src: i.src,
                variants: i
                    .variants
                    .into_iter()
                    .map(|v| ImageVariant {
                        path: v.path,
                        src: v.src,
                        width: v.width,
                        height: v.height,
                        bytes: v.bytes,
                        format: match v.format {
                            OutputFormat::Jpeg => ImageFormat::Jpeg,
                            OutputFormat::Webp => ImageFormat::Webp,
                        },
                    })
                    .collect(),
                reused: i.reused,
                notes: i.notes,
            }),
            Err(MediaError::Cancelled) => out.cancelled = true,
            Err(e) => out.failed.push(ImportFailure {
                file: file.to_string_lossy().into_owned(),
                error: Error::from(e).report(),
            }),
        }
    }
    out
}

/// A safe file name for pasted bytes: the last part of what the window said, without
/// characters a file system may refuse, never empty.
fn display_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = last
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ') {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    let clean = clean.trim_matches(['.', ' ']).to_owned();
    if clean.is_empty() {
        "pasted image".to_owned()
    } else {
        clean
    }
}

/// A new, empty folder of our own inside `parent` (so two pastes never share a file).
fn tempfile_dir(parent: &std::path::Path) -> Result<PathBuf> {
    for n in 0..1000u32 {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir = parent.join(format!("paste-{}-{nanos}-{n}", std::process::id()));
        match std::fs::create_dir(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(Error::io("create the folder", dir, e)),
        }
    }
    Err(Error::Validation(
        "Could not make a temporary folder for the pasted image; try again.".into(),
    ))
}
