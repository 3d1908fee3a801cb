//! The media library and pasted images, as the window uses them: one item per import (all its
//! sizes), where it is used, alt texts and captions for search, unused pictures flagged; the
//! thumbnail is a real JPEG decoded back by an independent decoder; paths from the window that
//! leave the site, or links out of it, are refused; pasted bytes pass the import's checks and
//! leave no temporary file behind.

mod common;
mod media_support;

use std::sync::atomic::AtomicBool;

use base64::Engine;
use common::path_key;
use media_support::*;

const ARTICLE: &str = "content/articles/youth-forum-lulea.md";

#[test]
fn the_library_groups_an_imports_sizes_and_shows_use_alt_and_caption() {
    let site = Site::new();
    let report = site
        .world
        .desk
        .import_images(
            &path_key(ARTICLE),
            &[fixture("seeding-640.jpg")],
            &|_| {},
            &AtomicBool::new(false),
        )
        .unwrap();
    let image = &report.images[0];
    // Unused at first: imported, not yet in any text.
    let library = site.world.desk.media_library().unwrap();
    let item = library
        .items
        .iter()
        .find(|i| i.path == format!("static/images/{}-640.jpg", image.hash))
        .expect("the import is one item, shown by its largest JPEG");
    assert_eq!(item.files.len(), 4, "two sizes in JPEG and WebP");
    assert_eq!((item.width, item.height), (Some(640), Some(360)));
    assert_eq!(
        item.bytes,
        image.variants.iter().map(|v| v.bytes).sum::<u64>()
    );
    assert!(item.used_by.is_empty());

    // Used in an article with alt text and a caption (a Markdown title).
    let file = site.file(ARTICLE);
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str(&format!(
        "\n![Dandelion clocks]({} \"Seeds by the road, Luleå\")\n",
        image.variants[0].src
    ));
    std::fs::write(&file, text).unwrap();
    let library = site.world.desk.media_library().unwrap();
    let item = library.items.iter().find(|i| i.files.len() == 4).unwrap();
    assert_eq!(item.used_by, [ARTICLE]);
    assert_eq!(item.alts, ["Dandelion clocks"]);
    assert_eq!(item.captions, ["Seeds by the road, Luleå"]);
    assert!(!item.missing_alt);
    // The demo's own photo, with the figure's caption.
    let bridge = library
        .items
        .iter()
        .find(|i| i.name == "bridge-cables-over-estuary.jpg")
        .unwrap();
    assert_eq!(bridge.captions, ["Photo: Sander Klootwijk, CC BY-SA 4.0"]);
    assert_eq!((bridge.width, bridge.height), (Some(960), Some(540)));
}

#[test]
fn a_thumbnail_is_a_small_upright_jpeg_of_the_picture() {
    let site = Site::new();
    let thumb = site
        .world
        .desk
        .media_thumbnail("static/images/bridge-cables-over-estuary.jpg")
        .unwrap();
    assert_eq!((thumb.width, thumb.height), (960, 540));
    let data = thumb
        .data_url
        .strip_prefix("data:image/jpeg;base64,")
        .unwrap();
    let jpeg = base64::engine::general_purpose::STANDARD
        .decode(data)
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.jpg");
    std::fs::write(&path, &jpeg).unwrap();
    let img = read_rgb(&path);
    assert_eq!((img.width(), img.height()), (320, 180));
    // It is the photo: a blue sky above (the top row is bluer than it is red).
    let top = img.get_pixel(160, 5);
    assert!(top[2] > top[0] + 30, "{top:?}");
}

#[test]
fn thumbnails_refuse_paths_outside_the_site_and_links() {
    let site = Site::new();
    let desk = &site.world.desk;
    for bad in [
        "../../../etc/passwd.jpg",
        "/etc/x.jpg",
        ".git/x.jpg",
        "hugo.toml",
    ] {
        assert!(desk.media_thumbnail(bad).is_err(), "{bad} must be refused");
    }
    #[cfg(unix)]
    {
        let outside = tempfile::tempdir().unwrap();
        let target = outside.path().join("secret.jpg");
        std::fs::copy(fixture("seeding-640.jpg"), &target).unwrap();
        std::os::unix::fs::symlink(&target, site.file("static/images/link.jpg")).unwrap();
        let err = desk.media_thumbnail("static/images/link.jpg").unwrap_err();
        assert_eq!(err.code(), "not_found", "{err}");
    }
}

#[test]
fn pasted_bytes_are_imported_like_a_file_and_leave_nothing_behind() {
    let site = Site::new();
    let desk = &site.world.desk;
    let bytes = std::fs::read(fixture("seeding-640.jpg")).unwrap();
    let report = desk
        .import_image_bytes(
            &path_key(ARTICLE),
            "Skjermbilde 2026-11-29 kl. 10.00.png",
            &bytes,
            &AtomicBool::new(false),
        )
        .unwrap();
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    assert_eq!(report.images[0].width, 640);
    // The same photo as the file: the same content-hash name.
    let from_file = desk
        .import_images(
            &path_key(ARTICLE),
            &[fixture("seeding-640.jpg")],
            &|_| {},
            &AtomicBool::new(false),
        )
        .unwrap();
    assert_eq!(from_file.images[0].hash, report.images[0].hash);
    assert!(from_file.images[0].reused);

    // Not an image: refused by its bytes, named as the user named it.
    let report = desk
        .import_image_bytes(
            &path_key(ARTICLE),
            "notes.png",
            b"<svg onload=alert(1)>",
            &AtomicBool::new(false),
        )
        .unwrap();
    assert_eq!(report.failed.len(), 1);
    assert_eq!(report.failed[0].file, "notes.png");
    assert!(
        report.failed[0]
            .error
            .message
            .starts_with("notes.png was not imported"),
        "{}",
        report.failed[0].error.message
    );
    let incoming = site.world.data.join("incoming");
    assert_eq!(
        std::fs::read_dir(&incoming).unwrap().count(),
        0,
        "no temporary file is left"
    );
}

#[test]
fn pasted_bytes_over_the_size_limit_are_refused_before_anything_is_written() {
    let mut site = Site::new();
    site.set_media("max_file_mb = 1\n");
    let big = vec![0u8; (1 << 20) + 1];
    let err = site
        .world
        .desk
        .import_image_bytes(
            &path_key(ARTICLE),
            "huge.jpg",
            &big,
            &AtomicBool::new(false),
        )
        .unwrap_err();
    assert_eq!(err.code(), "media_file_too_big");
    assert!(err.to_string().contains("huge.jpg"), "{err}");
    assert!(!site.world.data.join("incoming").exists());
}
