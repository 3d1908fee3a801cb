//! `desk media add --site DIR --entry PATH FILE...` and `desk media check --site DIR`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use clap::Subcommand;
use desk::api::types::{EntryKey, ImageFormat};

#[derive(Subcommand)]
pub enum MediaCommand {
    /// Import images for an entry as the app does: one line per written file (path, width ×
    /// height, bytes), then the Markdown to insert. Exit code 1 when a file was refused.
    Add {
        #[arg(long)]
        site: PathBuf,
        /// The entry (site-relative path) the images are for; page-bundle entries keep them
        /// beside their index.md.
        #[arg(long)]
        entry: String,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// List images without alt text, references to missing images, and unused images; exit
    /// code 1 when there are missing images or images without alt text.
    Check {
        #[arg(long)]
        site: PathBuf,
    },
}

pub fn run(data_dir: Option<PathBuf>, command: MediaCommand) -> desk::Result<ExitCode> {
    match command {
        MediaCommand::Add { site, entry, files } => {
            let desk = super::open(data_dir)?;
            desk.open_site(&site)?;
            let key = EntryKey {
                draft_id: None,
                path: Some(entry),
            };
            let report = desk.import_images(&key, &files, &|_| {}, &AtomicBool::new(false))?;
            for image in &report.images {
                for v in &image.variants {
                    let format = match v.format {
                        ImageFormat::Jpeg => "jpeg",
                        ImageFormat::Webp => "webp",
                    };
                    println!(
                        "{}\t{}x{}\t{} bytes\t{format}{}",
                        v.path,
                        v.width,
                        v.height,
                        v.bytes,
                        if image.reused {
                            "\t(already stored)"
                        } else {
                            ""
                        }
                    );
                }
                for note in &image.notes {
                    println!("note: {note}");
                }
                println!("markdown: ![]({})\t<- {}", image.src, image.source);
            }
            for f in &report.failed {
                eprintln!("refused: {}", f.error.message);
            }
            println!(
                "{} imported, {} refused",
                report.images.len(),
                report.failed.len()
            );
            Ok(if report.failed.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        MediaCommand::Check { site } => {
            let desk = super::open(data_dir)?;
            desk.open_site(&site)?;
            let check = desk.media_check()?;
            let place = |r: &desk::api::types::ImageReference| match &r.field {
                Some(field) => format!("{}\t{field}", r.entry),
                None => format!("{}\tbody", r.entry),
            };
            for r in &check.without_alt {
                println!("{}\tno alt text\t{}", place(r), r.src);
            }
            for r in &check.missing {
                println!(
                    "{}\tmissing file\t{} ({})",
                    place(r),
                    r.src,
                    r.file.as_deref().unwrap_or_default()
                );
            }
            for path in &check.unused {
                println!("{path}\tunused image");
            }
            println!(
                "{} images, {} without alt text, {} missing, {} unused",
                check.images.len(),
                check.without_alt.len(),
                check.missing.len(),
                check.unused.len()
            );
            Ok(
                if check.without_alt.is_empty() && check.missing.is_empty() {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                },
            )
        }
    }
}
