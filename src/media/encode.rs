//! Writing pixels as JPEG (jpeg-encoder: pure Rust, AVX2, optimised Huffman tables, 4:2:0)
//! and WebP (libwebp, lossy; the only mature lossy WebP encoder). What goes into a file is
//! the pixels and, when the site keeps any, a fresh EXIF block holding only the allowed
//! fields: no byte of the original's metadata is ever copied.

use jpeg_encoder::{ColorType, Encoder, SamplingFactor};

use super::decode::Raster;

/// A JPEG of `raster`; transparency is flattened onto white (JPEG has no alpha).
pub fn jpeg(raster: &Raster, quality: u8, exif: Option<&[u8]>) -> Result<Vec<u8>, String> {
    let (w, h) = dims_u16(raster)?;
    let flat;
    let rgb = if raster.alpha {
        flat = flatten_on_white(&raster.data);
        &flat
    } else {
        &raster.data
    };
    let mut out = Vec::with_capacity(raster.data.len() / 8);
    let mut encoder = Encoder::new(&mut out, quality);
    encoder.set_sampling_factor(SamplingFactor::F_2_2);
    encoder.set_optimized_huffman_tables(true);
    if let Some(block) = exif {
        encoder
            .add_exif_metadata(block)
            .map_err(|e| format!("the JPEG could not be written: {e}"))?;
    }
    encoder
        .encode(rgb, w, h, ColorType::Rgb)
        .map_err(|e| format!("the JPEG could not be written: {e}"))?;
    Ok(out)
}

/// A lossy WebP of `raster`, with alpha when it has any.
pub fn webp(raster: &Raster, quality: u8, exif: Option<&[u8]>) -> Result<Vec<u8>, String> {
    dims_u16(raster)?;
    let layout = if raster.alpha {
        webp::PixelLayout::Rgba
    } else {
        webp::PixelLayout::Rgb
    };
    let encoded = webp::Encoder::new(&raster.data, layout, raster.width, raster.height)
        .encode_simple(false, f32::from(quality))
        .map_err(|e| format!("the WebP could not be written: {e:?}"))?;
    let bytes = encoded.to_vec();
    Ok(match exif {
        Some(block) => with_exif_chunk(&bytes, block, raster.width, raster.height)?,
        None => bytes,
    })
}

fn dims_u16(raster: &Raster) -> Result<(u16, u16), String> {
    match (u16::try_from(raster.width), u16::try_from(raster.height)) {
        (Ok(w), Ok(h)) if w > 0 && h > 0 && w < 16384 && h < 16384 => Ok((w, h)),
        _ => Err(format!(
            "an image of {}×{} pixels cannot be written",
            raster.width, raster.height
        )),
    }
}

fn flatten_on_white(rgba: &[u8]) -> Vec<u8> {
    rgba.chunks_exact(4)
        .flat_map(|p| {
            let a = u16::from(p[3]);
            let over = |c: u8| ((u16::from(c) * a + 255 * (255 - a) + 127) / 255) as u8;
            [over(p[0]), over(p[1]), over(p[2])]
        })
        .collect()
}

/// Adds an `EXIF` chunk to a WebP file, turning a simple file (one `VP8 `/`VP8L` chunk) into
/// the extended format (`VP8X` first) that may carry metadata.
fn with_exif_chunk(webp: &[u8], exif: &[u8], width: u32, height: u32) -> Result<Vec<u8>, String> {
    const EXIF_FLAG: u8 = 0x08;
    const ALPHA_FLAG: u8 = 0x10;
    let bad = || "the WebP encoder wrote an unexpected container".to_owned();
    if webp.len() < 20 || &webp[..4] != b"RIFF" || &webp[8..12] != b"WEBP" {
        return Err(bad());
    }
    let first = &webp[12..16];
    let mut body: Vec<u8> = Vec::with_capacity(webp.len() + exif.len() + 32);
    if first == b"VP8X" {
        body.extend_from_slice(&webp[12..]);
        *body.get_mut(8).ok_or_else(bad)? |= EXIF_FLAG;
    } else {
        let alpha = first == b"VP8L" && webp.get(20 + 4).is_some_and(|b| b & 0x10 != 0);
        body.extend_from_slice(b"VP8X");
        body.extend_from_slice(&10u32.to_le_bytes());
        body.push(EXIF_FLAG | if alpha { ALPHA_FLAG } else { 0 });
        body.extend_from_slice(&[0, 0, 0]);
        body.extend_from_slice(&(width - 1).to_le_bytes()[..3]);
        body.extend_from_slice(&(height - 1).to_le_bytes()[..3]);
        body.extend_from_slice(&webp[12..]);
    }
    body.extend_from_slice(b"EXIF");
    body.extend_from_slice(&(exif.len() as u32).to_le_bytes());
    body.extend_from_slice(exif);
    if exif.len() % 2 == 1 {
        body.push(0);
    }
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&((body.len() + 4) as u32).to_le_bytes());
    out.extend_from_slice(b"WEBP");
    out.extend_from_slice(&body);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gradient(w: u32, h: u32, alpha: bool) -> Raster {
        let c = if alpha { 4 } else { 3 };
        let data = (0..w * h)
            .flat_map(|i| {
                let v = (i % 251) as u8;
                [v, 255 - v, 128, 200].into_iter().take(c)
            })
            .collect();
        Raster {
            width: w,
            height: h,
            alpha,
            data,
        }
    }

    #[test]
    fn both_encoders_write_files_their_decoders_read() {
        for alpha in [false, true] {
            let r = gradient(40, 30, alpha);
            let j = jpeg(&r, 80, None).unwrap();
            let img = image::load_from_memory(&webp(&r, 80, None).unwrap()).unwrap();
            assert_eq!((img.width(), img.height()), (40, 30));
            assert!(j.starts_with(b"\xFF\xD8\xFF"));
        }
    }

    #[test]
    fn a_webp_with_kept_metadata_is_still_a_webp() {
        let block = super::super::exif::ExifFacts {
            orientation: None,
            artist: Some("Ola".into()),
            copyright: None,
        }
        .kept_block(&[super::super::settings::KeepTag::Creator])
        .unwrap();
        for alpha in [false, true] {
            let bytes = webp(&gradient(17, 9, alpha), 75, Some(&block)).unwrap();
            let mut d =
                image::codecs::webp::WebPDecoder::new(std::io::Cursor::new(&bytes)).unwrap();
            use image::ImageDecoder;
            let exif = d.exif_metadata().unwrap().unwrap();
            assert_eq!(
                super::super::exif::read(&exif).artist.as_deref(),
                Some("Ola")
            );
            assert_eq!(d.dimensions(), (17, 9));
        }
    }
}
