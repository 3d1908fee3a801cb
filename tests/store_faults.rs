//! Saves under I/O faults, through the same `Desk::save_draft` the app's autosave calls.
//!
//! A fault-injecting SQLite VFS wraps the platform's own VFS (real files on a real disk) and
//! makes the Nth write operation of a save fail, for every N of the sequence, once with a
//! full disk (ENOSPC: every later write fails too, until space returns) and once with a
//! one-off I/O error (EIO). After each fault: a save reported as done is on disk (a fresh
//! store reads it back), a failed save is reported with a message that says what to do, the
//! last acknowledged text is intact, the store passes `integrity_check`, and saving again on
//! the same `Desk` (as the app's retry does) succeeds once the fault is gone.

mod common;

use common::{World, path_key};
use desk::api::Desk;
use desk::api::types::{DraftInput, EntryKey};
use desk::markdown::DocNode;

const ARTICLE: &str = "content/articles/winter-crossing-kirkenes.md";

mod faulty_vfs {
    //! A VFS that forwards to the default one and fails write operations on demand.

    use std::ffi::{CString, c_char, c_int, c_void};
    use std::sync::Once;
    use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

    use rusqlite::ffi;

    /// Write operations (xWrite, xTruncate, xSync) seen since the last `arm`.
    static OPS: AtomicU64 = AtomicU64::new(0);
    /// 0: no fault; N: the Nth operation fails.
    static FAIL_AT: AtomicU64 = AtomicU64::new(0);
    /// Full disk: every operation from the Nth on fails. Otherwise only the Nth.
    static STICKY: AtomicBool = AtomicBool::new(false);
    static mut REAL: *mut ffi::sqlite3_vfs = std::ptr::null_mut();
    static REGISTER: Once = Once::new();

    #[derive(Clone, Copy, Debug)]
    pub enum Fault {
        DiskFull,
        IoError,
    }

    /// Counts from zero and fails the `n`th write operation from now (0: none).
    pub fn arm(n: u64, fault: Fault) {
        STICKY.store(matches!(fault, Fault::DiskFull), Ordering::SeqCst);
        OPS.store(0, Ordering::SeqCst);
        FAIL_AT.store(n, Ordering::SeqCst);
    }

    pub fn disarm() {
        FAIL_AT.store(0, Ordering::SeqCst);
    }

    pub fn ops() -> u64 {
        OPS.load(Ordering::SeqCst)
    }

    /// Whether this write operation fails, and with which code.
    fn fault(code_for_sticky: c_int, code_for_once: c_int) -> Option<c_int> {
        let n = OPS.fetch_add(1, Ordering::SeqCst) + 1;
        let at = FAIL_AT.load(Ordering::SeqCst);
        if at == 0 {
            return None;
        }
        if STICKY.load(Ordering::SeqCst) {
            (n >= at).then_some(code_for_sticky)
        } else {
            (n == at).then_some(code_for_once)
        }
    }

    #[repr(C)]
    struct FaultyFile {
        base: ffi::sqlite3_file,
        real: *mut ffi::sqlite3_file,
    }

    unsafe fn real(file: *mut ffi::sqlite3_file) -> *mut ffi::sqlite3_file {
        unsafe { (*(file as *mut FaultyFile)).real }
    }

