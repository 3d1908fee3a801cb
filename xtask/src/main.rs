//! `cargo xtask`: set-up and orchestration, so that two commands do everything on a fresh
//! Debian/Ubuntu machine:
//!
//! - `cargo xtask run`   installs what is missing, builds the UI and the app, opens the window;
//! - `cargo xtask test`  the same set-up, then every check: fmt, clippy, UI type check and unit
//!   tests, the workspace's tests, and the end-to-end test of the real app under Xvfb.
//!
//! Also `cargo xtask e2e` (only the end-to-end test), `cargo xtask bindings` (regenerate the
//! UI's TypeScript bindings), `cargo xtask setup` (only install) and `cargo xtask soak` (the
//! long runs: fuzzing, many-case property tests, fault soaks; see soak.rs), `cargo xtask bench-ui`
//! (the UI benchmark through the real app; see bench_ui.rs). No dependencies, so it
//! compiles in a second.

mod bench_ui;
mod soak;
mod soak_sync;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

/// Debian packages the app needs to build and run (Tauri on WebKitGTK), and that the
/// end-to-end test needs (Xvfb, WebKitWebDriver, a font).
const APT_PACKAGES: &[&str] = &[
    "build-essential",
    "pkg-config",
    "curl",
    "file",
    "libwebkit2gtk-4.1-dev",
    "libxdo-dev",
    "libssl-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
    "xvfb",
    "xauth",
    "webkit2gtk-driver",
    "fonts-dejavu-core",
    "git",
    // The events tests: Debian's hugo builds the demo site; pip installs Python's icalendar.
    "hugo",
    "python3-pip",
    "libimage-exiftool-perl",
    // Sync tests: an SSH server on loopback (sync_ssh), and the Secret Service the keychain
    // uses on Linux, run in a private D-Bus session (keychain_linux).
    "openssh-server",
    "gnome-keyring",
    "dbus-daemon",
    // Spell checking in the editor (src-tauri/src/spelling.rs): the site's languages.
    "hunspell-en-gb",
    "hunspell-en-us",
    "hunspell-ru",
];

/// Python's icalendar, the independent parser the events tests read the iCalendar feed with.
const PY_ICALENDAR: &str = "icalendar==7.3.2";

