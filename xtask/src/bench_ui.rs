//! `cargo xtask bench-ui`: the UI benchmark of issue 7 (start, open, typing latency, memory)
//! through the real app under Xvfb, printed as figures against the targets. Not part of
//! `cargo xtask test`: it takes minutes and its figures depend on the machine.

use std::process::Command;

use super::{Result, build_ui, cargo, exe, root, setup, step, target_dir, tauri_driver_path};

pub fn bench_ui() -> Result {
    setup(true)?;
    build_ui()?;
    step(
        "build the app",
        cargo().args(["build", "--package", "barents-desk-app"]),
    )?;
    let app = target_dir().join("debug").join(exe("barents-desk"));
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
        .env("DESK_E2E_ARTIFACTS", &artifacts);
    step("UI benchmark", &mut cmd)
}
