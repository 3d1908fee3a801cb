//! The little of EXIF the import needs: read the orientation and the two fields a site may
//! keep (Artist, Copyright) from IFD0, and write a fresh EXIF block holding only those.
//! Every read is bounds-checked: EXIF comes from the file and may be hostile. Never copies a
//! byte of the original block into the output.

use super::settings::KeepTag;

const ORIENTATION: u16 = 0x0112;
const ARTIST: u16 = 0x013B;
const COPYRIGHT: u16 = 0x8298;
/// Longest kept text: a credit line, not a document.
const MAX_TEXT: usize = 256;

/// What the import reads from a file's EXIF.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExifFacts {
    /// 1–8 as in the EXIF spec; 1 (or absent) is upright.
    pub orientation: Option<u16>,
    pub artist: Option<String>,
    pub copyright: Option<String>,
}

impl ExifFacts {
    /// The kept fields as a new EXIF (TIFF) block without the `Exif\0\0` prefix, or `None`
    /// when nothing is to be kept.
    pub fn kept_block(&self, keep: &[KeepTag]) -> Option<Vec<u8>> {
        let mut fields: Vec<(u16, &str)> = Vec::new();
        if keep.contains(&KeepTag::Creator)
            && let Some(a) = &self.artist
        {
            fields.push((ARTIST, a));
        }
        if keep.contains(&KeepTag::Copyright)
            && let Some(c) = &self.copyright
        {
            fields.push((COPYRIGHT, c));
        }
        (!fields.is_empty()).then(|| write_ifd0(&fields))
    }
}

/// Reads IFD0 of an EXIF block (with or without the `Exif\0\0` prefix). Broken blocks give
/// what could be read, never an error: a photo with a damaged EXIF is still a photo.
pub fn read(block: &[u8]) -> ExifFacts {
    let tiff = block.strip_prefix(b"Exif\0\0").unwrap_or(block);
    let mut facts = ExifFacts::default();
    let Some(le) = (match tiff.get(..4) {
        Some(b"II*\0") => Some(true),
        Some(b"MM\0*") => Some(false),
        _ => None,
    }) else {
        return facts;
    };
    let u16_at = |at: usize| -> Option<u16> {
        let b: [u8; 2] = tiff.get(at..at.checked_add(2)?)?.try_into().ok()?;
        Some(if le {
            u16::from_le_bytes(b)
        } else {
            u16::from_be_bytes(b)
        })
    };
    let u32_at = |at: usize| -> Option<u32> {
        let b: [u8; 4] = tiff.get(at..at.checked_add(4)?)?.try_into().ok()?;
        Some(if le {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        })
    };
    let Some(ifd) = u32_at(4).map(|o| o as usize) else {
        return facts;
    };
    let Some(count) = u16_at(ifd) else {
        return facts;
    };
    for i in 0..usize::from(count.min(512)) {
        let entry = ifd + 2 + i * 12;
        let (Some(tag), Some(kind), Some(n)) =
            (u16_at(entry), u16_at(entry + 2), u32_at(entry + 4))
        else {
            break;
        };
        match (tag, kind) {
            (ORIENTATION, 3) => {
                facts.orientation = u16_at(entry + 8).filter(|o| (1..=8).contains(o))
            }
            (ARTIST | COPYRIGHT, 2) => {
                let n = n as usize;
                let start = if n <= 4 {
                    Some(entry + 8)
                } else {
                    u32_at(entry + 8).map(|o| o as usize)
                };
                let text = start
                    .and_then(|s| tiff.get(s..s.checked_add(n)?))
                    .map(clean_text)
                    .filter(|t| !t.is_empty());
                if tag == ARTIST {
                    facts.artist = text;
                } else {
                    facts.copyright = text;
                }
            }
            _ => {}
        }
    }
    facts
}

/// ASCII field bytes to a short, printable string (EXIF says ASCII; cameras write UTF-8).
fn clean_text(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let text: String = text
        .split('\0')
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    let text = text.trim();
    match text.char_indices().nth(MAX_TEXT) {
        Some((i, _)) => text[..i].to_owned(),
        None => text.to_owned(),
    }
}

/// A little-endian TIFF header and one IFD with ASCII fields, values after the IFD.
fn write_ifd0(fields: &[(u16, &str)]) -> Vec<u8> {
    let mut fields = fields.to_vec();
    fields.sort_by_key(|(tag, _)| *tag);
    let ifd_len = 2 + fields.len() * 12 + 4;
    let mut out = b"II*\0".to_vec();
    out.extend_from_slice(&8u32.to_le_bytes());
    out.extend_from_slice(&(fields.len() as u16).to_le_bytes());
    let mut values = Vec::new();
    let values_at = 8 + ifd_len;
    for (tag, text) in &fields {
        let mut bytes = text.as_bytes().to_vec();
        bytes.push(0);
        out.extend_from_slice(&tag.to_le_bytes());
        out.extend_from_slice(&2u16.to_le_bytes());
        out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
        if bytes.len() <= 4 {
            bytes.resize(4, 0);
            out.extend_from_slice(&bytes);
        } else {
            out.extend_from_slice(&((values_at + values.len()) as u32).to_le_bytes());
            values.extend_from_slice(&bytes);
            if values.len() % 2 == 1 {
                values.push(0);
            }
        }
    }
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&values);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_fields_read_back() {
        let facts = ExifFacts {
            orientation: None,
            artist: Some("Åsa Nilsson".into()),
            copyright: Some("CC BY 4.0".into()),
        };
        let block = facts
            .kept_block(&[KeepTag::Creator, KeepTag::Copyright])
            .unwrap();
        assert_eq!(read(&block), facts);
        let only = facts.kept_block(&[KeepTag::Copyright]).unwrap();
        assert_eq!(read(&only).artist, None);
        assert_eq!(ExifFacts::default().kept_block(&[KeepTag::Creator]), None);
    }

    #[test]
    fn hostile_blocks_read_as_nothing() {
        for block in [
            &b""[..],
            b"II*\0\xFF\xFF\xFF\xFF",
            b"MM\0*\0\0\0\x08\xFF\xFF",
            b"Exif\0\0II*\0\x08\0\0\0\x01\0\x12\x01\x03\0\x01\0\0\0\x09\0",
        ] {
            assert_eq!(read(block).orientation, None);
        }
        // Orientation 6 in a big-endian block.
        let be = b"MM\0*\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x06\0\0\0\0\0\0";
        assert_eq!(read(be).orientation, Some(6));
    }
}
