//! Hostile and broken input: decompression bombs of every format, a progressive JPEG whose
//! header asks for hundreds of MB, thousands of GIF frames, truncated and corrupt files,
//! lying extensions, SVG and HEIC. Each is refused with a message naming the file and the
//! reason, and the bombs are refused by the real CLI under a 1 GiB address-space limit, so
//! an attempt to allocate their claimed size would abort the process instead of passing.

mod common;
mod media_support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::AtomicBool;

use common::path_key;
use media_support::*;

const ARTICLE: &str = "content/articles/winter-crossing-kirkenes.md";

/// A PNG whose IHDR claims `w`×`h` with a ~1 KB IDAT of zeros (a 1 KB "100,000² px" file).
fn png_bomb(w: u32, h: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1A\n".to_vec();
    let mut chunk = |kind: &[u8], data: &[u8]| {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        out.extend_from_slice(&body);
        out.extend_from_slice(&crc32(&body).to_be_bytes());
    };
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]); // 8-bit RGBA
    chunk(b"IHDR", &ihdr);
    // A zlib stream of a stored... of zeros: deflate of 1 MB zeros is ~1 KB.
    let zeros = vec![0u8; 1 << 20];
    let mut z = Vec::new();
    image::ImageEncoder::write_image(
        image::codecs::png::PngEncoder::new(&mut z),
        &zeros,
        1024,
        256,
        image::ExtendedColorType::Rgba8,
    )
    .unwrap();
    // Reuse the IDAT payload of a real PNG of zeros.
    let idat_at = z.windows(4).position(|w| w == b"IDAT").unwrap();
    let len = u32::from_be_bytes(z[idat_at - 4..idat_at].try_into().unwrap()) as usize;
    chunk(b"IDAT", &z[idat_at + 4..idat_at + 4 + len]);
    chunk(b"IEND", &[]);
    out
}

/// A JPEG whose frame header (SOF) is patched to claim `w`×`h`.
fn jpeg_claiming(w: u16, h: u16, progressive: bool) -> Vec<u8> {
    let mut bytes = jpeg(16, 16, &gradient(16, 16), None, progressive);
    let sof = bytes
        .windows(2)
        .position(|m| m == [0xFF, 0xC0] || m == [0xFF, 0xC2])
        .unwrap();
    bytes[sof + 5..sof + 7].copy_from_slice(&h.to_be_bytes());
    bytes[sof + 7..sof + 9].copy_from_slice(&w.to_be_bytes());
    bytes
}

/// A lossy WebP whose VP8 frame header claims 16383×16383.
fn webp_bomb() -> Vec<u8> {
    let mut bytes = webp_lossy(16, 16, &gradient(16, 16));
    assert_eq!(&bytes[12..16], b"VP8 ");
    bytes[26..28].copy_from_slice(&16383u16.to_le_bytes());
    bytes[28..30].copy_from_slice(&16383u16.to_le_bytes());
    bytes
}

struct Case {
    name: &'static str,
    bytes: Vec<u8>,
    /// Words the refusal must contain (besides the file name).
    reason: &'static str,
}

fn cases() -> Vec<Case> {
    let photo = std::fs::read(fixture("seeding-640.jpg")).unwrap();
    let mut corrupt = photo[..400].to_vec();
    corrupt.extend(std::iter::repeat_n(0x5Au8, 4000));
    vec![
        Case { name: "png-100000x100000.png", bytes: png_bomb(100_000, 100_000), reason: "100000×100000 pixels" },
        Case { name: "jpeg-65500x65500.jpg", bytes: jpeg_claiming(65500, 65500, false), reason: "65500×65500 pixels" },
        Case { name: "webp-16383x16383.webp", bytes: webp_bomb(), reason: "16383×16383 pixels" },
        Case { name: "gif-65535-screen.gif", bytes: gif(65535, 65535, 1, 1, 1), reason: "65535×65535 pixels" },
        Case { name: "gif-5000-frames.gif", bytes: gif(8, 8, 8, 8, 5000), reason: "more than 500 frames" },
        // Within the pixel limit, but its header makes jpeg-decoder allocate 8000×8000×3
        // coefficients for scans that are not there (the file has no end marker after them).
        Case { name: "progressive-8000.jpg", bytes: { let mut b = jpeg_claiming(8000, 8000, true); b.truncate(b.len() - 2); b }, reason: "truncated" },
        Case { name: "half-a-photo.jpg", bytes: photo[..photo.len() / 2].to_vec(), reason: "not a readable JPEG" },
        Case { name: "half-a-progressive-photo.jpg", bytes: { let p = jpeg(640, 360, &gradient(640, 360), None, true); p[..p.len() / 2].to_vec() }, reason: "truncated" },
        Case { name: "garbage-after-header.jpg", bytes: corrupt, reason: "not a readable JPEG" },
        Case { name: "truncated.png", bytes: png(64, 64, &[7; 64 * 64 * 4])[..200].to_vec(), reason: "not a readable PNG" },
        Case { name: "drawing.jpg", bytes: b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".to_vec(), reason: "SVG" },
        Case { name: "IMG_0001.jpg", bytes: b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec(), reason: "HEIC" },
        Case { name: "empty.png", bytes: Vec::new(), reason: "empty file" },
        Case { name: "notes.webp", bytes: b"Minutes of the meeting".to_vec(), reason: "not an image" },
    ]
}

fn write_cases(dir: &Path) -> Vec<(Case, PathBuf)> {
    cases()
        .into_iter()
        .map(|c| {
            let p = dir.join(c.name);
            std::fs::write(&p, &c.bytes).unwrap();
            (c, p)
        })
        .collect()
}

#[test]
fn bombs_and_broken_files_are_refused_with_the_file_and_the_reason() {
    let site = Site::new();
    let cases = write_cases(site.world._dir.path());
    for (c, _) in &cases {
        assert!(
            c.bytes.len() < 200_000,
            "{} is {} bytes",
            c.name,
            c.bytes.len()
        );
    }
    let files: Vec<PathBuf> = cases.iter().map(|(_, p)| p.clone()).collect();
    let report = site
        .world
        .desk
        .import_images(&path_key(ARTICLE), &files, &|_| {}, &AtomicBool::new(false))
        .unwrap();
    assert!(report.images.is_empty(), "{:?}", report.images);
    assert_eq!(report.failed.len(), cases.len());
    for ((c, _), failure) in cases.iter().zip(&report.failed) {
        let message = &failure.error.message;
        assert!(message.starts_with(c.name), "{}: {message}", c.name);
        assert!(message.contains(c.reason), "{}: {message}", c.name);
        assert!(
            failure.error.code.starts_with("media_"),
            "{}: {}",
            c.name,
            failure.error.code
        );
    }
    // Nothing written: only the demo site's own photo is in the media folder.
    let left: Vec<String> = std::fs::read_dir(site.file("static/images"))
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n != "bridge-cables-over-estuary.jpg")
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(left, Vec::<String>::new());
}

