//! Decoding within limits. Every format is probed first (dimensions, frames, what decoding
//! will cost in bytes) and refused before a pixel buffer exists when it is too large; only
//! then is it decoded, with the decoder's own limit set as a second wall, inside
//! `catch_unwind` as a third (a decoder that panics on hostile bytes becomes a refusal, not
//! a crash). Output is always 8-bit RGB or RGBA. Measured (see the tests): none of the four
//! decoders stops at `max_alloc` by itself before allocating its output, so the estimate
//! checked here is the wall; the decoders' limits are a second one where they exist (PNG's
//! text and ICC chunks, jpeg-decoder's post-decode check).
//!
//! JPEG goes through `jpeg-decoder` rather than `image`'s zune-jpeg because it can decode at
//! 1/2, 1/4 or 1/8 size in the DCT (shrink-on-load): a 24 MP photo destined for 1920 px is
//! never expanded to 24 MP. It checks its own buffer limit only after decoding, so the
//! estimate below (which includes the full-size coefficient buffers of progressive files) is
//! what actually bounds it.

use std::io::Cursor;

use image::ImageDecoder;

use super::exif::{self, ExifFacts};
use super::sniff::InputFormat;

/// Decoded pixels: 8-bit RGB (3 bytes a pixel) or RGBA (4).
#[derive(Debug, Clone)]
pub struct Raster {
    pub width: u32,
    pub height: u32,
    pub alpha: bool,
    pub data: Vec<u8>,
}

/// What the header says, before any pixel is decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Probe {
    pub width: u32,
    pub height: u32,
    /// Frames of an animated GIF (1 for every other file).
    pub frames: u32,
    /// The EXIF orientation, 1–8, when the file has one.
    pub orientation: Option<u16>,
}

/// A decoded image and what the import needs from its metadata.
pub struct Decoded {
    pub raster: Raster,
    pub icc: Option<Vec<u8>>,
    pub exif: ExifFacts,
}

/// Why a file could not be decoded; the caller adds the file's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Malformed or truncated data, in the decoder's words.
    Corrupt(String),
    /// Decoding would need more memory than allowed (bytes needed, bytes allowed).
    Memory(u64, u64),
    /// The GIF has more frames than allowed (frames counted so far, limit).
    Frames(u32, u32),
    /// The decoder's own allocation limit stopped it, in its words.
    Limit(String),
}

/// Reads the header: dimensions, and for GIF the number of frames (counted without
/// decompressing them, and only up to `max_frames + 1`).
pub fn probe(bytes: &[u8], format: InputFormat, max_frames: u32) -> Result<Probe, Refusal> {
    guarded(|| match format {
        InputFormat::Jpeg => {
            let mut d = jpeg_decoder::Decoder::new(Cursor::new(bytes));
            d.read_info().map_err(corrupt)?;
            let info = d
                .info()
                .ok_or_else(|| Refusal::Corrupt("no frame header".into()))?;
            let orientation = d.exif_data().and_then(|e| exif::read(e).orientation);
            Ok(one_frame(
                info.width.into(),
                info.height.into(),
                orientation,
            ))
        }
        InputFormat::Png => {
            let d =
                image::codecs::png::PngDecoder::with_limits(Cursor::new(bytes), header_limits())
                    .map_err(corrupt)?;
            Ok(still(d))
        }
        InputFormat::Webp => {
            let mut d =
                image::codecs::webp::WebPDecoder::new(Cursor::new(bytes)).map_err(corrupt)?;
            d.set_limits(header_limits()).map_err(corrupt)?;
            Ok(still(d))
        }
        InputFormat::Gif => {
            let mut options = gif::DecodeOptions::new();
            options.skip_frame_decoding(true);
            options.set_memory_limit(gif::MemoryLimit::Bytes(
                std::num::NonZeroU64::new(16 << 20).unwrap_or(std::num::NonZeroU64::MIN),
            ));
            let mut d = options.read_info(Cursor::new(bytes)).map_err(corrupt)?;
            let (w, h) = (u32::from(d.width()), u32::from(d.height()));
            let mut frames = 0u32;
            while d.next_frame_info().map_err(corrupt)?.is_some() {
                frames += 1;
                if frames > max_frames {
                    return Err(Refusal::Frames(frames, max_frames));
                }
            }
            if frames == 0 {
                return Err(Refusal::Corrupt("the GIF has no frames".into()));
            }
            Ok(Probe {
                width: w,
                height: h,
                frames,
                orientation: None,
            })
        }
    })
}

