//! The import pipeline for a batch of files: workers on every core, one image each, from
//! bytes to written variants; progress after each file; cancellation between steps. Files are
//! named by a hash of the original's bytes and the settings that shape the output, so the
//! same photo imported twice is stored once (the second import writes nothing).

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use sha2::{Digest, Sha256};

use super::budget::Budget;
use super::decode::{self, Raster, Refusal};
use super::settings::{MediaSettings, OutputFormat};
use super::sniff::{self, InputFormat};
use super::{MEMORY_BUDGET, MediaError, color, encode, orient, resize};
use crate::fs_atomic::write_atomic;

/// Where the variants of an import go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Destination {
    /// Site-relative folder with `/` separators (`static/images`, or a page bundle's folder).
    pub folder: String,
    /// What a Markdown `src` starts with: `/images` for the site's media folder, empty for a
    /// page bundle (the variants sit beside `index.md`, so the name alone is the path).
    pub url_base: String,
}

impl Destination {
    fn src(&self, name: &str) -> String {
        if self.url_base.is_empty() {
            name.to_owned()
        } else {
            format!("{}/{name}", self.url_base.trim_end_matches('/'))
        }
    }
}

/// One written (or already present) file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageVariant {
    /// Site-relative path.
    pub path: String,
    /// The Markdown-ready reference to it.
    pub src: String,
    pub width: u32,
    pub height: u32,
    pub bytes: u64,
    pub format: OutputFormat,
}

/// One imported image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The file name the user gave.
    pub source: String,
    /// The content hash that names the variants.
    pub hash: String,
    /// Size of the largest variant (upright).
    pub width: u32,
    pub height: u32,
    /// What to put in `![alt](src)`: the largest JPEG (else the largest variant).
    pub src: String,
    /// Smallest first, JPEG before WebP at each size.
    pub variants: Vec<ImageVariant>,
    /// True when every variant was already stored (the same photo was imported before).
    pub reused: bool,
    /// Things the user should know (first frame of an animation kept, colour converted...).
    pub notes: Vec<String>,
}

/// Progress of a batch: `done` of `total` files finished; `file` is the one just finished.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    pub file: String,
}

/// Imports `files` into `root`/`dest`. Returns one result per file, in order; `Err` for the
/// batch only when it was cancelled before every file finished (finished images are kept:
/// they are complete files, named by content). Runs on the calling thread plus workers; call
/// it off the UI thread.
pub fn import_files(
    root: &Path,
    settings: &MediaSettings,
    dest: &Destination,
    files: &[PathBuf],
    progress: &(dyn Fn(Progress) + Sync),
    cancel: &AtomicBool,
) -> Vec<Result<Imported, MediaError>> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let workers = cores.min(files.len()).max(1);
    // Cores not used across files encode the variants of one image in parallel.
    let inner = (cores / workers).max(1);
    let budget = Budget::new(MEMORY_BUDGET);
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<Imported, MediaError>>>> =
        Mutex::new((0..files.len()).map(|_| None).collect());
    let job = Job {
        root,
        settings,
        dest,
        budget: &budget,
        cancel,
        inner_threads: inner,
    };
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(file) = files.get(i) else { break };
                    let result = if cancel.load(Ordering::Relaxed) {
                        Err(MediaError::Cancelled)
                    } else {
                        job.import_one(file)
                    };
                    if let Ok(mut r) = results.lock() {
                        r[i] = Some(result);
                    }
                    progress(Progress {
                        done: done.fetch_add(1, Ordering::Relaxed) + 1,
                        total: files.len(),
                        file: display_name(file),
                    });
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|p| p.into_inner())
        .into_iter()
        .map(|r| r.unwrap_or(Err(MediaError::Cancelled)))
        .collect()
}

fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string_lossy().into_owned())
}

struct Job<'a> {
    root: &'a Path,
    settings: &'a MediaSettings,
    dest: &'a Destination,
    budget: &'a Budget,
    cancel: &'a AtomicBool,
    inner_threads: usize,
}

/// A planned file: name, width, height, format.
type Planned = (String, u32, u32, OutputFormat);

/// A variant to write: its name, pixels' size, format and encoded bytes.
struct Output {
    name: String,
    width: u32,
    height: u32,
    format: OutputFormat,
    bytes: Vec<u8>,
}