#[test]
fn a_file_whose_extension_lies_is_read_by_what_it_is() {
    let site = Site::new();
    let path = site.world._dir.path().join("really-a-png.jpg");
    let rgba: Vec<u8> = gradient(50, 40)
        .chunks(3)
        .flat_map(|c| [c[0], c[1], c[2], 255])
        .collect();
    std::fs::write(&path, png(50, 40, &rgba)).unwrap();
    let report = site
        .world
        .desk
        .import_images(
            &path_key(ARTICLE),
            &[path],
            &|_| {},
            &AtomicBool::new(false),
        )
        .unwrap();
    assert_eq!(
        report.images[0].variants[0].width, 50,
        "{:?}",
        report.failed
    );
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    let mut site = Site::new();
    site.set_media("max_file_mb = 1\n");
    let path = site.world._dir.path().join("huge.jpg");
    let mut bytes = std::fs::read(fixture("seeding-640.jpg")).unwrap();
    bytes.resize(3 << 20, 0);
    std::fs::write(&path, bytes).unwrap();
    let report = site
        .world
        .desk
        .import_images(
            &path_key(ARTICLE),
            &[path],
            &|_| {},
            &AtomicBool::new(false),
        )
        .unwrap();
    let message = &report.failed[0].error.message;
    assert!(
        message.contains("huge.jpg") && message.contains("3 MB") && message.contains("1 MB"),
        "{message}"
    );
}

/// The CLI under `ulimit -v` (address space, 1 GiB): the claimed sizes of the bombs (40 GB,
/// 17 GB, 1 GB, 17 GB) cannot even be reserved, so a decoder that tried would abort the
/// process; a clean refusal (exit code 1, a message) proves none did. A real photo goes
/// through under the same limit, so the limit is not what refuses.
#[test]
fn bombs_are_refused_within_a_one_gib_address_space() {
    let site = Site::new();
    let dir = site.world._dir.path().to_path_buf();
    let cases = write_cases(&dir);
    let run = |file: &Path| {
        Command::new("sh")
            .arg("-c")
            .arg("ulimit -v 1048576 && exec \"$0\" \"$@\"")
            .arg(env!("CARGO_BIN_EXE_desk"))
            .arg("--data-dir")
            .arg(&site.world.data)
            .args(["media", "add", "--site"])
            .arg(site.root())
            .args(["--entry", ARTICLE])
            .arg(file)
            .output()
            .unwrap()
    };
    for (c, path) in cases.iter().take(6) {
        let out = run(path);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{}: {stderr}", c.name);
        assert!(
            stderr.contains(c.name) && stderr.contains(c.reason),
            "{}: {stderr}",
            c.name
        );
    }
    let out = run(&fixture("seeding-640.jpg"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // An 8000×8000 progressive header over 16×16 px of scans (with its end marker): the
    // decoder really allocates the full coefficient buffers (~384 MB) and fills the rest with
    // grey. It fits the memory budget, so it is decoded, within the same 1 GiB.
    let big = dir.join("progressive-8000-complete.jpg");
    std::fs::write(&big, jpeg_claiming(8000, 8000, true)).unwrap();
    let out = run(&big);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("1920x1920"));
}
