//! `desk clone URL DIR` (progress on stderr), `desk login --url URL --user NAME` (the password
//! or token read from standard input, kept in the OS keychain), and `desk trust-host URL
//! --fingerprint SHA256:...` (trust an SSH server only when its key has the fingerprint the
//! administrator gave).

use std::io::BufRead;
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use desk::api::Desk;
use desk::api::types::ServerLogin;

pub fn clone(desk: &Desk, url: &str, dir: &Path) -> desk::Result<ExitCode> {
    let mut last_percent = None;
    let startup = desk.clone_site(
        url,
        dir,
        |p| {
            if p.total_objects == 0 {
                return;
            }
            let percent = u64::from(p.received_objects) * 100 / u64::from(p.total_objects);
            if last_percent != Some(percent) {
                last_percent = Some(percent);
                eprint!(
                    "\rreceiving objects: {percent}% ({}/{}), {} KiB",
                    p.received_objects,
                    p.total_objects,
                    p.received_bytes / 1024
                );
            }
        },
        &AtomicBool::new(false),
    )?;
    if last_percent.is_some() {
        eprintln!();
    }
    println!("cloned\t{}\t{}", startup.site.root, startup.site.branch);
    Ok(ExitCode::SUCCESS)
}

pub fn login(desk: &Desk, url: &str, user: &str) -> desk::Result<ExitCode> {
    let mut password = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut password)
        .map_err(|e| desk::Error::Validation(format!("Could not read the password: {e}.")))?;
    let password = password.trim_end_matches(['\n', '\r']).to_owned();
    desk.set_login(&ServerLogin {
        url: url.into(),
        username: user.into(),
        password,
    })?;
    println!("saved in the keychain\t{url}");
    Ok(ExitCode::SUCCESS)
}

pub fn trust_host(desk: &Desk, url: &str, fingerprint: &str) -> desk::Result<ExitCode> {
    match desk.probe_server(url) {
        Ok(()) => {
            println!("already trusted\t{url}");
            Ok(ExitCode::SUCCESS)
        }
        Err(e) if e.code() == "unknown_host" => {
            let key = e.report().host_key.ok_or(e)?;
            if key.fingerprint != fingerprint {
                eprintln!(
                    "desk: the server's key is {} {}, not {fingerprint}; nothing was trusted.",
                    key.key_type, key.fingerprint
                );
                return Ok(ExitCode::from(1));
            }
            desk.trust_host(&key)?;
            println!("trusted\t{}:{}\t{}", key.host, key.port, key.fingerprint);
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Err(e),
    }
}
