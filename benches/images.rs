//! Benchmark: the image import against vipsthumbnail and ImageMagick on real camera photos,
//! in the same run. Every tool makes the same files from the same photos: widths 480, 960 and
//! 1920, each as JPEG and WebP at quality 80, metadata stripped (vips and our JPEGs with
//! optimised Huffman tables). Prints wall time (median of 3), peak memory (max RSS, by GNU
//! time) and output bytes, and the ratios against vips. A benchmark, not a test: it asserts
//! nothing; absolute times on these machines are noise, ratios are the result.
//!
//! Photos (not synthesised; Debian packages, read where apt installs them):
//! `apt-get install mate-backgrounds lomiri-wallpapers-16.04 lomiri-wallpapers-20.04
//! libvips-tools imagemagick time`, then `cargo bench --bench images`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

const PHOTOS: [&str; 5] = [
    // Sony DSC-RX100M4, 5640×3172, 16.4 MB (mate-backgrounds, GPL-2+)
    "/usr/share/backgrounds/mate/abstract/Elephants_5640x3172.jpg",
    // 6028×3391, 4:2:2 (lomiri-wallpapers-20.04, CC-BY-SA-3.0)
    "/usr/share/backgrounds/Kleiber_by_Lukas_Baubkus.jpg",
    // 5312×2988 (lomiri-wallpapers-16.04, CC0-1.0)
    "/usr/share/backgrounds/seeding_by_Clements_Engelhardt.jpg",
    // 4224×3168 (lomiri-wallpapers-16.04, CC-BY-SA-4.0)
    "/usr/share/backgrounds/Dragonfly_by_Bolly.jpg",
    // 4272×2848 (lomiri-wallpapers-16.04, CC-BY-4.0)
    "/usr/share/backgrounds/sunset_by_Aitzol_Berasategi.jpg",
];
const WIDTHS: [u32; 3] = [480, 960, 1920];
const QUALITY: u8 = 80;
const RUNS: usize = 3;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--ours-into") {
        ours(Path::new(&args[i + 1]));
        return;
    }
    let missing: Vec<&str> = PHOTOS
        .iter()
        .copied()
        .filter(|p| !Path::new(p).is_file())
        .collect();
    let tools = ["vipsthumbnail", "convert", "/usr/bin/time"];
    let no_tool = tools.iter().any(|t| {
        Command::new("sh")
            .arg("-c")
            .arg(format!("command -v {t}"))
            .output()
            .map_or(true, |o| !o.status.success())
    });
    if !missing.is_empty() || no_tool {
        eprintln!(
            "missing photos {missing:?} or tools; install them with:\n  apt-get install mate-backgrounds lomiri-wallpapers-16.04 lomiri-wallpapers-20.04 libvips-tools imagemagick time"
        );
        std::process::exit(2);
    }
    let work = std::env::temp_dir().join(format!("desk-bench-images-{}", std::process::id()));
    let megapixels: f64 = PHOTOS
        .iter()
        .map(|p| {
            let d = image_dims(Path::new(p));
            f64::from(d.0) * f64::from(d.1) / 1e6
        })
        .sum();
    println!(
        "{} photos, {megapixels:.1} MP in all -> widths {WIDTHS:?} as JPEG and WebP, Q{QUALITY}",
        PHOTOS.len()
    );
    println!("vips {}", version("vips", "--version"));
    println!(
        "{}",
        version("convert", "-version")
            .lines()
            .next()
            .unwrap_or_default()
    );
    let mut results = Vec::new();
    for (name, run) in [
        ("barents-desk", run_ours as fn(&Path) -> Measure),
        ("vipsthumbnail", run_vips),
        ("vips-1-decode", run_vips_one_decode),
        ("imagemagick", run_magick),
    ] {
        let mut runs: Vec<Measure> = (0..RUNS)
            .map(|i| {
                let out = work.join(format!("{name}-{i}"));
                std::fs::create_dir_all(&out).unwrap();
                let m = run(&out);
                m.with_bytes(&out)
            })
            .collect();
        runs.sort_by(|a, b| a.wall.total_cmp(&b.wall));
        let median = runs.swap_remove(RUNS / 2);
        results.push((name, median));
    }
    let vips = results[1].1.clone();
    println!(
        "\n{:<14} {:>9} {:>8} {:>10} {:>8} {:>11} {:>11} {:>8} {:>8}",
        "tool",
        "wall s",
        "x vips",
        "peak MiB",
        "x vips",
        "JPEG bytes",
        "WebP bytes",
        "x vips",
        "x vips"
    );
    for (name, m) in &results {
        println!(
            "{:<14} {:>9.2} {:>8.2} {:>10.0} {:>8.2} {:>11} {:>11} {:>8.3} {:>8.3}",
            name,
            m.wall,
            m.wall / vips.wall,
            m.peak_kib as f64 / 1024.0,
            m.peak_kib as f64 / vips.peak_kib as f64,
            m.jpeg_bytes,
            m.webp_bytes,
            m.jpeg_bytes as f64 / vips.jpeg_bytes as f64,
            m.webp_bytes as f64 / vips.webp_bytes as f64,
        );
    }
    let _ = std::fs::remove_dir_all(&work);
}

