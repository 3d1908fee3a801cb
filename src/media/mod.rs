//! Image import: from a file the user dropped to the responsive variants in the site's
//! repository. Owns decoding within limits, EXIF orientation, metadata stripping, colour
//! conversion to sRGB, resizing, encoding, content-hash names, and the media check (which
//! images lack alt text, are missing or unused). Never knows there is a window: progress is a
//! callback, cancellation an `AtomicBool`, and it never commits (publishing does).
//!
//! Safety, in order: the format is read from magic bytes ([`sniff`]); the file size, the
//! pixel count from the header and the GIF frame count are checked before any pixel buffer
//! exists; decoding then runs with an allocation limit inside `catch_unwind`.
//!
//! Memory bound: pixel buffers of all images being processed at once never exceed
//! [`MEMORY_BUDGET`] (768 MiB): each worker reserves its image's estimated peak from a
//! shared [`budget::Budget`] before decoding and waits when it is spent; one image whose
//! estimate alone exceeds it is refused. On top come a few MiB of codec state per worker.
//! With the default 64 MP limit, a baseline JPEG needs at most ~550 MiB (much less with
//! shrink-on-load), a PNG 16-bit RGBA ~770 MiB, so the biggest legal files still fit.
//!
//! Privacy: written files hold pixels only, re-encoded from the decoded image; the sole
//! metadata is a fresh EXIF block with the fields the schema's `keep_metadata` names.

mod budget;
pub mod check;
mod color;
mod decode;
mod encode;
mod exif;
mod import;
mod orient;
mod resize;
mod settings;
mod sniff;
mod thumb;

pub use check::{MediaReference, MediaReport, StoredImage, check_site_media};
pub use import::{Destination, ImageVariant, Imported, Progress, import_files};
pub use settings::{ImageMarkup, ImageSettings, KeepTag, MediaSettings, OutputFormat};
pub use thumb::{Thumbnail, dimensions, thumbnail};

/// The most bytes of pixel buffers an import holds at once (see the module docs).
pub const MEMORY_BUDGET: u64 = 768 << 20;

#[derive(Debug, thiserror::Error)]
pub enum MediaError {
    #[error(
        "{file} was not imported: it is {what}. Barents Desk takes JPEG, PNG, WebP and GIF images."
    )]
    Unsupported { file: String, what: String },
    #[error(
        "{file} was not imported: it is {mb} MB, more than the site's limit of {limit} MB. Export a smaller copy (for example 4000 pixels wide) and import that."
    )]
    FileTooBig { file: String, mb: u64, limit: u32 },
    #[error(
        "{file} was not imported: it is {width}×{height} pixels, more than the site's limit of {limit_mp} megapixels. Export a smaller copy and import that."
    )]
    TooManyPixels {
        file: String,
        width: u32,
        height: u32,
        limit_mp: u64,
    },
    #[error(
        "{file} was not imported: decoding it would need {needed_mb} MiB of memory, more than the {limit_mb} MiB allowed. Export a smaller copy and import that."
    )]
    TooMuchMemory {
        file: String,
        needed_mb: u64,
        limit_mb: u64,
    },
    #[error(
        "{file} was not imported: it is an animation of more than {limit} frames. Only still images and short animations are taken; use a still frame or a video."
    )]
    TooManyFrames { file: String, limit: u32 },
    #[error(
        "{file} was not imported: it is not a readable {format} image ({reason}). The file may be damaged or incomplete; export or download it again."
    )]
    Corrupt {
        file: String,
        format: &'static str,
        reason: String,
    },
    #[error(
        "{file} could not be read: {source}. Check that the file exists and that you may open it."
    )]
    Read {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "The image {path} could not be written: {source}. Check that the site folder exists and that you may write to it, and that the disk is not full."
    )]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file} was not imported: {reason}.")]
    Encode { file: String, reason: String },
    #[error("The import was cancelled; images finished before it are kept.")]
    Cancelled,
}

impl MediaError {
    pub fn code(&self) -> &'static str {
        match self {
            MediaError::Unsupported { .. } => "media_unsupported",
            MediaError::FileTooBig { .. } => "media_file_too_big",
            MediaError::TooManyPixels { .. } => "media_too_many_pixels",
            MediaError::TooMuchMemory { .. } => "media_too_much_memory",
            MediaError::TooManyFrames { .. } => "media_too_many_frames",
            MediaError::Corrupt { .. } => "media_corrupt",
            MediaError::Read { .. } => "media_read",
            MediaError::Write { .. } => "media_write",
            MediaError::Encode { .. } => "media_encode",
            MediaError::Cancelled => "media_cancelled",
        }
    }
}
