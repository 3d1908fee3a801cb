//! The focal point of an image field: where the picture must stay in view when a theme crops
//! it. Stored in front matter as CSS `object-position` percentages, `"40% 30%"` (x from the
//! left, y from the top), because that is what a Hugo theme can use without arithmetic:
//! `style="object-position: {{ .Params.cover_focal | default "50% 50%" }}"` — Hugo templates
//! cannot easily split and scale a `"0.4,0.3"` pair, and a nested map would break themes that
//! read `.Params.cover` as a string. Owns reading and writing that form; nothing else.

/// `(x, y)` in percent, each 0–100, from `"40% 30%"` (spaces around are allowed, at most one
/// decimal place is kept).
pub fn parse(text: &str) -> Option<(f32, f32)> {
    let mut parts = text.split_whitespace();
    let (x, y) = (parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let percent = |p: &str| -> Option<f32> {
        let v: f32 = p.strip_suffix('%')?.parse().ok()?;
        (v.is_finite() && (0.0..=100.0).contains(&v)).then_some(v)
    };
    Some((percent(x)?, percent(y)?))
}

/// The stored form of a point (clamped to 0–100, rounded to whole percent).
pub fn format(x: f32, y: f32) -> String {
    let clamp = |v: f32| v.clamp(0.0, 100.0).round() as u32;
    format!("{}% {}%", clamp(x), clamp(y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_css_percentages() {
        assert_eq!(parse("40% 30%"), Some((40.0, 30.0)));
        assert_eq!(parse(" 0% 100% "), Some((0.0, 100.0)));
        assert_eq!(parse("12.5% 7%"), Some((12.5, 7.0)));
        for bad in [
            "0.4,0.3",
            "40 30",
            "40%",
            "40% 30% 1%",
            "101% 0%",
            "-1% 5%",
            "NaN% 1%",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        assert_eq!(format(40.4, 29.6), "40% 30%");
        assert_eq!(format(-3.0, 140.0), "0% 100%");
    }
}
