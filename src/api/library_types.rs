//! The IPC values of the media library panel (generated into `ui/src/lib/bindings.ts` like
//! those of `types.rs`): one item per picture (all sizes and formats of one import together),
//! with what the panel shows and searches, and a thumbnail fetched per item.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::types::{ImageReference, MediaFile};

/// One picture of the site: an import's sizes and formats, or a single image file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MediaItem {
    /// The file the thumbnail and the dimensions are of (an import's largest JPEG).
    pub path: String,
    /// The file name shown and searched (`bridge.jpg`, or `3f0c…-1920.jpg`).
    pub name: String,
    /// Every file of the picture, smallest first.
    pub files: Vec<MediaFile>,
    /// All its files together.
    #[ts(type = "number")]
    pub bytes: u64,
    /// Size of `path` in pixels, upright, when its header could be read.
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// Entries that use it; empty when unused.
    pub used_by: Vec<String>,
    /// Alt texts and captions it is given where it is used (for search and display).
    pub alts: Vec<String>,
    pub captions: Vec<String>,
    /// True when at least one use has no alt text.
    pub missing_alt: bool,
}

/// The media library of the open site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MediaLibrary {
    /// Newest names first is not knowable from files: sorted by path.
    pub items: Vec<MediaItem>,
    /// References to files that are not in the site.
    pub missing: Vec<ImageReference>,
}

/// A thumbnail as the panel shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MediaThumb {
    pub path: String,
    /// `data:image/jpeg;base64,…` (the CSP allows `data:` images only).
    pub data_url: String,
    pub width: u32,
    pub height: u32,
}