#[derive(Clone, Debug)]
struct Measure {
    wall: f64,
    peak_kib: u64,
    jpeg_bytes: u64,
    webp_bytes: u64,
}

impl Measure {
    fn with_bytes(mut self, dir: &Path) -> Self {
        let mut count = 0;
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            let len = e.metadata().unwrap().len();
            count += 1;
            match p.extension().and_then(|x| x.to_str()) {
                Some("jpg") => self.jpeg_bytes += len,
                Some("webp") => self.webp_bytes += len,
                Some("v") => {
                    count -= 1;
                    let _ = std::fs::remove_file(&p);
                }
                _ => count -= 1,
            }
        }
        assert_eq!(
            count,
            PHOTOS.len() * WIDTHS.len() * 2,
            "{} files in {}",
            count,
            dir.display()
        );
        self
    }
}

/// Runs `cmd` under GNU time; returns (wall seconds, max RSS KiB).
fn timed(cmd: Command) -> (f64, u64) {
    let report = std::env::temp_dir().join(format!("desk-bench-time-{}", std::process::id()));
    let mut wrapped = Command::new("/usr/bin/time");
    wrapped
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(&report)
        .arg(cmd.get_program())
        .args(cmd.get_args());
    let start = Instant::now();
    let out = wrapped.output().unwrap();
    let wall = start.elapsed().as_secs_f64();
    assert!(
        out.status.success(),
        "{:?}: {}",
        cmd.get_program(),
        String::from_utf8_lossy(&out.stderr)
    );
    let kib = std::fs::read_to_string(&report)
        .unwrap()
        .trim()
        .lines()
        .last()
        .unwrap()
        .parse()
        .unwrap();
    let _ = std::fs::remove_file(&report);
    (wall, kib)
}

fn measure(cmds: Vec<Command>) -> Measure {
    let mut wall = 0.0;
    let mut peak = 0;
    for c in cmds {
        let (w, k) = timed(c);
        wall += w;
        peak = peak.max(k);
    }
    Measure {
        wall,
        peak_kib: peak,
        jpeg_bytes: 0,
        webp_bytes: 0,
    }
}

/// This benchmark binary again, in a child process, so its memory is measured alone.
fn run_ours(out: &Path) -> Measure {
    let mut c = Command::new(std::env::current_exe().unwrap());
    c.arg("--ours-into").arg(out);
    measure(vec![c])
}

