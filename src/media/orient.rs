//! EXIF orientation: turning the pixels so that every photo is stored upright and needs no
//! tag to be shown right (the tag is stripped with the rest of the metadata).

use image::metadata::Orientation;

use super::decode::Raster;

/// Whether an EXIF orientation swaps width and height (the four 90° cases).
pub fn swaps_axes(orientation: Option<u16>) -> bool {
    matches!(orientation, Some(5..=8))
}

/// Applies EXIF orientation 1–8 to the pixels; anything else leaves them as they are.
pub fn apply(raster: Raster, orientation: Option<u16>) -> Raster {
    let Some(o) = orientation
        .and_then(|o| u8::try_from(o).ok())
        .and_then(Orientation::from_exif)
        .filter(|o| *o != Orientation::NoTransforms)
    else {
        return raster;
    };
    let Raster {
        width,
        height,
        alpha,
        data,
    } = raster;
    let mut image = if alpha {
        match image::RgbaImage::from_raw(width, height, data) {
            Some(i) => image::DynamicImage::ImageRgba8(i),
            None => return empty(),
        }
    } else {
        match image::RgbImage::from_raw(width, height, data) {
            Some(i) => image::DynamicImage::ImageRgb8(i),
            None => return empty(),
        }
    };
    image.apply_orientation(o);
    let (width, height) = (image.width(), image.height());
    let data = if alpha {
        image.into_rgba8().into_raw()
    } else {
        image.into_rgb8().into_raw()
    };
    Raster {
        width,
        height,
        alpha,
        data,
    }
}

/// A raster whose buffer did not match its size cannot be turned; the resizer refuses an
/// empty one with a message, so this never passes silently.
fn empty() -> Raster {
    Raster {
        width: 0,
        height: 0,
        alpha: false,
        data: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 2×1 image, left pixel red, right pixel blue.
    fn red_blue() -> Raster {
        Raster {
            width: 2,
            height: 1,
            alpha: false,
            data: vec![255, 0, 0, 0, 0, 255],
        }
    }

    #[test]
    fn all_eight_orientations() {
        // (orientation, width, height, first pixel is red)
        let cases = [
            (1, 2, 1, true),
            (2, 2, 1, false),
            (3, 2, 1, false),
            (4, 2, 1, true),
            (5, 1, 2, true),
            (6, 1, 2, true),
            (7, 1, 2, false),
            (8, 1, 2, false),
        ];
        for (o, w, h, red_first) in cases {
            let r = apply(red_blue(), Some(o));
            assert_eq!((r.width, r.height), (w, h), "orientation {o}");
            assert_eq!(r.data[0] == 255, red_first, "orientation {o}");
        }
    }
}