fn one_frame(width: u32, height: u32, orientation: Option<u16>) -> Probe {
    Probe {
        width,
        height,
        frames: 1,
        orientation,
    }
}

fn still(mut d: impl ImageDecoder) -> Probe {
    let (w, h) = d.dimensions();
    let orientation = d
        .exif_metadata()
        .ok()
        .flatten()
        .and_then(|e| exif::read(&e).orientation);
    one_frame(w, h, orientation)
}

/// Limits for reading headers only: nothing large may be allocated yet.
fn header_limits() -> image::Limits {
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(16 << 20);
    limits
}

/// The JPEG DCT scale (8 = full size, 4 = 1/2, 2 = 1/4, 1 = 1/8) that still gives at least
/// `needed_width` pixels across (in the file's stored orientation).
pub fn jpeg_scale(width: u32, needed_width: u32) -> u32 {
    [1u32, 2, 4]
        .into_iter()
        .find(|&s| (width * s).div_ceil(8) >= needed_width)
        .unwrap_or(8)
}

/// Bytes decoding will hold at its peak (decoder buffers and the 8-bit RGB(A) result), for
/// the memory budget. `needed_width` is the widest output, in stored orientation.
pub fn estimate(bytes: &[u8], format: InputFormat, probe: &Probe, needed_width: u32) -> u64 {
    let (w, h) = (u64::from(probe.width), u64::from(probe.height));
    let px = w * h;
    match format {
        InputFormat::Jpeg => {
            let s = u64::from(jpeg_scale(probe.width, needed_width));
            let scaled = (w * s).div_ceil(8) * (h * s).div_ceil(8);
            let progressive = jpeg_is_progressive(bytes);
            // Progressive files keep every coefficient (i16) of the full-size image until the
            // last scan; component planes, then the interleaved result, at the scaled size.
            let coefficients = if progressive { px * 4 * 2 } else { 0 };
            coefficients + scaled * 4 * 2 + scaled * 4
        }
        // Native buffer (up to 16-bit RGBA) + the 8-bit copy.
        InputFormat::Png => px * 8 + px * 4,
        // YUV planes / decoded RGBA, then the result.
        InputFormat::Webp => px * 4 * 2 + px * 4,
        // Canvas + frame buffers (RGBA) and the result.
        InputFormat::Gif => px * 4 * 3,
    }
}

fn jpeg_is_progressive(bytes: &[u8]) -> bool {
    let mut d = jpeg_decoder::Decoder::new(Cursor::new(bytes));
    d.read_info().is_ok()
        && d.info()
            .is_some_and(|i| i.coding_process == jpeg_decoder::CodingProcess::DctProgressive)
}

/// Decodes the first frame. `max_alloc` is passed to the decoders that honour a limit and is
/// checked by this function against its own estimate for the others.
pub fn decode(
    bytes: &[u8],
    format: InputFormat,
    probe: &Probe,
    needed_width: u32,
    max_alloc: u64,
) -> Result<Decoded, Refusal> {
    let cost = estimate(bytes, format, probe, needed_width);
    if cost > max_alloc {
        return Err(Refusal::Memory(cost, max_alloc));
    }
    decode_unchecked(bytes, format, probe, needed_width, max_alloc)
}

/// [`decode`] without the estimate: only the decoders' own limits stand.
fn decode_unchecked(
    bytes: &[u8],
    format: InputFormat,
    probe: &Probe,
    needed_width: u32,
    max_alloc: u64,
) -> Result<Decoded, Refusal> {
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(max_alloc);
    guarded(|| match format {
        InputFormat::Jpeg => decode_jpeg(bytes, probe, needed_width, max_alloc),
        InputFormat::Png => {
            let d = image::codecs::png::PngDecoder::with_limits(Cursor::new(bytes), limits)
                .map_err(image_refusal)?;
            from_image_decoder(d)
        }
        InputFormat::Webp => {
            let mut d =
                image::codecs::webp::WebPDecoder::new(Cursor::new(bytes)).map_err(image_refusal)?;
            d.set_limits(limits).map_err(image_refusal)?;
            from_image_decoder(d)
        }
        InputFormat::Gif => {
            let mut d =
                image::codecs::gif::GifDecoder::new(Cursor::new(bytes)).map_err(image_refusal)?;
            d.set_limits(limits).map_err(image_refusal)?;
            from_image_decoder(d)
        }
    })
}

