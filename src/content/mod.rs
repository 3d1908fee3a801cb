//! An entry's file: front matter + Markdown body. Reading splits the file without touching
//! its bytes; writing changes only what the editor changed (a field's lines, the body), so a
//! no-op save gives back the identical bytes and a title edit is a one-line diff.

mod entry_file;
mod field_value;
mod front_matter;

pub use entry_file::EntryFile;
pub use field_value::{FieldEdits, FieldValue, number_text};
pub use front_matter::{FrontMatter, NewFrontMatter};

#[derive(Debug, thiserror::Error)]
pub enum ContentError {
    #[error(
        "The front matter of {path} could not be read: {reason}. Fix the lines between the --- (or +++) markers at the top of the file."
    )]
    FrontMatter { path: String, reason: String },
    #[error("The front matter could not be written: {0}.")]
    Write(String),
    #[error(
        "The editor sent {0}, which Barents Desk cannot save as Markdown yet. Your text is kept as a draft; remove that part or report it."
    )]
    Unsupported(String),
}