    unsafe fn methods(file: *mut ffi::sqlite3_file) -> &'static ffi::sqlite3_io_methods {
        unsafe { &*(*real(file)).pMethods }
    }

    /// Registers the VFS as SQLite's default, once per process.
    pub fn install() {
        REGISTER.call_once(|| unsafe {
            let real = ffi::sqlite3_vfs_find(std::ptr::null());
            assert!(!real.is_null(), "SQLite has a default VFS");
            REAL = real;
            let mut vfs: ffi::sqlite3_vfs = *real;
            vfs.szOsFile = (std::mem::size_of::<FaultyFile>() as c_int) + (*real).szOsFile;
            vfs.zName = CString::new("faulty").unwrap().into_raw();
            vfs.pNext = std::ptr::null_mut();
            vfs.xOpen = Some(x_open);
            let vfs = Box::into_raw(Box::new(vfs));
            assert_eq!(ffi::sqlite3_vfs_register(vfs, 1), ffi::SQLITE_OK);
        });
    }

    unsafe extern "C" fn x_open(
        _vfs: *mut ffi::sqlite3_vfs,
        name: *const c_char,
        file: *mut ffi::sqlite3_file,
        flags: c_int,
        out_flags: *mut c_int,
    ) -> c_int {
        unsafe {
            let real_vfs = REAL;
            let real_file =
                (file as *mut u8).add(std::mem::size_of::<FaultyFile>()) as *mut ffi::sqlite3_file;
            let wrapper = file as *mut FaultyFile;
            (*wrapper).real = real_file;
            (*wrapper).base.pMethods = std::ptr::null();
            let rc = ((*real_vfs).xOpen.unwrap())(real_vfs, name, real_file, flags, out_flags);
            if rc == ffi::SQLITE_OK && !(*real_file).pMethods.is_null() {
                (*wrapper).base.pMethods = &METHODS;
            }
            rc
        }
    }

    static METHODS: ffi::sqlite3_io_methods = ffi::sqlite3_io_methods {
        iVersion: 3,
        xClose: Some(x_close),
        xRead: Some(x_read),
        xWrite: Some(x_write),
        xTruncate: Some(x_truncate),
        xSync: Some(x_sync),
        xFileSize: Some(x_file_size),
        xLock: Some(x_lock),
        xUnlock: Some(x_unlock),
        xCheckReservedLock: Some(x_check_reserved_lock),
        xFileControl: Some(x_file_control),
        xSectorSize: Some(x_sector_size),
        xDeviceCharacteristics: Some(x_device_characteristics),
        xShmMap: Some(x_shm_map),
        xShmLock: Some(x_shm_lock),
        xShmBarrier: Some(x_shm_barrier),
        xShmUnmap: Some(x_shm_unmap),
        xFetch: Some(x_fetch),
        xUnfetch: Some(x_unfetch),
    };

    unsafe extern "C" fn x_close(f: *mut ffi::sqlite3_file) -> c_int {
        unsafe { (methods(f).xClose.unwrap())(real(f)) }
    }
    unsafe extern "C" fn x_read(
        f: *mut ffi::sqlite3_file,
        buf: *mut c_void,
        amount: c_int,
        offset: ffi::sqlite3_int64,
    ) -> c_int {
        unsafe { (methods(f).xRead.unwrap())(real(f), buf, amount, offset) }
    }
    unsafe extern "C" fn x_write(
        f: *mut ffi::sqlite3_file,
        buf: *const c_void,
        amount: c_int,
        offset: ffi::sqlite3_int64,
    ) -> c_int {
        if let Some(code) = fault(ffi::SQLITE_FULL, ffi::SQLITE_IOERR_WRITE) {
            return code;
        }
        unsafe { (methods(f).xWrite.unwrap())(real(f), buf, amount, offset) }
    }
    unsafe extern "C" fn x_truncate(f: *mut ffi::sqlite3_file, size: ffi::sqlite3_int64) -> c_int {
        if let Some(code) = fault(ffi::SQLITE_IOERR_TRUNCATE, ffi::SQLITE_IOERR_TRUNCATE) {
            return code;
        }
        unsafe { (methods(f).xTruncate.unwrap())(real(f), size) }
    }
    unsafe extern "C" fn x_sync(f: *mut ffi::sqlite3_file, flags: c_int) -> c_int {
        if let Some(code) = fault(ffi::SQLITE_IOERR_FSYNC, ffi::SQLITE_IOERR_FSYNC) {
            return code;
        }
        unsafe { (methods(f).xSync.unwrap())(real(f), flags) }
    }
    unsafe extern "C" fn x_file_size(
        f: *mut ffi::sqlite3_file,
        size: *mut ffi::sqlite3_int64,
    ) -> c_int {
        unsafe { (methods(f).xFileSize.unwrap())(real(f), size) }
    }
    unsafe extern "C" fn x_lock(f: *mut ffi::sqlite3_file, level: c_int) -> c_int {
        unsafe { (methods(f).xLock.unwrap())(real(f), level) }
    }
    unsafe extern "C" fn x_unlock(f: *mut ffi::sqlite3_file, level: c_int) -> c_int {
        unsafe { (methods(f).xUnlock.unwrap())(real(f), level) }
    }
    unsafe extern "C" fn x_check_reserved_lock(
        f: *mut ffi::sqlite3_file,
        out: *mut c_int,
    ) -> c_int {
        unsafe { (methods(f).xCheckReservedLock.unwrap())(real(f), out) }
    }
    unsafe extern "C" fn x_file_control(
        f: *mut ffi::sqlite3_file,
        op: c_int,
        arg: *mut c_void,
    ) -> c_int {
        unsafe { (methods(f).xFileControl.unwrap())(real(f), op, arg) }
    }
    unsafe extern "C" fn x_sector_size(f: *mut ffi::sqlite3_file) -> c_int {
        unsafe { (methods(f).xSectorSize.unwrap())(real(f)) }
    }
    unsafe extern "C" fn x_device_characteristics(f: *mut ffi::sqlite3_file) -> c_int {
        unsafe { (methods(f).xDeviceCharacteristics.unwrap())(real(f)) }
    }
    unsafe extern "C" fn x_shm_map(
        f: *mut ffi::sqlite3_file,
        page: c_int,
        size: c_int,
        extend: c_int,
        out: *mut *mut c_void,
    ) -> c_int {
        unsafe { (methods(f).xShmMap.unwrap())(real(f), page, size, extend, out) }
    }
    unsafe extern "C" fn x_shm_lock(
        f: *mut ffi::sqlite3_file,
        offset: c_int,
        n: c_int,
        flags: c_int,
    ) -> c_int {
        unsafe { (methods(f).xShmLock.unwrap())(real(f), offset, n, flags) }
    }
    unsafe extern "C" fn x_shm_barrier(f: *mut ffi::sqlite3_file) {
        unsafe { (methods(f).xShmBarrier.unwrap())(real(f)) }
    }
    unsafe extern "C" fn x_shm_unmap(f: *mut ffi::sqlite3_file, delete: c_int) -> c_int {
        unsafe { (methods(f).xShmUnmap.unwrap())(real(f), delete) }
    }
    unsafe extern "C" fn x_fetch(
        f: *mut ffi::sqlite3_file,
        offset: ffi::sqlite3_int64,
        amount: c_int,
        out: *mut *mut c_void,
    ) -> c_int {
        unsafe { (methods(f).xFetch.unwrap())(real(f), offset, amount, out) }
    }
    unsafe extern "C" fn x_unfetch(
        f: *mut ffi::sqlite3_file,
        offset: ffi::sqlite3_int64,
        p: *mut c_void,
    ) -> c_int {
        unsafe { (methods(f).xUnfetch.unwrap())(real(f), offset, p) }
    }
}

