//! Importing images as the editor does: real photos in, responsive variants out, named by
//! content, upright, in sRGB, without metadata (checked by exiftool, an independent reader),
//! with progress, cancellation, and the CLI.

mod common;
mod media_support;

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use common::path_key;
use desk::api::types::{ImageFormat, ImportReport};
use media_support::*;

const ARTICLE: &str = "content/articles/winter-crossing-kirkenes.md";
/// The photo the demo site ships with (in `static/images`).
const DEMO_PHOTO: &str = "bridge-cables-over-estuary.jpg";

fn import(site: &Site, entry: &str, files: &[PathBuf]) -> ImportReport {
    site.world
        .desk
        .import_images(&path_key(entry), files, &|_| {}, &AtomicBool::new(false))
        .unwrap()
}

fn decode(path: &std::path::Path) -> image::RgbImage {
    read_rgb(path)
}

#[test]
fn a_real_photo_becomes_every_width_in_jpeg_and_webp_never_upscaled() {
    let site = Site::new();
    let report = import(&site, ARTICLE, &[fixture("seeding-640.jpg")]);
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    let image = &report.images[0];
    // 640 px wide: 480 fits; 960 and 1920 would be upscaled, so the photo's own 640 instead.
    let sizes: Vec<_> = image
        .variants
        .iter()
        .map(|v| (v.width, v.height, v.format))
        .collect();
    assert_eq!(
        sizes,
        [
            (480, 270, ImageFormat::Jpeg),
            (480, 270, ImageFormat::Webp),
            (640, 360, ImageFormat::Jpeg),
            (640, 360, ImageFormat::Webp),
        ]
    );
    assert_eq!(image.src, format!("/images/{}-640.jpg", image.hash));
    assert_eq!((image.width, image.height), (640, 360));
    for v in &image.variants {
        let file = site.file(&v.path);
        assert!(v.path.starts_with("static/images/"), "{}", v.path);
        assert_eq!(std::fs::metadata(&file).unwrap().len(), v.bytes);
        // Read back by an independent decoder, at the size reported.
        let img = read_rgb(&file);
        assert_eq!((img.width(), img.height()), (v.width, v.height));
    }
    // The pixels are the photo's: the sky (top) is brighter than the grass (bottom).
    let big = decode(&site.file(&image.variants[2].path));
    let luma = |y: u32| {
        (0..big.width())
            .map(|x| {
                let p = big.get_pixel(x, y);
                u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2])
            })
            .sum::<u32>()
    };
    assert!(luma(5) > luma(350) * 2, "{} vs {}", luma(5), luma(350));
}

#[test]
fn the_same_photo_is_stored_once() {
    let site = Site::new();
    let first = import(&site, ARTICLE, &[fixture("seeding-640.jpg")]);
    let copy = site.world._dir.path().join("renamed copy.jpg");
    std::fs::copy(fixture("seeding-640.jpg"), &copy).unwrap();
    let before: Vec<_> = std::fs::read_dir(site.file("static/images"))
        .unwrap()
        .collect();
    let second = import(
        &site,
        "content/interviews/asa-kuoljok-health-at-a-distance.md",
        &[copy],
    );
    let after: Vec<_> = std::fs::read_dir(site.file("static/images"))
        .unwrap()
        .collect();
    assert_eq!(before.len(), after.len());
    assert!(second.images[0].reused && !first.images[0].reused);
    assert_eq!(first.images[0].variants, second.images[0].variants);
}

#[test]
fn a_page_bundle_entry_keeps_its_images_beside_its_text() {
    let mut site = Site::new();
    // Turn the articles into page bundles and make one.
    let schema = site.file(".desk/site.toml");
    let text = std::fs::read_to_string(&schema).unwrap();
    let text = text.replacen("layout = \"flat\"", "layout = \"bundle\"", 1);
    std::fs::write(&schema, text).unwrap();
    std::fs::create_dir_all(site.file("content/articles/ice-road")).unwrap();
    std::fs::write(
        site.file("content/articles/ice-road/index.md"),
        "---\ntitle: Ice road\n---\n\nText\n",
    )
    .unwrap();
    site.set_media("widths = [320]\nformats = [\"webp\"]\n");
    let report = import(
        &site,
        "content/articles/ice-road/index.md",
        &[fixture("seeding-640.jpg")],
    );
    let v = &report.images[0].variants;
    assert_eq!(v.len(), 1);
    assert_eq!(
        v[0].path,
        format!(
            "content/articles/ice-road/{}-320.webp",
            report.images[0].hash
        )
    );
    assert_eq!(v[0].src, format!("{}-320.webp", report.images[0].hash));
    assert_eq!(
        (v[0].width, v[0].height, v[0].format),
        (320, 180, ImageFormat::Webp)
    );
    assert!(site.file(&v[0].path).is_file());
}