impl Job<'_> {
    fn import_one(&self, path: &Path) -> Result<Imported, MediaError> {
        let file = display_name(path);
        let s = self.settings;
        let read_err = |source| MediaError::Read {
            file: file.clone(),
            source,
        };
        let len = std::fs::metadata(path).map_err(read_err)?.len();
        if len > u64::from(s.max_file_mb) << 20 {
            return Err(MediaError::FileTooBig {
                file,
                mb: len.div_ceil(1 << 20),
                limit: s.max_file_mb,
            });
        }
        let bytes = std::fs::read(path).map_err(read_err)?;
        let format = sniff::sniff(&bytes).map_err(|what| MediaError::Unsupported {
            file: file.clone(),
            what: what.to_owned(),
        })?;
        let refused = |r: Refusal| refusal(&file, format, r);
        let probe = decode::probe(&bytes, format, s.max_frames).map_err(refused)?;
        if probe.width == 0 || probe.height == 0 {
            return Err(refused(Refusal::Corrupt("it has no pixels".into())));
        }
        if u64::from(probe.width) * u64::from(probe.height) > s.max_pixels {
            return Err(MediaError::TooManyPixels {
                file,
                width: probe.width,
                height: probe.height,
                limit_mp: s.max_pixels / 1_000_000,
            });
        }
        let swapped = orient::swaps_axes(probe.orientation);
        let (up_w, up_h) = if swapped {
            (probe.height, probe.width)
        } else {
            (probe.width, probe.height)
        };
        let sizes = resize::plan(up_w, up_h, &s.widths, s.max_size);
        let hash = content_hash(&bytes, s);
        let planned: Vec<Planned> = sizes
            .iter()
            .flat_map(|&(w, h)| {
                let hash = &hash;
                s.formats
                    .iter()
                    .map(move |&f| (format!("{hash}-{w}.{}", f.extension()), w, h, f))
            })
            .collect();
        let folder = self
            .dest
            .folder
            .split('/')
            .fold(self.root.to_path_buf(), |p, part| p.join(part));
        let mut notes = Vec::new();
        if probe.frames > 1 {
            notes.push(format!(
                "{file} is an animation of {} frames; its first frame was imported as a still image.",
                probe.frames
            ));
        }
        if planned.iter().all(|(name, ..)| folder.join(name).is_file()) {
            let variants = planned
                .iter()
                .map(|(name, w, h, f)| self.variant(&folder, name, *w, *h, *f))
                .collect();
            return Ok(self.imported(file, hash, variants, true, notes));
        }

        // Decode only as large as the widest variant needs (in the file's stored axes).
        let widest = sizes.last().copied().unwrap_or((up_w, up_h));
        let needed_width = if swapped { widest.1 } else { widest.0 };
        let variant_cost: u64 = sizes
            .iter()
            .map(|&(w, h)| u64::from(w) * u64::from(h) * 4 * 3)
            .sum();
        let cost = decode::estimate(&bytes, format, &probe, needed_width) + variant_cost;
        if cost > self.budget.total() {
            return Err(MediaError::TooMuchMemory {
                file,
                needed_mb: cost >> 20,
                limit_mb: self.budget.total() >> 20,
            });
        }
        let Some(_reservation) = self.budget.reserve(cost, self.cancel) else {
            return Err(MediaError::Cancelled);
        };
        let decoded = decode::decode(&bytes, format, &probe, needed_width, self.budget.total())
            .map_err(refused)?;
        drop(bytes);
        self.check_cancel()?;
        let mut raster = decoded.raster;
        if color::to_srgb(&mut raster, decoded.icc.as_deref()) == color::ColorOutcome::Converted {
            notes.push(format!(
                "{file}: colours converted to sRGB from its embedded profile."
            ));
        }
        let orientation = decoded.exif.orientation.or(probe.orientation);
        let raster = orient::apply(raster, orientation);
        // The planned sizes (from the full-size header) name the files; the decoded raster
        // may be DCT-reduced but is never narrower than the widest of them.
        let rasters = resize::variants(&raster, &sizes).map_err(|reason| MediaError::Encode {
            file: file.clone(),
            reason,
        })?;
        drop(raster);
        self.check_cancel()?;
        let kept = decoded.exif.kept_block(&s.keep_metadata);
        let outputs = self.encode_all(&file, &rasters, &planned, kept.as_deref())?;
        drop(rasters);
        self.check_cancel()?;
        self.write_all(&folder, &outputs)?;
        let variants = outputs
            .iter()
            .map(|o| self.variant(&folder, &o.name, o.width, o.height, o.format))
            .collect();
        Ok(self.imported(file, hash, variants, false, notes))
    }

    fn check_cancel(&self) -> Result<(), MediaError> {
        if self.cancel.load(Ordering::Relaxed) {
            Err(MediaError::Cancelled)
        } else {
            Ok(())
        }
    }

    /// Encodes every (size, format) pair, on `inner_threads` threads.
    fn encode_all(
        &self,
        file: &str,
        rasters: &[Raster],
        planned: &[Planned],
        exif: Option<&[u8]>,
    ) -> Result<Vec<Output>, MediaError> {
        let s = self.settings;
        let jobs: Vec<(&Raster, &Planned)> = planned
            .iter()
            .map(|p| {
                let raster = rasters
                    .iter()
                    .find(|r| (r.width, r.height) == (p.1, p.2))
                    .unwrap_or(&rasters[0]);
                (raster, p)
            })
            .collect();
        let next = AtomicUsize::new(0);
        let results: Mutex<Vec<Option<Result<Output, String>>>> =
            Mutex::new((0..jobs.len()).map(|_| None).collect());
        let work = || {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((raster, (name, w, h, format))) = jobs.get(i) else {
                    break;
                };
                if self.cancel.load(Ordering::Relaxed) {
                    break;
                }
                let bytes = match format {
                    OutputFormat::Jpeg => encode::jpeg(raster, s.jpeg_quality, exif),
                    OutputFormat::Webp => encode::webp(raster, s.webp_quality, exif),
                };
                let out = bytes.map(|bytes| Output {
                    name: name.clone(),
                    width: *w,
                    height: *h,
                    format: *format,
                    bytes,
                });
                if let Ok(mut r) = results.lock() {
                    r[i] = Some(out);
                }
            }
        };
        let threads = self.inner_threads.min(jobs.len()).max(1);
        std::thread::scope(|sc| {
            for _ in 1..threads {
                sc.spawn(work);
            }
            work();
        });
        self.check_cancel()?;
        results
            .into_inner()
            .unwrap_or_else(|p| p.into_inner())
            .into_iter()
            .map(|r| {
                r.unwrap_or_else(|| Err("the encoder did not finish".into()))
                    .map_err(|reason| MediaError::Encode {
                        file: file.to_owned(),
                        reason,
                    })
            })
            .collect()
    }

    /// Writes each output atomically; a name already present is the same content and is
    /// left alone. On a failure, what this call wrote is removed again.
    fn write_all(&self, folder: &Path, outputs: &[Output]) -> Result<(), MediaError> {
        let rel = |name: &str| format!("{}/{name}", self.dest.folder);
        std::fs::create_dir_all(folder).map_err(|source| MediaError::Write {
            path: self.dest.folder.clone(),
            source,
        })?;
        let mut written: Vec<PathBuf> = Vec::new();
        for o in outputs {
            let path = folder.join(&o.name);
            if path.is_file() {
                continue;
            }
            let result = if self.cancel.load(Ordering::Relaxed) {
                Err(MediaError::Cancelled)
            } else {
                write_atomic(&path, &o.bytes).map_err(|source| MediaError::Write {
                    path: rel(&o.name),
                    source,
                })
            };
            if let Err(e) = result {
                for p in &written {
                    let _ = std::fs::remove_file(p);
                }
                return Err(e);
            }
            written.push(path);
        }
        Ok(())
    }

    fn variant(&self, folder: &Path, name: &str, w: u32, h: u32, f: OutputFormat) -> ImageVariant {
        ImageVariant {
            path: format!("{}/{name}", self.dest.folder),
            src: self.dest.src(name),
            width: w,
            height: h,
            bytes: std::fs::metadata(folder.join(name)).map_or(0, |m| m.len()),
            format: f,
        }
    }

    fn imported(
        &self,
        source: String,
        hash: String,
        variants: Vec<ImageVariant>,
        reused: bool,
        notes: Vec<String>,
    ) -> Imported {
        let largest = variants
            .iter()
            .rev()
            .find(|v| v.format == OutputFormat::Jpeg)
            .or(variants.last());
        Imported {
            source,
            hash,
            width: largest.map_or(0, |v| v.width),
            height: largest.map_or(0, |v| v.height),
            src: largest.map(|v| v.src.clone()).unwrap_or_default(),
            variants,
            reused,
            notes,
        }
    }
}

