//! Helpers shared by the `media_*` tests (`mod media_support;`): a site to import into,
//! images made in the test (so bombs and odd files need no fixtures), and exiftool as the
//! independent reader of what was written.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/images")
        .join(name)
}

/// A 2-band gradient photo-like RGB image of `w`×`h`.
pub fn gradient(w: u32, h: u32) -> Vec<u8> {
    (0..h)
        .flat_map(|y| {
            (0..w).flat_map(move |x| [(x * 255 / w.max(1)) as u8, (y * 255 / h.max(1)) as u8, 90])
        })
        .collect()
}

pub fn jpeg(w: u16, h: u16, rgb: &[u8], exif: Option<&[u8]>, progressive: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let mut e = jpeg_encoder::Encoder::new(&mut out, 90);
    e.set_progressive(progressive);
    if let Some(block) = exif {
        e.add_exif_metadata(block).unwrap();
    }
    e.encode(rgb, w, h, jpeg_encoder::ColorType::Rgb).unwrap();
    out
}

pub fn png(w: u32, h: u32, rgba: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    image::ImageEncoder::write_image(
        image::codecs::png::PngEncoder::new(&mut out),
        rgba,
        w,
        h,
        image::ExtendedColorType::Rgba8,
    )
    .unwrap();
    out
}

pub fn webp_lossy(w: u32, h: u32, rgb: &[u8]) -> Vec<u8> {
    webp::Encoder::from_rgb(rgb, w, h)
        .encode_simple(false, 80.0)
        .unwrap()
        .to_vec()
}

/// A GIF of `frames` frames of `w`×`h` on a `screen_w`×`screen_h` logical screen.
pub fn gif(screen_w: u16, screen_h: u16, w: u16, h: u16, frames: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let palette = [0u8, 0, 0, 255, 255, 255];
        let mut e = gif::Encoder::new(&mut out, screen_w, screen_h, &palette).unwrap();
        for i in 0..frames {
            let f = gif::Frame {
                width: w,
                height: h,
                buffer: std::borrow::Cow::Owned(vec![
                    (i % 2) as u8;
                    usize::from(w) * usize::from(h)
                ]),
                ..Default::default()
            };
            e.write_frame(&f).unwrap();
        }
    }
    out
}

/// An EXIF block (TIFF, without `Exif\0\0`) holding only an orientation.
pub fn orientation_block(o: u16) -> Vec<u8> {
    let mut b = b"II*\0\x08\0\0\0\x01\0".to_vec();
    b.extend_from_slice(&0x0112u16.to_le_bytes());
    b.extend_from_slice(&3u16.to_le_bytes());
    b.extend_from_slice(&1u32.to_le_bytes());
    b.extend_from_slice(&o.to_le_bytes());
    b.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
    b
}

pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Runs exiftool and returns its JSON for one file: every tag, with its group (`-G1`).
pub fn exiftool(path: &Path) -> serde_json::Map<String, serde_json::Value> {
    let out = Command::new("exiftool")
        .args(["-j", "-a", "-G1", "-u"])
        .arg(path)
        .output()
        .expect("exiftool runs (Debian package libimage-exiftool-perl; `cargo xtask setup` installs it)");
    assert!(
        out.status.success(),
        "exiftool failed on {}",
        path.display()
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v[0].as_object().unwrap().clone()
}

/// Groups of tags that describe the file itself, not metadata it carries.
pub fn carried_tags(tags: &serde_json::Map<String, serde_json::Value>) -> Vec<String> {
    tags.keys()
        .filter(|k| {
            let group = k.split(':').next().unwrap_or_default();
            !matches!(
                group,
                "SourceFile"
                    | "ExifTool"
                    | "System"
                    | "File"
                    | "Composite"
                    | "RIFF"
                    | "VP8"
                    | "VP8L"
                    | "PNG"
                    | "JFIF"
            ) && k.as_str() != "SourceFile"
        })
        .cloned()
        .collect()
}

/// A site to import into: the demo site in a temp data folder, opened.
pub struct Site {
    pub world: super::common::World,
}

impl Site {
    pub fn new() -> Self {
        Site {
            world: super::common::World::new(),
        }
    }

    pub fn root(&self) -> PathBuf {
        self.world.site()
    }

    /// Appends `[media]` keys to the site's schema and reopens the site.
    pub fn set_media(&mut self, toml: &str) {
        let schema = self.root().join(".desk/site.toml");
        let mut text = std::fs::read_to_string(&schema).unwrap();
        text.push_str("\n[media]\n");
        text.push_str(toml);
        std::fs::write(&schema, text).unwrap();
        let root = self.root();
        self.world.desk.open_site(&root).unwrap();
    }

    pub fn file(&self, rel: &str) -> PathBuf {
        rel.split('/').fold(self.root(), |p, part| p.join(part))
    }
}

/// Reads any written file back as RGB with a decoder other than the import's encoders:
/// jpeg-decoder for JPEG (the `image` crate here is built without JPEG), `image` otherwise.
pub fn read_rgb(path: &Path) -> image::RgbImage {
    let bytes = std::fs::read(path).unwrap();
    if bytes.starts_with(b"\xFF\xD8") {
        let mut d = jpeg_decoder::Decoder::new(std::io::Cursor::new(&bytes));
        let pixels = d.decode().unwrap();
        let info = d.info().unwrap();
        assert_eq!(info.pixel_format, jpeg_decoder::PixelFormat::RGB24);
        image::RgbImage::from_raw(info.width.into(), info.height.into(), pixels).unwrap()
    } else {
        image::load_from_memory(&bytes).unwrap().into_rgb8()
    }
}
