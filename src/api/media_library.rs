//! The media library through the facade: every picture of the open site grouped by import,
//! with where it is used, its alt texts and captions, and thumbnails made on request. Reads
//! the work tree (images imported but not yet published are listed too); never writes.

use std::collections::{BTreeMap, BTreeSet};

use base64::Engine;

use super::Desk;
use super::library_types::{MediaItem, MediaLibrary, MediaThumb};
use super::types::{ImageReference, MediaFile};
use crate::media::check::{import_group, is_image_name};
use crate::media::{self, MediaError};
use crate::publish::RepoPath;
use crate::{Error, Result};

/// Thumbnails are at most this many pixels on the long edge.
const THUMB_EDGE: u32 = 320;

impl Desk {
    /// Every picture of the open site, one item per import (or per plain file).
    pub fn media_library(&self) -> Result<MediaLibrary> {
        let site = self.site()?;
        let report = media::check_site_media(&site.root, &site.schema)?;
        let mut groups: BTreeMap<String, Vec<media::StoredImage>> = BTreeMap::new();
        for image in report.images {
            let key = import_group(&image.path).unwrap_or_else(|| image.path.clone());
            groups.entry(key).or_default().push(image);
        }
        let mut items = Vec::new();
        for (_, mut files) in groups {
            files.sort_by_key(|f| (width_in_name(&f.path), f.path.clone()));
            let Some(main) = files
                .iter()
                .rev()
                .find(|f| f.path.ends_with(".jpg") || f.path.ends_with(".jpeg"))
                .or(files.last())
                .cloned()
            else {
                continue;
            };
            let paths: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
            let uses: Vec<&media::MediaReference> = report
                .references
                .iter()
                .filter(|r| r.file.as_deref().is_some_and(|f| paths.contains(f)))
                .collect();
            let texts = |pick: &dyn Fn(&media::MediaReference) -> Option<String>| {
                let set: BTreeSet<String> = uses
                    .iter()
                    .filter_map(|r| pick(r))
                    .map(|t| t.trim().to_owned())
                    .filter(|t| !t.is_empty())
                    .collect();
                set.into_iter().collect::<Vec<_>>()
            };
            let used_by: BTreeSet<String> = files
                .iter()
                .flat_map(|f| f.used_by.iter().cloned())
                .collect();
            let dimensions = std::fs::read(to_fs(&site.root, &main.path))
                .ok()
                .and_then(|bytes| media::dimensions(&bytes, site.schema.media.max_frames));
            items.push(MediaItem {
                name: main
                    .path
                    .rsplit('/')
                    .next()
                    .unwrap_or(&main.path)
                    .to_owned(),
                path: main.path.clone(),
                bytes: files.iter().map(|f| f.bytes).sum(),
                width: dimensions.map(|d| d.0),
                height: dimensions.map(|d| d.1),
                used_by: used_by.into_iter().collect(),
                alts: texts(&|r| r.alt.clone()),
                captions: texts(&|r| r.caption.clone()),
                missing_alt: uses
                    .iter()
                    .any(|r| r.alt.as_deref().is_none_or(|a| a.trim().is_empty())),
                files: files
                    .into_iter()
                    .map(|f| MediaFile {
                        path: f.path,
                        bytes: f.bytes,
                        used_by: f.used_by,
                    })
                    .collect(),
            });
        }
        Ok(MediaLibrary {
            items,
            missing: report
                .missing
                .into_iter()
                .map(|m| ImageReference {
                    entry: m.entry,
                    field: m.field,
                    src: m.src,
                    alt: m.alt,
                    file: m.file,
                })
                .collect(),
        })
    }

    /// A small JPEG of one image file of the open site, as a `data:` URL. `path` comes from
    /// the window, so it is checked: site-relative, an image's name, a regular file.
    pub fn media_thumbnail(&self, path: &str) -> Result<MediaThumb> {
        let site = self.site()?;
        let repo_path = RepoPath::new(path)?;
        if !is_image_name(path) {
            return Err(Error::Validation(format!(
                "{path} is not an image file of this site."
            )));
        }
        let file = to_fs(&site.root, repo_path.as_str());
        let plain = std::fs::symlink_metadata(&file).is_ok_and(|m| m.file_type().is_file());
        if !plain {
            return Err(Error::NotFound {
                what: format!("The image {path}"),
            });
        }
        let bytes =
            std::fs::read(&file).map_err(|e| Error::io("read the image", file.clone(), e))?;
        let name = path.rsplit('/').next().unwrap_or(path);
        let thumb = media::thumbnail(&bytes, name, THUMB_EDGE, &site.schema.media)
            .map_err(|e: MediaError| Error::from(e))?;
        Ok(MediaThumb {
            path: path.to_owned(),
            data_url: format!(
                "data:image/jpeg;base64,{}",
                base64::engine::general_purpose::STANDARD.encode(&thumb.jpeg)
            ),
            width: thumb.width,
            height: thumb.height,
        })
    }
}

/// `1920` for `…-1920.jpg`, else 0 (plain files sort first within nothing: they are alone).
fn width_in_name(path: &str) -> u32 {
    path.rsplit_once('-')
        .and_then(|(_, rest)| rest.split('.').next())
        .and_then(|w| w.parse().ok())
        .unwrap_or(0)
}

fn to_fs(root: &std::path::Path, rel: &str) -> std::path::PathBuf {
    rel.split('/')
        .fold(root.to_path_buf(), |p, part| p.join(part))
}