/// 16 hex digits (64 bits) of SHA-256 over the original's bytes and every setting that
/// changes the output, so new settings never reuse old files by mistake.
fn content_hash(bytes: &[u8], s: &MediaSettings) -> String {
    let mut h = Sha256::new();
    h.update(bytes);
    h.update(
        format!(
            "v1 {:?} {:?} {} {} {} {:?}",
            s.widths, s.formats, s.max_size, s.jpeg_quality, s.webp_quality, s.keep_metadata
        )
        .as_bytes(),
    );
    h.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub(super) fn refusal(file: &str, format: InputFormat, r: Refusal) -> MediaError {
    match r {
        Refusal::Corrupt(reason) => MediaError::Corrupt {
            file: file.to_owned(),
            format: format.name(),
            reason,
        },
        Refusal::Memory(needed, limit) => MediaError::TooMuchMemory {
            file: file.to_owned(),
            needed_mb: needed >> 20,
            limit_mb: limit >> 20,
        },
        Refusal::Limit(reason) => MediaError::Corrupt {
            file: file.to_owned(),
            format: format.name(),
            reason: format!("the decoder's memory limit stopped it: {reason}"),
        },
        Refusal::Frames(_, limit) => MediaError::TooManyFrames {
            file: file.to_owned(),
            limit,
        },
    }
}
