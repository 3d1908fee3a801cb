//! `cargo xtask bench-ui`: the UI benchmark of issue 7 (start, open, typing latency, memory)
//! through the real app under Xvfb, printed as figures against the targets. Not part of
//! `cargo xtask test`: it takes minutes and its figures depend on the machine. `--release`
//! measures the optimised build users get (the figures that count); the default is the debug
//! build the tests use, which is quicker to build.

use std::process::Command;

use super::{Result, build_ui, cargo, exe, root, setup, step, target_dir, tauri_driver_path};

pub fn bench_ui(args: &[String]) -> Result {
    let release = args.iter().any(|a| a == "--release");
    if let Some(other) = args.iter().find(|a| *a != "--release") {
        return Err(format!("bench-ui: unknown option {other} (only --release)"));
    }
    setup(true)?;
    build_ui()?;
    let mut build = cargo();
    build.args(["build", "--package", "barents-desk-app"]);
    if release {
        build.arg("--release");
    }
    step("build the app", &mut build)?;
    let profile = if release { "release" } else { "debug" };
    let app = target_dir().join(profile).join(exe("barents-desk"));
    let artifacts = target_dir().join("bench-artifacts");
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
        .args(["run", "--package", "desk-e2e", "--bin", "bench_ui"])
        .env("DESK_E2E_APP", &app)
        .env("DESK_E2E_DRIVER", &driver)
        .env("DESK_E2E_ARTIFACTS", &artifacts)
        .env("DESK_BENCH_PROFILE", profile);
    step("UI benchmark", &mut cmd)
}
