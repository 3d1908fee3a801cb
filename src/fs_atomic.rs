//! Writing a file so that a crash leaves either the old bytes or the new ones, never a
//! half-written or empty file: temp file in the same folder, fsync, rename, fsync the folder.
//! [`write_all_atomic`] does the same for many files at once (a publish with its images, a
//! sync's checkout): every file gets the same guarantee, but the flushes run side by side, so
//! the file system can join them into a few journal commits instead of one per file.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Replaces `path` with `bytes` atomically. The parent folder must exist.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let (dir, name) = split(path)?;
    let tmp = temp_path(dir, name);
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)?;
        sync_dir(dir)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The temp file beside `name`: hidden, and named for this process so two never share one.
fn temp_path(dir: &Path, name: &std::ffi::OsStr) -> PathBuf {
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(format!(".desk-tmp-{}", std::process::id()));
    dir.join(tmp_name)
}

/// How many flushes run at once: enough for the file system to group them, few enough not
/// to flood a small machine with threads.
const FLUSHERS: usize = 8;

/// Replaces each `path` with its bytes, each atomically as [`write_atomic`] does: all temp
/// files are written and flushed (in parallel) before the first rename, then each folder is
/// flushed once. A failure before the renames leaves every file as it was; the parent
/// folders must exist. Paths must be distinct.
pub fn write_all_atomic(files: &[(PathBuf, &[u8])]) -> std::io::Result<()> {
    let mut temps = Vec::with_capacity(files.len());
    for (path, _) in files {
        let (dir, name) = split(path)?;
        temps.push((temp_path(dir, name), dir));
    }
    let cleanup = |temps: &[(PathBuf, &Path)]| {
        for (tmp, _) in temps {
            let _ = std::fs::remove_file(tmp);
        }
    };
    let written = in_parallel(files.len(), |i| {
        let mut file = std::fs::File::create(&temps[i].0)?;
        file.write_all(files[i].1)?;
        file.sync_all()
    });
    if let Err(e) = written {
        cleanup(&temps);
        return Err(e);
    }
    for (i, (path, _)) in files.iter().enumerate() {
        if let Err(e) = std::fs::rename(&temps[i].0, path) {
            cleanup(&temps[i..]);
            return Err(e);
        }
    }
    let mut dirs: Vec<&Path> = temps.iter().map(|(_, d)| *d).collect();
    dirs.sort();
    dirs.dedup();
    in_parallel(dirs.len(), |i| sync_dir(dirs[i]))
}

/// Removes the temp files a killed writer left in `dir` (another process's, never this
/// one's): a crash between writing a temp file and renaming it must not leave stray files in
/// the site. Returns how many were removed.
pub fn remove_stale_temps(dir: &Path) -> std::io::Result<usize> {
    let own = format!(".desk-tmp-{}", std::process::id());
    let mut removed = 0;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.')
            && let Some((_, pid)) = name.rsplit_once(".desk-tmp-")
            && !pid.is_empty()
            && pid.bytes().all(|b| b.is_ascii_digit())
            && !name.ends_with(&own)
            && entry.file_type()?.is_file()
        {
            std::fs::remove_file(entry.path())?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// Runs `job(0..n)` on up to [`FLUSHERS`] threads; the first error wins.
fn in_parallel(n: usize, job: impl Fn(usize) -> std::io::Result<()> + Sync) -> std::io::Result<()> {
    if n <= 1 {
        return (0..n).try_for_each(&job);
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let worker = || -> std::io::Result<()> {
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            if i >= n {
                return Ok(());
            }
            job(i)?;
        }
    };
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..n.min(FLUSHERS)).map(|_| s.spawn(worker)).collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(std::io::Error::other("a writer thread panicked")))
            })
            .collect::<std::io::Result<Vec<()>>>()
            .map(drop)
    })
}

fn split(path: &Path) -> std::io::Result<(&Path, &std::ffi::OsStr)> {
    let dir = path.parent().ok_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "path has no parent folder",
        )
    })?;
    let name = path.file_name().ok_or_else(|| {
        std::io::Error::new(std::io::ErrorKind::InvalidInput, "path has no file name")
    })?;
    Ok((dir, name))
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    // Windows has no directory handle to fsync; MoveFileEx with the rename is durable enough
    // once the file's own data is flushed.
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("a.md")]);
    }

    #[test]
    fn many_files_at_once_in_two_folders() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("b")).unwrap();
        std::fs::write(dir.path().join("a.md"), b"old").unwrap();
        let files: Vec<(PathBuf, Vec<u8>)> = (0..20)
            .map(|i| {
                let folder = if i % 2 == 0 { "" } else { "b/" };
                (
                    dir.path().join(format!("{folder}f{i}.md")),
                    vec![b'x'; i * 1000],
                )
            })
            .chain([(dir.path().join("a.md"), b"new".to_vec())])
            .collect();
        let refs: Vec<(PathBuf, &[u8])> = files
            .iter()
            .map(|(p, b)| (p.clone(), b.as_slice()))
            .collect();
        write_all_atomic(&refs).unwrap();
        for (p, b) in &files {
            assert_eq!(&std::fs::read(p).unwrap(), b);
        }
        let stray = std::fs::read_dir(dir.path().join("b"))
            .unwrap()
            .chain(std::fs::read_dir(dir.path()).unwrap())
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .contains("desk-tmp")
            })
            .count();
        assert_eq!(stray, 0);
    }

    #[test]
    fn a_failed_batch_changes_no_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let kept = dir.path().join("kept.md");
        std::fs::write(&kept, b"old").unwrap();
        let files: Vec<(PathBuf, &[u8])> = vec![
            (kept.clone(), b"new"),
            (dir.path().join("missing/x.md"), b"y"),
        ];
        assert!(write_all_atomic(&files).is_err());
        assert_eq!(std::fs::read(&kept).unwrap(), b"old");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("kept.md")]);
    }

    #[test]
    fn missing_folder_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        assert!(write_atomic(&dir.path().join("nope/a.md"), b"x").is_err());
    }
}