fn decode_jpeg(
    bytes: &[u8],
    probe: &Probe,
    needed_width: u32,
    max_alloc: u64,
) -> Result<Decoded, Refusal> {
    // jpeg-decoder fills a progressive file's missing scans with grey instead of failing.
    if !jpeg_has_end(bytes) {
        return Err(Refusal::Corrupt(
            "the file ends before the image does (truncated)".into(),
        ));
    }
    let mut d = jpeg_decoder::Decoder::new(Cursor::new(bytes));
    d.set_max_decoding_buffer_size(usize::try_from(max_alloc).unwrap_or(usize::MAX));
    d.read_info().map_err(corrupt)?;
    let scale = jpeg_scale(probe.width, needed_width);
    if scale < 8 {
        // Only the width is asked for (height u16::MAX never decides): see `jpeg_scale`.
        let want = (probe.width * scale).div_ceil(8);
        d.scale(u16::try_from(want).unwrap_or(u16::MAX), u16::MAX)
            .map_err(corrupt)?;
    }
    let pixels = d.decode().map_err(corrupt)?;
    let info = d
        .info()
        .ok_or_else(|| Refusal::Corrupt("no frame header".into()))?;
    let (width, height) = (u32::from(info.width), u32::from(info.height));
    let n = (width as usize) * (height as usize);
    use jpeg_decoder::PixelFormat as P;
    let data = match info.pixel_format {
        P::RGB24 => pixels,
        P::L8 => pixels.iter().flat_map(|&l| [l, l, l]).collect(),
        // 16-bit (lossless) JPEG: big-endian samples; keep the high byte.
        P::L16 => pixels
            .chunks_exact(2)
            .flat_map(|s| [s[0], s[0], s[0]])
            .collect(),
        // Naive CMYK -> RGB (the decoder has already undone Adobe's inversion).
        P::CMYK32 => pixels
            .chunks_exact(4)
            .flat_map(|p| {
                let k = 255 - u16::from(p[3]);
                let ch = |c: u8| ((255 - u16::from(c)) * k / 255) as u8;
                [ch(p[0]), ch(p[1]), ch(p[2])]
            })
            .collect(),
    };
    if data.len() != n * 3 {
        return Err(Refusal::Corrupt(
            "the decoder returned a short image".into(),
        ));
    }
    Ok(Decoded {
        raster: Raster {
            width,
            height,
            alpha: false,
            data,
        },
        icc: d.icc_profile(),
        exif: d.exif_data().map(exif::read).unwrap_or_default(),
    })
}

/// Whether the first scan of a JPEG is followed by an end-of-image marker. Walks the marker
/// segments so that an EXIF thumbnail's own markers (inside APP1) are skipped.
fn jpeg_has_end(bytes: &[u8]) -> bool {
    let mut i = 2;
    while let (Some(&0xFF), Some(&m)) = (bytes.get(i), bytes.get(i + 1)) {
        match m {
            0xFF => i += 1,
            0x01 | 0xD0..=0xD8 => i += 2,
            _ => {
                let Some(len) = bytes
                    .get(i + 2..i + 4)
                    .map(|l| usize::from(u16::from_be_bytes([l[0], l[1]])))
                else {
                    return false;
                };
                if m == 0xDA {
                    return bytes
                        .get(i + 2 + len..)
                        .is_some_and(|scan| scan.windows(2).any(|w| w == [0xFF, 0xD9]));
                }
                i += 2 + len;
            }
        }
    }
    false
}

fn from_image_decoder(mut d: impl ImageDecoder) -> Result<Decoded, Refusal> {
    let icc = d.icc_profile().ok().flatten();
    let exif = d
        .exif_metadata()
        .ok()
        .flatten()
        .map(|b| exif::read(&b))
        .unwrap_or_default();
    let alpha = d.color_type().has_alpha();
    let image = image::DynamicImage::from_decoder(d).map_err(image_refusal)?;
    let (width, height) = (image.width(), image.height());
    let data = if alpha {
        image.into_rgba8().into_raw()
    } else {
        image.into_rgb8().into_raw()
    };
    Ok(Decoded {
        raster: Raster {
            width,
            height,
            alpha,
            data,
        },
        icc,
        exif,
    })
}

fn corrupt(e: impl std::fmt::Display) -> Refusal {
    Refusal::Corrupt(e.to_string())
}

