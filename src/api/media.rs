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
        Ok(report(files, results))
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
