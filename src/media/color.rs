//! Colour: pixels described by an embedded ICC profile are converted to sRGB, the colour
//! space of the web, so a wide-gamut (Display P3, Adobe RGB) photo does not look washed out
//! once its profile is stripped. Uses qcms, Firefox's colour engine: pure Rust (the profile
//! is hostile input, so no C parser), handles ICC v2/v4 matrix-shaper and LUT profiles,
//! which is what cameras and phones embed. lcms2 would add CMYK proofing and rarer profile
//! types at the price of a C library parsing untrusted bytes.

use super::decode::Raster;

/// What happened to the colours, for the import's notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorOutcome {
    /// No profile, or an sRGB one: nothing to do.
    AlreadySrgb,
    Converted,
    /// A profile qcms could not read or use: pixels are kept as they are (treated as sRGB).
    Unusable,
}

/// Converts `raster` to sRGB in place when `icc` describes another RGB space.
pub fn to_srgb(raster: &mut Raster, icc: Option<&[u8]>) -> ColorOutcome {
    let Some(icc) = icc else {
        return ColorOutcome::AlreadySrgb;
    };
    let Some(profile) = qcms::Profile::new_from_slice(icc, false) else {
        return ColorOutcome::Unusable;
    };
    if profile.is_sRGB() {
        return ColorOutcome::AlreadySrgb;
    }
    let mut srgb = qcms::Profile::new_sRGB();
    srgb.precache_output_transform();
    let kind = if raster.alpha {
        qcms::DataType::RGBA8
    } else {
        qcms::DataType::RGB8
    };
    let transform = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        qcms::Transform::new(&profile, &srgb, kind, qcms::Intent::Perceptual)
    }));
    match transform {
        Ok(Some(t)) => {
            t.apply(&mut raster.data);
            ColorOutcome::Converted
        }
        _ => ColorOutcome::Unusable,
    }
}