fn image_refusal(e: image::ImageError) -> Refusal {
    match e {
        image::ImageError::Limits(l) => Refusal::Limit(l.to_string()),
        other => Refusal::Corrupt(other.to_string()),
    }
}

/// Runs a decoder so that a panic inside it is a refusal, not a crash of the app.
fn guarded<T>(f: impl FnOnce() -> Result<T, Refusal>) -> Result<T, Refusal> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err(Refusal::Corrupt(
            "the decoder stopped on malformed data".into(),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn samples() -> Vec<(InputFormat, Vec<u8>)> {
        let (w, h) = (1000u32, 800u32);
        let rgb: Vec<u8> = (0..w * h).flat_map(|i| [(i % 251) as u8, 7, 99]).collect();
        let rgba: Vec<u8> = rgb
            .chunks(3)
            .flat_map(|c| [c[0], c[1], c[2], 255])
            .collect();
        let jpeg = super::super::encode::jpeg(
            &Raster {
                width: w,
                height: h,
                alpha: false,
                data: rgb.clone(),
            },
            80,
            None,
        )
        .unwrap();
        let webp = super::super::encode::webp(
            &Raster {
                width: w,
                height: h,
                alpha: false,
                data: rgb,
            },
            80,
            None,
        )
        .unwrap();
        let mut png = Vec::new();
        image::ImageEncoder::write_image(
            image::codecs::png::PngEncoder::new(&mut png),
            &rgba,
            w,
            h,
            image::ExtendedColorType::Rgba8,
        )
        .unwrap();
        let mut gif = Vec::new();
        image::codecs::gif::GifEncoder::new(&mut gif)
            .encode(&rgba, w, h, image::ExtendedColorType::Rgba8)
            .unwrap();
        vec![
            (InputFormat::Jpeg, jpeg),
            (InputFormat::Png, png),
            (InputFormat::Webp, webp),
            (InputFormat::Gif, gif),
        ]
    }

    /// The wall that holds for every format: the estimate, checked before any decoder runs.
    #[test]
    fn every_format_is_refused_over_the_limit_before_decoding() {
        for (format, bytes) in samples() {
            let probe = probe(&bytes, format, 10).unwrap();
            assert_eq!((probe.width, probe.height), (1000, 800), "{format:?}");
            let refused = decode(&bytes, format, &probe, 1000, 1 << 20);
            assert!(matches!(refused, Err(Refusal::Memory(..))), "{format:?}");
            let ok = decode(&bytes, format, &probe, 1000, 64 << 20).unwrap();
            assert_eq!(
                (ok.raster.width, ok.raster.height),
                (1000, 800),
                "{format:?}"
            );
        }
    }

    /// Decoder by decoder, with the estimate out of the way: does the decoder itself stop at
    /// `max_alloc` (1 MiB here, for a 1000×800 image)? Measured with image 0.25.10 and
    /// jpeg-decoder 0.3.2: jpeg-decoder refuses only after decoding (and never counts a
    /// progressive file's coefficients); `image`'s PNG, WebP and GIF decoders, driven through
    /// `ImageDecoder` as here, decode the whole image regardless. So the estimate checked in
    /// [`decode`] is the wall for every format. If this test fails, a decoder changed: update
    /// it and the module docs.
    #[test]
    fn which_decoders_honour_max_alloc_themselves() {
        for (format, bytes) in samples() {
            let probe = probe(&bytes, format, 10).unwrap();
            let result = decode_unchecked(&bytes, format, &probe, 1000, 1 << 20);
            match format {
                InputFormat::Jpeg => assert!(
                    matches!(&result, Err(Refusal::Corrupt(m)) if m.contains("exceeds maximum")),
                    "{:?}",
                    result.as_ref().err()
                ),
                _ => assert!(
                    result.as_ref().is_ok_and(|d| d.raster.data.len() > 1 << 20),
                    "{format:?} now stops by itself: {:?}",
                    result.as_ref().err()
                ),
            }
        }
    }

    #[test]
    fn jpeg_scale_keeps_at_least_the_needed_width() {
        assert_eq!(jpeg_scale(6000, 1920), 4); // 3000 px
        assert_eq!(jpeg_scale(6000, 3001), 8);
        assert_eq!(jpeg_scale(6000, 750), 1); // 750 px
        assert_eq!(jpeg_scale(6000, 751), 2);
        assert_eq!(jpeg_scale(100, 100), 8);
    }
}
