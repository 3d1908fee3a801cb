//! Thumbnails for the media library: a small upright JPEG of an image file of the site, made
//! with the import's own safety steps (format by magic bytes, header checked against the
//! pixel limit before decoding, JPEG shrink-on-load, decoding under a memory cap, panics
//! caught). Never writes a file: the bytes go to the window as a `data:` URL.

use super::decode::{self, Refusal};
use super::settings::MediaSettings;
use super::{MediaError, encode, import::refusal, orient, resize, sniff};

/// The most memory one thumbnail may need to decode (a quarter of the import's budget: the
/// library asks for several at once).
const THUMB_ALLOC: u64 = super::MEMORY_BUDGET / 4;

/// A thumbnail and the size of the image it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thumbnail {
    pub jpeg: Vec<u8>,
    /// The original's size, upright.
    pub width: u32,
    pub height: u32,
}

/// The original's upright size from its header, without decoding pixels.
pub fn dimensions(bytes: &[u8], max_frames: u32) -> Option<(u32, u32)> {
    let format = sniff::sniff(bytes).ok()?;
    let probe = decode::probe(bytes, format, max_frames).ok()?;
    Some(if orient::swaps_axes(probe.orientation) {
        (probe.height, probe.width)
    } else {
        (probe.width, probe.height)
    })
}

/// A JPEG at most `edge` pixels on its long side (never upscaled) of the image in `bytes`.
pub fn thumbnail(
    bytes: &[u8],
    file: &str,
    edge: u32,
    settings: &MediaSettings,
) -> Result<Thumbnail, MediaError> {
    let format = sniff::sniff(bytes).map_err(|what| MediaError::Unsupported {
        file: file.to_owned(),
        what: what.to_owned(),
    })?;
    let refused = |r: Refusal| refusal(file, format, r);
    let probe = decode::probe(bytes, format, settings.max_frames).map_err(refused)?;
    if probe.width == 0 || probe.height == 0 {
        return Err(refused(Refusal::Corrupt("it has no pixels".into())));
    }
    if u64::from(probe.width) * u64::from(probe.height) > settings.max_pixels {
        return Err(MediaError::TooManyPixels {
            file: file.to_owned(),
            width: probe.width,
            height: probe.height,
            limit_mp: settings.max_pixels / 1_000_000,
        });
    }
    let swapped = orient::swaps_axes(probe.orientation);
    let (up_w, up_h) = if swapped {
        (probe.height, probe.width)
    } else {
        (probe.width, probe.height)
    };
    let width = if up_w >= up_h {
        edge
    } else {
        ((u64::from(edge) * u64::from(up_w)) / u64::from(up_h)).max(1) as u32
    };
    let sizes = resize::plan(up_w, up_h, &[width], edge);
    let size = sizes.first().copied().unwrap_or((up_w, up_h));
    let needed_width = if swapped { size.1 } else { size.0 };
    let decoded =
        decode::decode(bytes, format, &probe, needed_width, THUMB_ALLOC).map_err(refused)?;
    let orientation = decoded.exif.orientation.or(probe.orientation);
    let raster = orient::apply(decoded.raster, orientation);
    let small = resize::variants(&raster, &[size]).map_err(|reason| MediaError::Encode {
        file: file.to_owned(),
        reason,
    })?;
    let small = small.into_iter().next().ok_or_else(|| MediaError::Encode {
        file: file.to_owned(),
        reason: "no thumbnail was made".into(),
    })?;
    let jpeg = encode::jpeg(&small, 75, None).map_err(|reason| MediaError::Encode {
        file: file.to_owned(),
        reason,
    })?;
    Ok(Thumbnail {
        jpeg,
        width: up_w,
        height: up_h,
    })
}