use faulty_vfs::Fault;

fn body(text: &str) -> DocNode {
    DocNode::new("doc").with_content(vec![
        DocNode::new("paragraph").with_content(vec![DocNode::text(text, vec![])]),
    ])
}

fn first_text(doc: &DocNode) -> String {
    serde_json::to_value(doc).unwrap()["content"][0]["content"][0]["text"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

fn save(desk: &Desk, key: &EntryKey, text: &str) -> desk::Result<EntryKey> {
    let entry = desk.open_entry(key)?;
    desk.save_draft(&DraftInput {
        key: entry.key.clone(),
        collection: entry.collection.clone(),
        title: entry.title.clone(),
        fields: Default::default(),
        body: body(text),
    })
    .map(|ack| ack.key)
}

/// What a newly opened store (another connection, as after a restart) holds for the draft.
fn text_after_restart(world: &World, key: &EntryKey) -> String {
    let fresh = Desk::open(&world.data).unwrap();
    fresh.startup().unwrap();
    let check: String = rusqlite::Connection::open(desk::paths::store_file(&world.data))
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok", "the store is sound after the fault");
    first_text(&fresh.open_entry(key).unwrap().body)
}

#[test]
fn the_nth_write_of_a_save_fails_for_every_n_and_nothing_acknowledged_is_lost() {
    faulty_vfs::install();
    let world = World::new();
    let key = save(&world.desk, &path_key(ARTICLE), "version 0").unwrap();

    // How many write operations one save makes (WAL append, sync, sometimes a checkpoint).
    faulty_vfs::arm(0, Fault::DiskFull);
    save(&world.desk, &key, "version counted").unwrap();
    let per_save = faulty_vfs::ops();
    assert!(
        per_save >= 2,
        "a save writes and syncs ({per_save} operations)"
    );
    let mut acknowledged = "version counted".to_owned();
    let (mut failed, mut passed) = (0, 0);

    for fault in [Fault::DiskFull, Fault::IoError] {
        // One past the count too: a fault that hits no write must leave the save intact.
        for n in 1..=per_save + 2 {
            let text = format!("version {fault:?} {n}");
            faulty_vfs::arm(n, fault);
            let result = save(&world.desk, &key, &text);
            faulty_vfs::disarm();
            match result {
                Ok(_) => {
                    passed += 1;
                    acknowledged = text.clone();
                }
                Err(e) => {
                    failed += 1;
                    let expected = match fault {
                        Fault::DiskFull => "disk_full",
                        Fault::IoError => "disk_error",
                    };
                    assert!(
                        e.code() == expected || e.code() == "disk_error",
                        "{fault:?} at write {n}: code {} ({e})",
                        e.code()
                    );
                    let message = e.to_string();
                    assert!(
                        message.contains("not saved yet")
                            && message.contains("stays in the editor"),
                        "{fault:?} at write {n}: the message says what happened and what to do: {message}"
                    );
                }
            }
            assert_eq!(
                text_after_restart(&world, &key),
                acknowledged,
                "{fault:?} at write {n}: the store holds the last acknowledged save"
            );
            // The app's retry: the same Desk saves the same text once the fault is gone.
            save(&world.desk, &key, &text).unwrap_or_else(|e| {
                panic!("{fault:?} at write {n}: saving again after the fault failed: {e}")
            });
            acknowledged = text;
            assert_eq!(text_after_restart(&world, &key), acknowledged);
        }
    }
    eprintln!(
        "{per_save} write operations per save; {failed} faulted saves reported as failed, {passed} completed"
    );
    assert!(
        failed >= per_save as usize,
        "the faults hit the saves ({failed} failed)"
    );
}
