//! Drafts that are never lost, through the real app (issue 4): a word typed into an entry is
//! found by the sidebar search from its first letters and the hit opens the entry; an older
//! revision is restored and the editor shows it (the replaced text stays in the history); a
//! discarded draft is restored from the trash; and a real full disk (the app's data folder on a
//! 4 MB tmpfs) shows a clear message, never "saved", until space returns and the save lands in
//! the store.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use desk_e2e::open_row;
use desk_e2e::{Driver, artifacts, click, eval, find, screenshot, testid, wait_saved, wait_until};
use fantoccini::Client;
use fantoccini::key::Key;

const ARTICLE: &str = "content/articles/youth-forum-lulea.md";
const OTHER: &str = "content/articles/winter-crossing-kirkenes.md";

/// A word no demo entry contains, different on every run.
fn unique_word(stem: &str) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    // Letters only, so the search tokenizer sees one word.
    let tail: String = format!("{nanos:09}")
        .bytes()
        .map(|b| char::from(b'a' + (b - b'0')))
        .collect();
    format!("{stem}{tail}")
}

async fn wait_for_entries(client: &Client) {
    wait_until(
        client,
        "the demo site's entries in the list",
        "document.querySelectorAll('[data-testid=\"entry-row\"]').length >= 6",
    )
    .await;
}

/// Places the caret at the end of the editor's text and types.
async fn type_at_end_of_body(client: &Client, text: &str) {
    eval(
        client,
        "(() => { const el = document.querySelector('.ProseMirror'); el.scrollIntoView({ block: 'center' }); el.focus(); const r = document.createRange(); r.selectNodeContents(el); r.collapse(false); const s = getSelection(); s.removeAllRanges(); s.addRange(r); return true; })()",
    )
    .await;
    let editor = client.active_element().await.expect("the focused editor");
    editor
        .send_keys(&format!("{}{text}", char::from(Key::End)))
        .await
        .expect("type into the editor");
}

