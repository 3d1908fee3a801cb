//! The site's media settings: the optional `[media]` table of `.desk/site.toml`. Owns the
//! defaults (widths 480/960/1920, JPEG + WebP, 2560 px masters, `static/images`) and the
//! checks of a table someone wrote by hand. Never touches a file.

use serde::{Deserialize, Serialize};

/// An output format of the responsive variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OutputFormat {
    Jpeg,
    Webp,
}

impl OutputFormat {
    pub fn extension(self) -> &'static str {
        match self {
            OutputFormat::Jpeg => "jpg",
            OutputFormat::Webp => "webp",
        }
    }
}

/// A metadata field the site chooses to keep in written images. Everything else (GPS above
/// all, camera serial numbers, dates, thumbnails, XMP, IPTC, maker notes) is always dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum KeepTag {
    /// EXIF `Copyright` (0x8298).
    Copyright,
    /// EXIF `Artist` (0x013B): the photographer.
    Creator,
}

/// `[media]` in `.desk/site.toml`. Every key is optional; an absent table means the defaults.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct MediaSettings {
    /// Site-relative folder for images of flat entries (and of all entries when `bundle` is
    /// false), e.g. `static/images`.
    pub folder: String,
    /// The URL path under which `folder` is served; defaults to the part after `static/`
    /// (`static/images` -> `/images`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Whether an entry laid out as a page bundle (`slug/index.md`) keeps its images beside
    /// its text, referenced by relative paths.
    pub bundle: bool,
    /// Widths of the responsive variants in pixels. Never upscaled: a narrower photo gets its
    /// own width instead of the widths it cannot fill.
    pub widths: Vec<u32>,
    pub formats: Vec<OutputFormat>,
    /// The longest edge any written image may have (the master size), in pixels.
    pub max_size: u32,
    /// JPEG quality, 1–100 (libjpeg scale).
    pub jpeg_quality: u8,
    /// WebP quality, 1–100 (libwebp scale).
    pub webp_quality: u8,
    /// Metadata fields copied from the original into every written image.
    pub keep_metadata: Vec<KeepTag>,
    /// Largest image accepted, in pixels (width × height of the original).
    pub max_pixels: u64,
    /// Largest file accepted, in megabytes.
    pub max_file_mb: u32,
    /// Most frames an animated GIF may have (only its first frame is kept).
    pub max_frames: u32,
}

impl Default for MediaSettings {
    fn default() -> Self {
        MediaSettings {
            folder: "static/images".into(),
            url: None,
            bundle: true,
            widths: vec![480, 960, 1920],
            formats: vec![OutputFormat::Jpeg, OutputFormat::Webp],
            max_size: 2560,
            jpeg_quality: 80,
            webp_quality: 80,
            keep_metadata: Vec::new(),
            // 64 MP: every full-frame camera up to 61 MP; medium format must be exported
            // smaller first. Bounds the decoder's memory (see `media` module docs).
            max_pixels: 64_000_000,
            max_file_mb: 64,
            max_frames: 500,
        }
    }
}

impl MediaSettings {
    /// Whether these are the defaults (the schema writer leaves the table out then).
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }

    /// The URL path of `folder`, without a trailing slash: `/images`.
    pub fn url_base(&self) -> String {
        let url = match &self.url {
            Some(url) => url.clone(),
            None => match self.folder.strip_prefix("static") {
                Some(rest) => rest.to_owned(),
                None => format!("/{}", self.folder),
            },
        };
        let url = url.trim_end_matches('/');
        if url.starts_with('/') {
            url.to_owned()
        } else {
            format!("/{url}")
        }
    }

    /// What is wrong with a hand-written table, in words, or `None`.
    pub fn problem(&self) -> Option<String> {
        if self.url.is_none() && !self.folder.starts_with("static/") {
            return Some(format!(
                "media folder \"{}\" is not under static/, so give its web address as media.url",
                self.folder
            ));
        }
        if self.widths.is_empty() {
            return Some("media.widths is empty; name at least one width".into());
        }
        if let Some(w) = self
            .widths
            .iter()
            .find(|&&w| !(16..=self.max_size).contains(&w))
        {
            return Some(format!(
                "media.widths has {w}; widths must be between 16 and media.max_size ({})",
                self.max_size
            ));
        }
        if !(64..=16384).contains(&self.max_size) {
            return Some("media.max_size must be between 64 and 16384 pixels".into());
        }
        if self.formats.is_empty() {
            return Some("media.formats is empty; name jpeg, webp or both".into());
        }
        for (name, q) in [
            ("jpeg_quality", self.jpeg_quality),
            ("webp_quality", self.webp_quality),
        ] {
            if !(1..=100).contains(&q) {
                return Some(format!("media.{name} must be between 1 and 100"));
            }
        }
        if self.max_pixels < 1_000_000 || self.max_pixels > 200_000_000 {
            return Some("media.max_pixels must be between 1000000 and 200000000".into());
        }
        if self.max_file_mb == 0 || self.max_file_mb > 512 {
            return Some("media.max_file_mb must be between 1 and 512".into());
        }
        if self.max_frames == 0 {
            return Some("media.max_frames must be at least 1".into());
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_serve_static_images_at_images() {
        let s = MediaSettings::default();
        assert_eq!(s.problem(), None);
        assert_eq!(s.url_base(), "/images");
    }

    #[test]
    fn a_folder_outside_static_needs_a_url() {
        let s = MediaSettings {
            folder: "assets/img".into(),
            ..MediaSettings::default()
        };
        assert!(s.problem().unwrap().contains("media.url"));
        let s = MediaSettings {
            url: Some("img/".into()),
            ..s
        };
        assert_eq!(s.problem(), None);
        assert_eq!(s.url_base(), "/img");
    }

    #[test]
    fn widths_above_the_master_size_are_refused() {
        let s = MediaSettings {
            widths: vec![480, 4000],
            ..MediaSettings::default()
        };
        assert!(s.problem().unwrap().contains("4000"));
    }
}

/// How an image in the body is written (`[images]` of `.desk/site.toml`, wt-images).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ImageMarkup {
    /// Plain, portable `![alt](src "title")`.
    #[default]
    Markdown,
    /// Hugo's `{{< figure src="…" alt="…" caption="…" >}}` (built into Hugo; themes style it).
    Figure,
}

/// `[images]` in `.desk/site.toml`: `markdown = "figure"` makes new images figure shortcodes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct ImageSettings {
    pub markdown: ImageMarkup,
}

impl ImageSettings {
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }
}
