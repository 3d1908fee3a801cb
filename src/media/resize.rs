//! Which sizes to write, and making them. A photo is never upscaled: widths it cannot fill
//! are replaced by its own width (once), and nothing exceeds the master size on its long
//! edge. Resizing is Lanczos3 with fast_image_resize (SIMD: AVX2/SSE4.1/NEON chosen at run
//! time), alpha premultiplied; each variant is made from the next larger one, so a 24 MP
//! photo is filtered once at full cost and the small sizes cost little.

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};

use super::decode::Raster;

/// Output sizes for an upright image of `width` × `height`: for each requested width, the
/// size that fits `width` across and `max_size` on the long edge, never larger than the
/// image, deduplicated, smallest first.
pub fn plan(width: u32, height: u32, widths: &[u32], max_size: u32) -> Vec<(u32, u32)> {
    if width == 0 || height == 0 {
        return Vec::new();
    }
    let fit = |w: u32| -> (u32, u32) {
        let mut w = w.min(width);
        let mut h = scale(height, w, width);
        if w.max(h) > max_size {
            if w >= h {
                w = max_size;
                h = scale(height, w, width);
            } else {
                h = max_size;
                w = scale(width, h, height);
            }
        }
        (w.max(1), h.max(1))
    };
    let mut sizes: Vec<(u32, u32)> = widths.iter().map(|&w| fit(w)).collect();
    sizes.sort_unstable();
    sizes.dedup();
    sizes
}

/// `value * num / den`, rounded, in 64 bits.
fn scale(value: u32, num: u32, den: u32) -> u32 {
    ((u64::from(value) * u64::from(num) + u64::from(den) / 2) / u64::from(den.max(1))) as u32
}

/// The variants of `source` at `sizes` (as from [`plan`], smallest first), each resized from
/// the next larger one.
pub fn variants(source: &Raster, sizes: &[(u32, u32)]) -> Result<Vec<Raster>, String> {
    let mut resizer = Resizer::new();
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    let pixel = if source.alpha {
        PixelType::U8x4
    } else {
        PixelType::U8x3
    };
    let mut out: Vec<Raster> = Vec::with_capacity(sizes.len());
    for &(w, h) in sizes.iter().rev() {
        let from = out.last().unwrap_or(source);
        if (from.width, from.height) == (w, h) {
            out.push(from.clone());
            continue;
        }
        let src = ImageRef::new(from.width, from.height, &from.data, pixel)
            .map_err(|e| format!("the image could not be resized: {e}"))?;
        let mut dst = Image::new(w, h, pixel);
        resizer
            .resize(&src, &mut dst, &options)
            .map_err(|e| format!("the image could not be resized: {e}"))?;
        out.push(Raster {
            width: w,
            height: h,
            alpha: source.alpha,
            data: dst.into_vec(),
        });
    }
    out.reverse();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIDTHS: [u32; 3] = [480, 960, 1920];

    #[test]
    fn a_large_landscape_gets_every_width() {
        assert_eq!(
            plan(6000, 4000, &WIDTHS, 2560),
            [(480, 320), (960, 640), (1920, 1280)]
        );
    }

    #[test]
    fn never_upscaled_a_small_photo_keeps_its_own_width_once() {
        assert_eq!(plan(800, 600, &WIDTHS, 2560), [(480, 360), (800, 600)]);
        assert_eq!(plan(300, 200, &WIDTHS, 2560), [(300, 200)]);
    }

    #[test]
    fn the_long_edge_of_a_portrait_stays_within_the_master_size() {
        assert_eq!(
            plan(3000, 4000, &WIDTHS, 2560),
            [(480, 640), (960, 1280), (1920, 2560)]
        );
        // A tall panorama: 1000 px wide but 5000 px high.
        assert_eq!(plan(1000, 5000, &WIDTHS, 2560), [(480, 2400), (512, 2560)]);
    }

    #[test]
    fn resizing_gives_the_planned_sizes() {
        let source = Raster {
            width: 64,
            height: 32,
            alpha: true,
            data: vec![200; 64 * 32 * 4],
        };
        let sizes = plan(64, 32, &[16, 32, 100], 2560);
        let out = variants(&source, &sizes).unwrap();
        let got: Vec<_> = out
            .iter()
            .map(|r| (r.width, r.height, r.data.len()))
            .collect();
        assert_eq!(got, [(16, 8, 512), (32, 16, 2048), (64, 32, 8192)]);
        assert!(out[0].data.iter().all(|&v| v == 200));
    }
}