async fn editor_text(client: &Client) -> String {
    eval(client, "document.querySelector('.ProseMirror').innerText")
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// A word typed into an entry is found by its first letters; the hit opens the entry.
async fn a_typed_word_is_found_by_its_prefix_and_opens_its_entry(client: &Client, out: &Path) {
    let client = client.clone();

    let word = unique_word("Fjordsearch");
    open_row(&client, ARTICLE).await;
    type_at_end_of_body(
        &client,
        &format!("{}Seen from {word} today.", char::from(Key::Enter)),
    )
    .await;
    wait_saved(&client).await;
    // Another entry is open when searching, so opening the hit is a real switch.
    open_row(&client, OTHER).await;

    let prefix = &word[..word.len() - 4].to_lowercase();
    let search = find(&client, &testid("entry-search")).await;
    search.send_keys(prefix).await.expect("type the prefix");
    wait_until(
        &client,
        "the edited article as the only hit, its word marked in the snippet",
        &format!(
            "(() => {{ const hits = [...document.querySelectorAll('[data-testid=\"search-hit\"]')]; return hits.length === 1 && hits[0].dataset.path === '{ARTICLE}' && hits[0].querySelector('[data-testid=\"search-hit-snippet\"] mark')?.innerText === '{word}'; }})()"
        ),
    )
    .await;
    screenshot(&client, out, "0-search-hit").await;

    // Keyboard: Down to the hit, Enter opens it.
    search
        .send_keys(&char::from(Key::Down).to_string())
        .await
        .expect("down to the hit");
    let focused = client.active_element().await.expect("focused element");
    assert_eq!(
        focused.attr("data-testid").await.expect("attr").as_deref(),
        Some("search-hit"),
        "Down from the search box moves to the first hit"
    );
    focused
        .send_keys(&char::from(Key::Enter).to_string())
        .await
        .expect("Enter on the hit");
    wait_until(
        &client,
        "the article with the typed word in the editor",
        &format!("document.querySelector('.ProseMirror')?.innerText.includes('{word}')"),
    )
    .await;

    // Escape clears the search and brings the list back.
    let search = find(&client, &testid("entry-search")).await;
    search.click().await.expect("focus the search box");
    search
        .send_keys(&char::from(Key::Escape).to_string())
        .await
        .expect("Escape");
    wait_until(
        &client,
        "the entry list back",
        "document.querySelector('[data-testid=\"entry-search\"]').value === '' && document.querySelectorAll('[data-testid=\"entry-row\"]').length >= 6",
    )
    .await;
}

async fn publish(client: &Client) {
    click(client, "publish-button").await;
    wait_until(
        client,
        "the identity dialog or a publish result",
        "document.querySelector('[data-testid=\"identity-dialog\"]')?.open || document.querySelector('[data-testid=\"publish-state\"]')?.dataset.publishState",
    )
    .await;
    if eval(
        client,
        "!!document.querySelector('[data-testid=\"identity-dialog\"]')?.open",
    )
    .await
        == true
    {
        find(client, &testid("identity-name"))
            .await
            .send_keys("Áile Somby")
            .await
            .expect("name");
        find(client, &testid("identity-email"))
            .await
            .send_keys("aile@barents.example")
            .await
            .expect("e-mail");
        click(client, "identity-save").await;
    }
    wait_until(
        client,
        "the publish to finish",
        "document.querySelector('[data-testid=\"publish-state\"]')?.dataset.publishState === 'published'",
    )
    .await;
}

/// One app session (starting the app is the slow part): search, then revisions, the trash and
/// the editorial state.
#[tokio::test(flavor = "multi_thread")]
async fn a_typed_word_is_found_an_older_revision_restored_and_a_discarded_draft_recovered() {
    let out = artifacts("history_search");
    let data = out.join("data");
    let driver = Driver::start(&data, &out);
    let client = driver.launch().await;
    wait_for_entries(&client).await;
    a_typed_word_is_found_by_its_prefix_and_opens_its_entry(&client, &out).await;

    // Version one is published; version two is typed after it.
    let one = unique_word("Versionone");
    let two = unique_word("Versiontwo");
    open_row(&client, OTHER).await;
    type_at_end_of_body(
        &client,
        &format!("{}{one} was here.", char::from(Key::Enter)),
    )
    .await;
    wait_saved(&client).await;
    publish(&client).await;
    type_at_end_of_body(
        &client,
        &format!("{}{two} came later.", char::from(Key::Enter)),
    )
    .await;
    wait_saved(&client).await;

    // The history lists the autosave and the publish; the publish's diff shows the later line.
    click(&client, "history-toggle").await;
    wait_until(
        &client,
        "an autosave above the publish in the history",
        "(() => { const kinds = [...document.querySelectorAll('[data-testid=\"revision\"]')].map(r => r.dataset.kind); return kinds[0] === 'autosave' && kinds.includes('publish'); })()",
    )
    .await;
    find(
        &client,
        &format!("{}[data-kind=\"publish\"]", testid("revision")),
    )
    .await
    .click()
    .await
    .expect("choose the published version");
    wait_until(
        &client,
        "the later line shown as only in the current text",
        &format!(
            "[...document.querySelectorAll('[data-testid=\"revision-diff\"] ins')].some(l => l.innerText.includes('{two}'))"
        ),
    )
    .await;
    screenshot(&client, &out, "1-history-diff").await;

    click(&client, "revision-restore").await;
    wait_until(
        &client,
        "the editor showing the published version",
        &format!(
            "(() => {{ const t = document.querySelector('.ProseMirror')?.innerText ?? ''; return t.includes('{one}') && !t.includes('{two}'); }})()"
        ),
    )
    .await;
    // Restoring kept the replaced text: the newest revision is the restore, and the autosave
    // below it still holds the later line (shown as only in that version).
    wait_until(
        &client,
        "a restore revision on top",
        "document.querySelector('[data-testid=\"revision\"]')?.dataset.kind === 'restore'",
    )
    .await;
    find(
        &client,
        &format!("{}[data-kind=\"autosave\"]", testid("revision")),
    )
    .await
    .click()
    .await
    .expect("choose the autosave");
    wait_until(
        &client,
        "the replaced line kept in the autosave",
        &format!(
            "[...document.querySelectorAll('[data-testid=\"revision-diff\"] del')].some(l => l.innerText.includes('{two}'))"
        ),
    )
    .await;
    screenshot(&client, &out, "2-history-restored").await;
    click(&client, "history-close").await;

    // A new article, discarded, then restored from the trash.
    let title = format!("Trash test {}", unique_word("Fram"));
    click(&client, "new-entry-articles").await;
    wait_until(
        &client,
        "an empty title",
        "document.querySelector('[data-testid=\"title-input\"]')?.value === ''",
    )
    .await;
    let input = find(&client, &testid("title-input")).await;
    input.click().await.expect("focus the title");
    input.send_keys(&title).await.expect("type the title");
    type_at_end_of_body(&client, "A draft that goes to the trash and comes back.").await;
    wait_saved(&client).await;

    click(&client, "discard-draft").await;
    wait_until(
        &client,
        "the confirmation",
        "document.querySelector('[data-testid=\"confirm-dialog\"]')?.open",
    )
    .await;
    screenshot(&client, &out, "3-discard-confirm").await;
    click(&client, "confirm-ok").await;
    wait_until(
        &client,
        "the draft gone from the list and the editor",
        &format!(
            "document.querySelector('[data-testid=\"title-input\"]') === null && ![...document.querySelectorAll('[data-testid=\"entry-title\"]')].some(e => e.innerText === '{title}')"
        ),
    )
    .await;

    click(&client, "open-trash").await;
    wait_until(
        &client,
        "the draft in the trash, kept 30 days",
        &format!(
            "(() => {{ const item = [...document.querySelectorAll('[data-testid=\"trash-item\"]')].find(i => i.innerText.includes('{title}')); return !!item && item.innerText.includes('just now') && item.querySelector('[data-testid=\"trash-kept\"]').innerText.includes('(30 days left)'); }})()"
        ),
    )
    .await;
    screenshot(&client, &out, "4-trash").await;
    let draft_id = eval(
        &client,
        &format!(
            "[...document.querySelectorAll('[data-testid=\"trash-item\"]')].find(i => i.innerText.includes('{title}')).dataset.draftId"
        ),
    )
    .await;
    find(
        &client,
        &format!(
            "{}[data-draft-id=\"{}\"] {}",
            testid("trash-item"),
            draft_id.as_str().expect("a draft id"),
            testid("trash-restore")
        ),
    )
    .await
    .click()
    .await
    .expect("restore from the trash");
    wait_until(
        &client,
        "the restored draft open and listed",
        &format!(
            "document.querySelector('[data-testid=\"title-input\"]')?.value === '{title}' && document.querySelector('.ProseMirror')?.innerText.includes('comes back') && [...document.querySelectorAll('[data-testid=\"entry-title\"]')].some(e => e.innerText === '{title}') && !document.querySelector('[data-testid=\"trash-panel\"]')"
        ),
    )
    .await;
    screenshot(&client, &out, "5-restored-from-trash").await;

    // Sent for review: the entry view says by whom, and the list filters by the state.
    find(&client, &testid("editorial-select"))
        .await
        .select_by_value("inReview")
        .await
        .expect("choose In review");
    wait_until(
        &client,
        "the state in review, set by the publisher",
        "document.querySelector('[data-testid=\"editorial\"]')?.dataset.state === 'inReview' && document.querySelector('[data-testid=\"editorial-by\"]')?.innerText.startsWith('Áile Somby, today')",
    )
    .await;
    find(&client, &testid("filter-state"))
        .await
        .select_by_value("inReview")
        .await
        .expect("filter the list");
    wait_until(
        &client,
        "only the entry in review listed",
        &format!(
            "(() => {{ const t = [...document.querySelectorAll('[data-testid=\"entry-title\"]')].map(e => e.innerText); return t.length === 1 && t[0] === '{title}'; }})()"
        ),
    )
    .await;
    screenshot(&client, &out, "6-in-review").await;
    client.close().await.expect("end the session");
}

/// A tmpfs of `size` mounted on `dir` for the test's lifetime (unmounted lazily on drop, so a
/// failed test never leaves it behind). Fails the test, saying why, when it cannot be mounted.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, size: &str) -> Tmpfs {
        std::fs::create_dir_all(dir).expect("create the mount point");
        let how = format!("mount -t tmpfs -o size={size} tmpfs {}", dir.display());
        match Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .output()
        {
            Ok(o) if o.status.success() => Tmpfs(dir.to_path_buf()),
            Ok(o) => panic!(
                "the disk-full test needs a small file system for the app's data folder, and `{how}` failed: {}. Run the end-to-end tests as root on Linux (as CI does), or in a container allowed to mount (CAP_SYS_ADMIN).",
                String::from_utf8_lossy(&o.stderr).trim()
            ),
            Err(e) => panic!(
                "the disk-full test needs a small file system for the app's data folder, and `{how}` could not be run: {e}. It needs Linux and root."
            ),
        }
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// Writes a file until the file system is full; returns its size. Fails the test when the
/// folder is not size-limited (no "disk full" within 64 MB).
fn fill(dir: &Path) -> (PathBuf, u64) {
    use std::io::Write;
    let path = dir.join("filler.bin");
    let mut file = std::fs::File::create(&path).expect("create the filler file");
    let chunk = vec![0x5au8; 16 * 1024];
    let mut written = 0u64;
    loop {
        match file.write(&chunk) {
            Ok(0) => break,
            Ok(n) => written += n as u64,
            Err(e) if e.kind() == std::io::ErrorKind::StorageFull => break,
            Err(e) => panic!("filling {}: {e}", path.display()),
        }
        assert!(
            written < 64 << 20,
            "{} took 64 MB without filling up: it is not the small tmpfs this test mounted",
            dir.display()
        );
    }
    // Whatever the page cache held is on the tmpfs now; a last byte proves there is no room.
    let _ = file.flush();
    (path, written)
}

/// The open article's draft text, read from the app's store with SQLite (not through the app).
fn stored_draft(data: &Path, path: &str) -> String {
    let db = rusqlite::Connection::open_with_flags(
        data.join("desk.sqlite3"),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .expect("open the app's store");
    db.busy_timeout(Duration::from_secs(5))
        .expect("busy timeout");
    db.query_row(
        "SELECT title || ' ' || doc_json FROM drafts WHERE path = ?1",
        [path],
        |r| r.get(0),
    )
    .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_full_disk_is_explained_keeps_the_text_and_saving_resumes_when_space_returns() {
    let out = artifacts("history_search_disk_full");
    // Dropped last: the app is stopped before the file system goes.
    let data = out.join("data");
    let _tmpfs = Tmpfs::mount(&data, "4m");
    let driver = Driver::start(&data, &out);
    let client = driver.launch().await;
    wait_for_entries(&client).await;

    // Saving works to begin with.
    open_row(&client, ARTICLE).await;
    type_at_end_of_body(
        &client,
        &format!("{}Before the disk filled up.", char::from(Key::Enter)),
    )
    .await;
    wait_saved(&client).await;

    let (filler, size) = fill(&data);
    eprintln!("filled the data folder with {} KB", size / 1024);
    let word = unique_word("Diskfull");
    type_at_end_of_body(&client, &format!(" {word} typed on a full disk.")).await;
    wait_until(
        &client,
        "the full-disk message",
        "document.querySelector('[data-testid=\"save-problem\"]')?.dataset.code === 'disk_full'",
    )
    .await;
    let headline = eval(
        &client,
        "document.querySelector('[data-testid=\"save-problem\"]').innerText",
    )
    .await;
    let headline = headline.as_str().unwrap_or_default();
    assert!(
        headline.contains("the disk is full") && headline.contains("Free some space"),
        "the message says what went wrong and what to do: {headline}"
    );
    // It retries by itself, and never says "saved" while the disk is full.
    let started = std::time::Instant::now();
    while started.elapsed() < Duration::from_millis(2600) {
        let state = eval(
            &client,
            "document.querySelector('[data-testid=\"save-state\"]').dataset.saveState + '|' + document.querySelector('[data-testid=\"save-state\"]').innerText",
        )
        .await;
        let state = state.as_str().unwrap_or_default().to_owned();
        assert!(
            state.starts_with("error|Not saved"),
            "while the disk is full the status is {state}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    wait_until(
        &client,
        "a second failed try",
        "Number(document.querySelector('[data-testid=\"save-problem\"]')?.dataset.failures) >= 2",
    )
    .await;
    assert!(
        editor_text(&client).await.contains(&word),
        "the text stays in the editor"
    );
    assert!(
        !stored_draft(&data, ARTICLE).contains(&word),
        "the store does not have the word while the disk is full (the failure was real)"
    );
    screenshot(&client, &out, "1-disk-full").await;

    // Space returns: the next try saves, the message goes away.
    std::fs::remove_file(&filler).expect("delete the filler");
    wait_until(
        &client,
        "the save to succeed once space returned",
        "document.querySelector('[data-testid=\"save-state\"]')?.dataset.saveState === 'saved' && !document.querySelector('[data-testid=\"save-problem\"]')",
    )
    .await;
    screenshot(&client, &out, "2-saved-again").await;
    let stored = stored_draft(&data, ARTICLE);
    assert!(
        stored.contains(&word) && stored.contains("Before the disk filled up."),
        "the store has the text typed on the full disk: {}",
        &stored[..stored.len().min(400)]
    );
    client.close().await.expect("end the session");
}
