//! What a file is, from its first bytes: the extension is the sender's claim, the magic bytes
//! are the file's. Only JPEG, PNG, WebP and GIF pass; everything else is named so the
//! message can say what it was (SVG can carry script, HEIC has no decoder here).

/// A format the import decodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    Jpeg,
    Png,
    Webp,
    Gif,
}

impl InputFormat {
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Jpeg => "JPEG",
            InputFormat::Png => "PNG",
            InputFormat::Webp => "WebP",
            InputFormat::Gif => "GIF",
        }
    }
}

/// Identifies a file by its magic bytes. `Err` carries what the file looks like, in words.
pub fn sniff(head: &[u8]) -> Result<InputFormat, &'static str> {
    let starts = |magic: &[u8]| head.starts_with(magic);
    if starts(b"\xFF\xD8\xFF") {
        return Ok(InputFormat::Jpeg);
    }
    if starts(b"\x89PNG\r\n\x1A\n") {
        return Ok(InputFormat::Png);
    }
    if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" {
        return Ok(InputFormat::Webp);
    }
    if starts(b"GIF87a") || starts(b"GIF89a") {
        return Ok(InputFormat::Gif);
    }
    Err(describe(head))
}

/// A name for a file that is not one of the four formats.
fn describe(head: &[u8]) -> &'static str {
    if head.is_empty() {
        return "an empty file";
    }
    if head.len() >= 12 && &head[4..8] == b"ftyp" {
        let brand = &head[8..12];
        return match brand {
            b"heic" | b"heix" | b"hevc" | b"heim" | b"heis" | b"mif1" | b"msf1" => {
                "a HEIC/HEIF photo (export it as JPEG first, e.g. with the phone's \"Most compatible\" setting)"
            }
            b"avif" | b"avis" => "an AVIF image (export it as JPEG or PNG first)",
            _ => "a video or ISO media file",
        };
    }
    if head.starts_with(b"II*\0") || head.starts_with(b"MM\0*") {
        return "a TIFF or camera raw file (export it as JPEG first)";
    }
    if head.starts_with(b"BM") {
        return "a BMP image (save it as PNG first)";
    }
    if head.starts_with(b"%PDF") {
        return "a PDF document";
    }
    if head.starts_with(b"\xFF\x0A") || head.get(4..12) == Some(b"jP  \r\n\x87\n") {
        return "a JPEG XL or JPEG 2000 image (export it as JPEG first)";
    }
    let text = String::from_utf8_lossy(&head[..head.len().min(512)]).to_ascii_lowercase();
    if text.contains("<svg") || (text.trim_start().starts_with("<?xml") && text.contains("svg")) {
        return "an SVG drawing (refused because SVG can carry scripts; export it as PNG)";
    }
    if text.trim_start().starts_with('<') {
        return "an HTML or XML document";
    }
    "not an image, or in a format Barents Desk cannot read"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magic_bytes_decide_not_names() {
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0rest"), Ok(InputFormat::Jpeg));
        assert_eq!(sniff(b"\x89PNG\r\n\x1A\n...."), Ok(InputFormat::Png));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Ok(InputFormat::Webp));
        assert_eq!(sniff(b"GIF89a\x01\0"), Ok(InputFormat::Gif));
        assert!(sniff(b"\0\0\0\x18ftypheic").unwrap_err().contains("HEIC"));
        assert!(
            sniff(b"<?xml version=\"1.0\"?>\n<svg xmlns=")
                .unwrap_err()
                .contains("SVG")
        );
        assert!(
            sniff(b"  <svg onload=alert(1)>")
                .unwrap_err()
                .contains("scripts")
        );
        assert!(sniff(b"").unwrap_err().contains("empty"));
        assert!(sniff(b"RIFF\0\0\0\0WAVE").is_err());
    }
}