/// One vipsthumbnail per (width, format) over all photos: its shrink-on-load and threads.
fn run_vips(out: &Path) -> Measure {
    let mut cmds = Vec::new();
    for w in WIDTHS {
        for (ext, opts) in [
            ("jpg", format!("Q={QUALITY},optimize_coding,strip")),
            ("webp", format!("Q={QUALITY},strip")),
        ] {
            let mut c = Command::new("vipsthumbnail");
            c.arg("-s").arg(format!("{w}x100000"));
            c.arg("-o")
                .arg(format!("{}/%s-{w}.{ext}[{opts}]", out.display()));
            c.args(PHOTOS);
            cmds.push(c);
        }
    }
    measure(cmds)
}

/// vips at its best from the command line: per photo one shrink-on-load decode to the
/// largest width (vips's own `.v` format in between), the smaller widths from that, then each
/// written as JPEG and WebP. The same chain as ours, but one process per step.
fn run_vips_one_decode(out: &Path) -> Measure {
    let mut cmds = Vec::new();
    for p in PHOTOS {
        let stem = Path::new(p)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let v = |w: u32| format!("{}/{stem}-{w}.v", out.display());
        let mut from = p.to_string();
        for &w in WIDTHS.iter().rev() {
            let mut c = Command::new("vips");
            c.args([
                "thumbnail",
                &from,
                &v(w),
                &w.to_string(),
                "--height",
                "100000",
            ]);
            cmds.push(c);
            from = v(w);
        }
        for w in WIDTHS {
            for (ext, opts) in [
                ("jpg", format!("Q={QUALITY},optimize_coding,strip")),
                ("webp", format!("Q={QUALITY},strip")),
            ] {
                let mut c = Command::new("vips");
                c.args([
                    "copy",
                    &v(w),
                    &format!("{}/{stem}-{w}.{ext}[{opts}]", out.display()),
                ]);
                cmds.push(c);
            }
        }
    }
    measure(cmds)
}

/// One convert per photo, decoding once and writing every variant from clones.
fn run_magick(out: &Path) -> Measure {
    let mut cmds = Vec::new();
    for p in PHOTOS {
        let stem = Path::new(p)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let mut c = Command::new("convert");
        c.arg(p).args(["-strip", "-quality", &QUALITY.to_string()]);
        for w in WIDTHS {
            c.args(["(", "+clone", "-resize", &format!("{w}x")]);
            c.arg("-write")
                .arg(format!("{}/{stem}-{w}.jpg", out.display()));
            c.arg("-write")
                .arg(format!("{}/{stem}-{w}.webp", out.display()));
            c.args(["+delete", ")"]);
        }
        c.arg("null:");
        cmds.push(c);
    }
    measure(cmds)
}

/// The child: the import pipeline exactly as the app runs it, into `out`.
fn ours(out: &Path) {
    let settings = desk::media::MediaSettings {
        widths: WIDTHS.to_vec(),
        jpeg_quality: QUALITY,
        webp_quality: QUALITY,
        ..Default::default()
    };
    let dest = desk::media::Destination {
        folder: "v".into(),
        url_base: "/v".into(),
    };
    let root = out.join("site");
    let files: Vec<PathBuf> = PHOTOS.iter().map(PathBuf::from).collect();
    let results = desk::media::import_files(
        &root,
        &settings,
        &dest,
        &files,
        &|_| {},
        &AtomicBool::new(false),
    );
    for r in results {
        r.unwrap();
    }
    for e in std::fs::read_dir(root.join("v")).unwrap().flatten() {
        std::fs::rename(e.path(), out.join(e.file_name())).unwrap();
    }
    std::fs::remove_dir_all(&root).unwrap();
}

fn image_dims(p: &Path) -> (u32, u32) {
    let bytes = std::fs::read(p).unwrap();
    let mut d = jpeg_decoder::Decoder::new(std::io::Cursor::new(bytes));
    d.read_info().unwrap();
    let i = d.info().unwrap();
    (i.width.into(), i.height.into())
}

fn version(cmd: &str, arg: &str) -> String {
    Command::new(cmd)
        .arg(arg)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}