/// The oldest Node.js that Vite 8 runs on.
const MIN_NODE: (u32, u32) = (20, 19);

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let task = args.first().map(String::as_str).unwrap_or("help");
    let rest = args.get(1..).unwrap_or_default();
    let result = match task {
        "run" => run(rest),
        "test" => test(),
        "e2e" => setup(true).and_then(|_| e2e()),
        "bindings" => bindings(),
        "soak" => soak::soak(rest),
        "bench-ui" => bench_ui::bench_ui(rest),
        "setup" => setup(true),
        _ => {
            eprintln!(
                "usage: cargo xtask <run [-- app args] | test | e2e | bindings | setup | soak [--seconds N] [--only STEP] | bench-ui [--release]>"
            );
            return ExitCode::from(if task == "help" { 0 } else { 2 });
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask {task} failed: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root. `cargo run` sets CARGO_MANIFEST_DIR at run time too; that value wins
/// over the compile-time one, because a target folder shared by two clones can hand one
/// clone an xtask binary built in the other.
fn root() -> PathBuf {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest_dir
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|p| if p.is_absolute() { p } else { root().join(p) })
        .unwrap_or_else(|| root().join("target"))
}

fn run(args: &[String]) -> Result {
    setup(false)?;
    build_ui()?;
    if cfg!(target_os = "linux")
        && std::env::var_os("DISPLAY").is_none()
        && std::env::var_os("WAYLAND_DISPLAY").is_none()
    {
        eprintln!(
            "note: no DISPLAY or WAYLAND_DISPLAY is set, so the window has nowhere to appear.\n      On a machine without a screen, run: xvfb-run -a cargo xtask run"
        );
    }
    // The README's promise: the app opens on the embedded demo site. `--welcome` starts it as
    // an installed app starts (the last site used, else the Welcome screen).
    let welcome = args.iter().any(|a| a == "--welcome");
    let mut cmd = cargo();
    cmd.args(["run", "--package", "barents-desk-app", "--"]);
    if !welcome {
        cmd.arg("--demo");
    }
    cmd.args(args.iter().filter(|a| *a != "--welcome"));
    step("start Barents Desk", &mut cmd)
}

fn test() -> Result {
    let started = Instant::now();
    setup(true)?;
    build_ui()?;
    let ui = root().join("ui");
    let mut times: Vec<(&str, Duration)> = Vec::new();
    let mut timed = |name: &'static str, cmd: &mut Command| -> Result {
        let t = Instant::now();
        step(name, cmd)?;
        times.push((name, t.elapsed()));
        Ok(())
    };
    timed(
        "cargo fmt --check",
        cargo().args(["fmt", "--all", "--check"]),
    )?;
    timed(
        "cargo clippy",
        cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    timed(
        "UI type check (svelte-check)",
        npm(&ui).args(["run", "check"]),
    )?;
    timed("UI unit tests (vitest)", npm(&ui).args(["test"]))?;
    timed(
        "cargo test (workspace)",
        cargo().args(["test", "--workspace", "--exclude", "desk-e2e"]),
    )?;
    let t = Instant::now();
    e2e()?;
    times.push(("end-to-end (app under Xvfb)", t.elapsed()));
    eprintln!("\nall checks passed in {:.0?}:", started.elapsed());
    for (name, d) in times {
        eprintln!("  {:<32} {:>6.1}s", name, d.as_secs_f64());
    }
    Ok(())
}

/// Builds the app and runs the end-to-end tests under a private X server.
fn e2e() -> Result {
    step(
        "build the app",
        cargo().args(["build", "--package", "barents-desk-app"]),
    )?;
    let app = target_dir().join("debug").join(exe("barents-desk"));
    let artifacts = target_dir().join("e2e-artifacts");
    std::fs::create_dir_all(&artifacts).map_err(|e| format!("{}: {e}", artifacts.display()))?;
    let driver = tauri_driver_path()?;
    let mut cmd = if cfg!(target_os = "linux") {
        let mut c = Command::new("xvfb-run");
        c.args(["-a", "-s", "-screen 0 1280x800x24", "cargo"]);
        c
    } else {
        Command::new("cargo")
    };
    cmd.current_dir(root())
        .args(["test", "--package", "desk-e2e", "--", "--test-threads=1"])
        .env("DESK_E2E_APP", &app)
        .env("DESK_E2E_DRIVER", &driver)
        .env("DESK_E2E_ARTIFACTS", &artifacts);
    step("end-to-end tests", &mut cmd)?;
    eprintln!("screenshots: {}", artifacts.display());
    Ok(())
}

fn bindings() -> Result {
    step(
        "regenerate ui/src/lib/bindings.ts",
        cargo()
            .args([
                "test",
                "--package",
                "barents-desk",
                "--test",
                "ipc_bindings",
            ])
            .env("UPDATE_BINDINGS", "1"),
    )
}

/// Installs what is missing: system packages (apt), Node.js if too old, the UI's npm
/// packages (`npm ci`), and tauri-driver for the end-to-end tests.
fn setup(for_tests: bool) -> Result {
    apt_packages()?;
    let node = node_bin_dir()?;
    if let Some(dir) = &node {
        prepend_path(dir);
    }
    npm_ci()?;
    if for_tests {
        python_icalendar()?;
        tauri_driver_path()?;
    }
    Ok(())
}

fn apt_packages() -> Result {
    if !cfg!(target_os = "linux") || which("dpkg-query").is_none() {
        eprintln!(
            "note: not a Debian/Ubuntu system; install Tauri's prerequisites yourself (https://v2.tauri.app/start/prerequisites/)"
        );
        return Ok(());
    }
    let missing: Vec<&str> = APT_PACKAGES
        .iter()
        .copied()
        .filter(|p| !dpkg_installed(p))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    eprintln!("installing system packages: {}", missing.join(" "));
    let sudo = !is_root();
    let apt = |args: &[&str]| -> Command {
        let mut c = if sudo {
            let mut c = Command::new("sudo");
            c.arg("apt-get");
            c
        } else {
            Command::new("apt-get")
        };
        c.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        c
    };
    step("apt-get update", &mut apt(&["update", "-q"]))?;
    let mut install = apt(&["install", "-y", "-q", "--no-install-recommends"]);
    install.args(&missing);
    step("apt-get install", &mut install)
}

/// Installs Python's icalendar (pinned) unless `import icalendar` already works.
fn python_icalendar() -> Result {
    let python = |args: &[&str]| {
        Command::new("python3")
            .args(args)
            .status()
            .is_ok_and(|s| s.success())
    };
    let present = Command::new("python3")
        .args(["-c", "import icalendar"])
        .output()
        .is_ok_and(|o| o.status.success());
    if present {
        return Ok(());
    }
    eprintln!("installing Python's {PY_ICALENDAR} (the events tests' iCalendar parser)");
    let user: &[&str] = if is_root() { &[] } else { &["--user"] };
    let install = |extra: &[&str]| {
        let mut args = vec!["-m", "pip", "install", "--quiet"];
        args.extend(user);
        args.extend(extra);
        args.push(PY_ICALENDAR);
        python(&args)
    };
    // Debian 12 marks its Python as externally managed (PEP 668): pip then needs the flag.
    if install(&[]) || install(&["--break-system-packages"]) {
        Ok(())
    } else {
        Err(format!(
            "could not install {PY_ICALENDAR} with pip; install it yourself (python3 -m pip install {PY_ICALENDAR})"
        ))
    }
}

fn dpkg_installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", package])
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Makes sure a recent enough Node.js is available; returns a folder to put first on PATH
/// when one had to be installed into target/.
fn node_bin_dir() -> Result<Option<PathBuf>> {
    let local = target_dir().join("node-runtime");
    let local_bin = local.join("node_modules").join("node").join("bin");
    if node_version(&local_bin.join(exe("node"))).is_some_and(|v| v >= MIN_NODE) {
        return Ok(Some(local_bin));
    }
    if node_version(Path::new("node")).is_some_and(|v| v >= MIN_NODE) {
        return Ok(None);
    }
    if which("npm").is_none() && which("apt-get").is_some() {
        let mut c = if is_root() {
            Command::new("apt-get")
        } else {
            Command::new("sudo")
        };
        if !is_root() {
            c.arg("apt-get");
        }
        c.args([
            "install",
            "-y",
            "-q",
            "--no-install-recommends",
            "nodejs",
            "npm",
        ])
        .env("DEBIAN_FRONTEND", "noninteractive");
        step("apt-get install nodejs npm", &mut c)?;
        if node_version(Path::new("node")).is_some_and(|v| v >= MIN_NODE) {
            return Ok(None);
        }
    }
    if which("npm").is_none() {
        return Err(format!(
            "Node.js {}.{} or newer is needed to build the UI, and npm is not available to fetch it. Install Node.js (https://nodejs.org) and run again.",
            MIN_NODE.0, MIN_NODE.1
        ));
    }
    // The system's Node is too old (Debian 12 ships 18): fetch Node 22 from the npm registry
    // into target/, used only by this project.
    eprintln!(
        "the installed Node.js is older than {}.{}; fetching Node.js 22 into {}",
        MIN_NODE.0,
        MIN_NODE.1,
        local.display()
    );
    std::fs::create_dir_all(&local).map_err(|e| e.to_string())?;
    step(
        "npm install node@22",
        Command::new("npm")
            .args(["install", "--no-save", "--no-package-lock", "--prefix"])
            .arg(&local)
            .arg("node@22"),
    )?;
    match node_version(&local_bin.join(exe("node"))) {
        Some(v) if v >= MIN_NODE => Ok(Some(local_bin)),
        _ => Err("fetching Node.js 22 from the npm registry did not give a working node".into()),
    }
}

fn node_version(node: &Path) -> Option<(u32, u32)> {
    let out = Command::new(node).arg("--version").output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let mut parts = text.trim().trim_start_matches('v').split('.');
    Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
}

/// Puts `dir` first on the PATH of every command this process starts.
fn prepend_path(dir: &Path) {
    let mut paths = vec![dir.to_path_buf()];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    if let Ok(joined) = std::env::join_paths(paths) {
        let _ = PATH_OVERRIDE.set(joined);
    }
}

/// A PATH for child processes, set once when a project-local Node.js is used.
static PATH_OVERRIDE: std::sync::OnceLock<std::ffi::OsString> = std::sync::OnceLock::new();

/// `npm ci` when node_modules is missing or older than the lock file.
fn npm_ci() -> Result {
    let ui = root().join("ui");
    let lock = ui.join("package-lock.json");
    let stamp = ui.join("node_modules").join(".package-lock.json");
    let fresh = match (modified(&lock), modified(&stamp)) {
        (Some(lock), Some(stamp)) => stamp >= lock,
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    step(
        "npm ci (ui)",
        npm(&ui).args(["ci", "--no-audit", "--no-fund"]),
    )
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

fn build_ui() -> Result {
    step(
        "build the UI (vite)",
        npm(&root().join("ui")).args(["run", "build"]),
    )
}

/// tauri-driver (the WebDriver bridge to WebKitWebDriver), installed with cargo if missing.
fn tauri_driver_path() -> Result<PathBuf> {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .ok_or("neither CARGO_HOME nor HOME is set")?;
    let installed = cargo_home.join("bin").join(exe("tauri-driver"));
    if installed.exists() {
        return Ok(installed);
    }
    if let Some(found) = which("tauri-driver") {
        return Ok(found);
    }
    step(
        "cargo install tauri-driver",
        Command::new("cargo").args(["install", "tauri-driver", "--version", "^2", "--locked"]),
    )?;
    if installed.exists() {
        Ok(installed)
    } else {
        Err(format!(
            "tauri-driver was installed but is not at {}",
            installed.display()
        ))
    }
}

fn cargo() -> Command {
    let mut c = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    c.current_dir(root());
    c
}

fn npm(dir: &Path) -> Command {
    let mut c = Command::new(if cfg!(windows) { "npm.cmd" } else { "npm" });
    c.current_dir(dir);
    c
}

fn exe(name: &str) -> String {
    format!("{name}{}", std::env::consts::EXE_SUFFIX)
}

fn which(program: impl AsRef<OsStr>) -> Option<PathBuf> {
    let program = program.as_ref();
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
}

/// Runs one step, echoing it; fails with the step's name.
fn step(name: &str, cmd: &mut Command) -> Result {
    if let Some(path) = PATH_OVERRIDE.get() {
        cmd.env("PATH", path);
    }
    eprintln!("\n==> {name}");
    let status = cmd
        .status()
        .map_err(|e| format!("{name}: could not start {:?}: {e}", cmd.get_program()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{name} failed ({status})"))
    }
}