#[test]
fn gps_and_all_other_metadata_are_gone_from_every_written_file() {
    let site = Site::new();
    let dir = site.world._dir.path().to_path_buf();
    // A real photo carrying a real iPhone's metadata block (GPS included), as JPEG, PNG, WebP.
    let tagged = dir.join("tagged.jpg");
    std::fs::copy(fixture("seeding-640.jpg"), &tagged).unwrap();
    let rgba = image::DynamicImage::ImageRgb8(read_rgb(&tagged)).into_rgba8();
    let as_png = dir.join("tagged.png");
    std::fs::write(&as_png, png(640, 360, rgba.as_raw())).unwrap();
    let as_webp = dir.join("tagged.webp");
    let rgb = read_rgb(&tagged);
    std::fs::write(&as_webp, webp_lossy(640, 360, rgb.as_raw())).unwrap();
    for f in [&tagged, &as_png, &as_webp] {
        let out = std::process::Command::new("exiftool")
            .args(["-q", "-overwrite_original", "-TagsFromFile"])
            .arg(fixture("exiftool-Apple.jpg"))
            .args(["-all:all", "-Orientation=1", "-n"])
            .arg(f)
            .output()
            .expect("exiftool runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let tags = exiftool(f);
        assert!(
            tags.keys().any(|k| k.ends_with(":GPSLatitude")),
            "the input {} must carry GPS for this test to mean anything: {tags:?}",
            f.display()
        );
    }
    let inputs = [
        tagged,
        as_png,
        as_webp,
        fixture("exiftool-Apple.jpg"),
        fixture("exiftool-GPS.jpg"),
    ];
    let report = import(&site, ARTICLE, &inputs);
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    assert_eq!(report.images.len(), inputs.len());
    let mut checked = 0;
    for v in report.images.iter().flat_map(|i| &i.variants) {
        let tags = exiftool(&site.file(&v.path));
        let carried = carried_tags(&tags);
        assert!(
            carried.is_empty(),
            "{} still carries metadata: {carried:?}",
            v.path
        );
        assert!(
            !tags.keys().any(|k| k.contains("GPS")),
            "{}: {tags:?}",
            v.path
        );
        checked += 1;
    }
    assert_eq!(
        checked,
        5 * 4 - 2 * 2,
        "variants checked (the 8×8 and 120×80 have one size)"
    );
}

#[test]
fn an_allow_list_keeps_only_creator_and_copyright() {
    let mut site = Site::new();
    site.set_media("keep_metadata = [\"creator\", \"copyright\"]\n");
    let photo = site.world._dir.path().join("credited.jpg");
    std::fs::copy(fixture("seeding-640.jpg"), &photo).unwrap();
    let out = std::process::Command::new("exiftool")
        .args(["-q", "-overwrite_original", "-TagsFromFile"])
        .arg(fixture("exiftool-Apple.jpg"))
        .args([
            "-all:all",
            "-Artist=Clemens Engelhardt",
            "-Copyright=CC0 1.0",
        ])
        .arg(&photo)
        .output()
        .unwrap();
    assert!(out.status.success());
    let report = import(&site, ARTICLE, &[photo]);
    for v in &report.images[0].variants {
        let tags = exiftool(&site.file(&v.path));
        let mut carried = carried_tags(&tags);
        carried.retain(|k| {
            !k.starts_with("IFD0:") || !(k.ends_with("Artist") || k.ends_with("Copyright"))
        });
        // The TIFF header exiftool reports for any EXIF block is not metadata of the photo.
        carried.retain(|k| !k.ends_with(":ExifByteOrder"));
        assert!(carried.is_empty(), "{}: {carried:?}", v.path);
        assert_eq!(tags["IFD0:Artist"], "Clemens Engelhardt", "{}", v.path);
        assert_eq!(tags["IFD0:Copyright"], "CC0 1.0", "{}", v.path);
    }
}

/// The upright test picture: top-left red, top-right green, bottom-left blue, bottom-right
/// white, 64×48.
fn quadrant(x: u32, y: u32) -> [u8; 3] {
    match (x < 32, y < 24) {
        (true, true) => [255, 0, 0],
        (false, true) => [0, 255, 0],
        (true, false) => [0, 0, 255],
        (false, false) => [255, 255, 255],
    }
}

#[test]
fn all_eight_exif_orientations_come_out_upright() {
    let mut site = Site::new();
    site.set_media("widths = [64]\nformats = [\"jpeg\"]\n");
    let dir = site.world._dir.path().to_path_buf();
    let (w, h) = (64u32, 48u32);
    let mut files = Vec::new();
    for o in 1u16..=8 {
        // Stored pixels such that the camera's tag `o` turns them upright.
        let (sw, sh) = if o >= 5 { (h, w) } else { (w, h) };
        let mut rgb = Vec::new();
        for y in 0..sh {
            for x in 0..sw {
                let (ux, uy) = match o {
                    1 => (x, y),
                    2 => (sw - 1 - x, y),
                    3 => (sw - 1 - x, sh - 1 - y),
                    4 => (x, sh - 1 - y),
                    5 => (y, x),
                    6 => (sh - 1 - y, x),
                    7 => (sh - 1 - y, sw - 1 - x),
                    _ => (y, sw - 1 - x),
                };
                rgb.extend_from_slice(&quadrant(ux, uy));
            }
        }
        let path = dir.join(format!("orientation-{o}.jpg"));
        let bytes = jpeg(
            sw as u16,
            sh as u16,
            &rgb,
            Some(&orientation_block(o)),
            false,
        );
        std::fs::write(&path, bytes).unwrap();
        files.push(path);
    }
    let report = import(&site, ARTICLE, &files);
    assert_eq!(report.images.len(), 8, "{:?}", report.failed);
    for (o, image) in (1..=8).zip(&report.images) {
        let out = decode(&site.file(&image.variants[0].path));
        assert_eq!((out.width(), out.height()), (w, h), "orientation {o}");
        for (x, y) in [(8, 6), (56, 6), (8, 42), (56, 42)] {
            let got = out.get_pixel(x, y).0;
            let want = quadrant(x, y);
            let close = got.iter().zip(want).all(|(g, w)| g.abs_diff(w) < 40);
            assert!(
                close,
                "orientation {o}: pixel ({x},{y}) is {got:?}, want {want:?}"
            );
        }
        let tags = exiftool(&site.file(&image.variants[0].path));
        assert!(
            !tags.contains_key("IFD0:Orientation"),
            "orientation {o}: tag kept"
        );
    }
}

#[test]
fn colours_with_an_adobe_rgb_profile_are_converted_to_srgb() {
    let site = Site::new();
    let icc = std::fs::read(fixture("exiftool-AdobeRGB.icc")).unwrap();
    // A flat Adobe RGB green and a flat grey, as a PNG with an iCCP chunk.
    let (w, h) = (32u32, 16u32);
    let rgba: Vec<u8> = (0..w * h)
        .flat_map(|i| {
            if i % w < 16 {
                [40, 160, 40, 255]
            } else {
                [128, 128, 128, 255]
            }
        })
        .collect();
    let mut bytes = Vec::new();
    let mut encoder = image::codecs::png::PngEncoder::new(&mut bytes);
    image::ImageEncoder::set_icc_profile(&mut encoder, icc).unwrap();
    image::ImageEncoder::write_image(encoder, &rgba, w, h, image::ExtendedColorType::Rgba8)
        .unwrap();
    let path = site.world._dir.path().join("adobe.png");
    std::fs::write(&path, bytes).unwrap();
    let report = import(&site, ARTICLE, &[path]);
    let image = &report.images[0];
    assert!(
        image.notes.iter().any(|n| n.contains("sRGB")),
        "{:?}",
        image.notes
    );
    let webp = image
        .variants
        .iter()
        .find(|v| v.format == ImageFormat::Webp)
        .unwrap();
    let out = decode(&site.file(&webp.path));
    let green = out.get_pixel(4, 8).0;
    let grey = out.get_pixel(28, 8).0;
    // Adobe RGB's green primary lies outside sRGB: the same colour needs a purer sRGB green.
    assert!(
        green[1] > 160 && green[0] < 40 && green[2] < 40,
        "{green:?}"
    );
    // Both spaces share the D65 white and nearly the same tone curve: grey stays grey.
    assert!(grey.iter().all(|&c| c.abs_diff(128) <= 6), "{grey:?}");
    assert!(
        exiftool(&site.file(&webp.path))
            .keys()
            .all(|k| !k.starts_with("ICC"))
    );
}

#[test]
fn progress_is_reported_per_file_and_cancel_stops_the_batch() {
    let site = Site::new();
    let dir = site.world._dir.path().to_path_buf();
    let files: Vec<PathBuf> = (0..6)
        .map(|i| {
            let p = dir.join(format!("p{i}.png"));
            let rgba: Vec<u8> = gradient(300 + i, 200)
                .chunks(3)
                .flat_map(|c| [c[0], c[1], c[2], 255])
                .collect();
            std::fs::write(&p, png(300 + i, 200, &rgba)).unwrap();
            p
        })
        .collect();
    let seen = Mutex::new(Vec::new());
    let report = site
        .world
        .desk
        .import_images(
            &path_key(ARTICLE),
            &files,
            &|p| seen.lock().unwrap().push((p.done, p.total)),
            &AtomicBool::new(false),
        )
        .unwrap();
    assert_eq!(report.images.len(), 6);
    let mut seen = seen.into_inner().unwrap();
    seen.sort();
    assert_eq!(seen, (1..=6).map(|d| (d, 6)).collect::<Vec<_>>());

    // Cancel from the progress callback after the first file: the rest is not imported,
    // and what was finished is complete.
    let cancel = AtomicBool::new(false);
    let more: Vec<PathBuf> = files
        .iter()
        .map(|f| {
            let p = f.with_extension("copy.png");
            let mut bytes = std::fs::read(f).unwrap();
            bytes.extend_from_slice(b"trailing bytes change the hash");
            std::fs::write(&p, bytes).unwrap();
            p
        })
        .collect();
    let report = site
        .world
        .desk
        .import_images(
            &path_key(ARTICLE),
            &more,
            &|_| cancel.store(true, Ordering::Relaxed),
            &cancel,
        )
        .unwrap();
    assert!(report.cancelled);
    assert!(report.images.len() < 6, "{} imported", report.images.len());
    for v in report.images.iter().flat_map(|i| &i.variants) {
        assert_eq!(read_rgb(&site.file(&v.path)).width(), v.width);
    }
    // The demo site's own photo is there from the start.
    let names: Vec<String> = std::fs::read_dir(site.file("static/images"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != DEMO_PHOTO)
        .collect();
    assert!(
        names.iter().all(|n| !n.starts_with('.')),
        "temp files left: {names:?}"
    );
    assert_eq!(names.len(), (6 + report.images.len()) * 2, "{names:?}");
}

#[test]
fn media_check_finds_missing_alt_missing_files_and_unused_images() {
    let site = Site::new();
    let report = import(
        &site,
        ARTICLE,
        &[fixture("seeding-640.jpg"), fixture("exiftool-GPS.jpg")],
    );
    let used = &report.images[0];
    let entry = site.file("content/articles/youth-forum-lulea.md");
    let mut text = std::fs::read_to_string(&entry).unwrap();
    text.push_str(&format!(
        "\n![]({})\n\n![A dandelion field](/images/{}-480.webp)\n\n![Gone](/images/nothing-here.jpg)\n",
        used.src, used.hash
    ));
    std::fs::write(&entry, text).unwrap();
    let check = site.world.desk.media_check().unwrap();
    let entry_rel = "content/articles/youth-forum-lulea.md";
    assert!(
        check
            .without_alt
            .iter()
            .any(|r| r.entry == entry_rel && r.src == used.src)
    );
    assert!(
        check
            .missing
            .iter()
            .any(|r| r.src == "/images/nothing-here.jpg"
                && r.file.as_deref() == Some("static/images/nothing-here.jpg"))
    );
    let unused_gps = report.images[1]
        .variants
        .iter()
        .all(|v| check.unused.contains(&v.path));
    assert!(unused_gps, "{:?}", check.unused);
    // Every size of the used import counts as used, not just the one referenced.
    for v in &used.variants {
        assert!(!check.unused.contains(&v.path), "{}", v.path);
        let file = check.images.iter().find(|i| i.path == v.path).unwrap();
        assert_eq!(file.used_by, [entry_rel]);
    }
}

#[test]
fn the_cli_prints_each_written_file_and_checks_media() {
    let site = Site::new();
    let exe = env!("CARGO_BIN_EXE_desk");
    let out = std::process::Command::new(exe)
        .arg("--data-dir")
        .arg(&site.world.data)
        .args(["media", "add", "--site"])
        .arg(site.root())
        .args(["--entry", ARTICLE])
        .arg(fixture("seeding-640.jpg"))
        .arg(fixture("pillow-ultrahdr-truncated.jpg"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    let lines: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("static/images/"))
        .collect();
    assert_eq!(lines.len(), 4, "{stdout}");
    for line in &lines {
        let cols: Vec<&str> = line.split('\t').collect();
        let bytes: u64 = cols[2].trim_end_matches(" bytes").parse().unwrap();
        assert_eq!(
            std::fs::metadata(site.file(cols[0])).unwrap().len(),
            bytes,
            "{line}"
        );
        assert!(cols[1] == "480x270" || cols[1] == "640x360", "{line}");
    }
    assert!(stdout.contains("1 imported, 1 refused"), "{stdout}");
    assert!(
        stderr.contains("pillow-ultrahdr-truncated.jpg was not imported")
            && stderr.contains("JPEG"),
        "{stderr}"
    );
    let out = std::process::Command::new(exe)
        .arg("--data-dir")
        .arg(&site.world.data)
        .args(["media", "check", "--site"])
        .arg(site.root())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("unused image"), "{stdout}");
    // The four written files and the demo's own photo.
    assert!(stdout.contains("5 images"), "{stdout}");
}
