//! The security settings of the shell, pinned: a regression in tauri.conf.json, in the
//! capabilities or in the tauri version fails here (DESIGN.md, "content never runs there").

use std::path::Path;

use serde_json::Value;

use crate::command_names::COMMANDS;

fn read_json(rel: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn csp_directives() -> Vec<(String, Vec<String>)> {
    let conf = read_json("tauri.conf.json");
    let csp = conf["app"]["security"]["csp"]
        .as_str()
        .expect("app.security.csp is a string and is set");
    csp.split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| {
            let mut words = d.split_whitespace().map(str::to_owned);
            (words.next().unwrap_or_default(), words.collect())
        })
        .collect()
}

fn directive(name: &str) -> Vec<String> {
    csp_directives()
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("the CSP has no {name}"))
        .1
}

#[test]
fn csp_forbids_inline_and_evaluated_script_and_plugins() {
    let all: Vec<String> = csp_directives().into_iter().flat_map(|(_, v)| v).collect();
    for forbidden in [
        "'unsafe-eval'",
        "'unsafe-inline'",
        "'wasm-unsafe-eval'",
        "*",
        "http:",
        "https:",
    ] {
        assert!(
            !all.iter().any(|s| s == forbidden),
            "the CSP must not allow {forbidden}"
        );
    }
    assert_eq!(directive("default-src"), ["'self'"]);
    assert_eq!(directive("script-src"), ["'self'"]);
    assert_eq!(directive("object-src"), ["'none'"]);
    assert_eq!(directive("base-uri"), ["'none'"]);
    assert_eq!(directive("frame-ancestors"), ["'none'"]);
    assert!(
        directive("connect-src")
            .iter()
            .all(|s| s == "ipc:" || s == "http://ipc.localhost"),
        "connect-src reaches only Tauri's IPC"
    );
}

#[test]
fn no_global_tauri_and_a_frozen_prototype() {
    let conf = read_json("tauri.conf.json");
    assert_eq!(conf["app"]["withGlobalTauri"], Value::Bool(false));
    assert_eq!(
        conf["app"]["security"]["freezePrototype"],
        Value::Bool(true)
    );
    assert!(
        conf["app"]["security"]
            .get("dangerousDisableAssetCspModification")
            .is_none(),
        "Tauri must keep adding nonces and hashes to the CSP"
    );
    assert!(
        conf["build"].get("devUrl").is_none(),
        "the app always loads the embedded UI"
    );
}

#[test]
fn capabilities_grant_the_app_s_commands_and_nothing_general() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities");
    let mut granted = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let cap = read_json(&format!(
            "capabilities/{}",
            path.file_name().unwrap().to_string_lossy()
        ));
        assert!(
            cap.get("remote").is_none(),
            "{}: no remote URLs may reach IPC",
            path.display()
        );
        assert_eq!(
            cap["windows"],
            serde_json::json!(["main"]),
            "{}",
            path.display()
        );
        for p in cap["permissions"].as_array().expect("permissions") {
            granted.push(
                p.as_str()
                    .expect("plain permission names, no scoped objects")
                    .to_owned(),
            );
        }
    }
    let mut expected: Vec<String> = COMMANDS
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    expected.extend([
        "core:event:allow-listen".into(),
        "core:event:allow-unlisten".into(),
    ]);
    granted.sort();
    expected.sort();
    assert_eq!(
        granted, expected,
        "capabilities must grant exactly the app's own commands and event listening"
    );
}

#[test]
fn tauri_is_2_x_at_or_above_2_11_1() {
    let lock = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock"))
        .unwrap();
    let version = lock
        .split("[[package]]")
        .find(|p| p.contains("\nname = \"tauri\"\n"))
        .and_then(|p| p.lines().find_map(|l| l.strip_prefix("version = \"")))
        .map(|v| v.trim_end_matches('"').to_owned())
        .expect("tauri in Cargo.lock");
    let parts: Vec<u64> = version
        .split(['.', '-'])
        .take(3)
        .map(|p| p.parse().unwrap_or(0))
        .collect();
    assert_eq!(parts[0], 2, "tauri {version}: stay on 2.x, not a 3.0 alpha");
    assert!(
        parts[1..] >= [11, 1][..],
        "tauri {version} lacks security fixes from 2.11.1"
    );
}

// ---- wt-editor: the preview pane ----

/// The preview is a `sandbox=""` iframe with `srcdoc` (ui/src/components/Preview.svelte).
/// WebKitGTK shows an about:srcdoc frame under `frame-src 'none'` (it is not fetched; the e2e
/// test editor.rs sees it render), so the CSP grants no frame source at all, and the frame's
/// only subresource, /preview.css, is covered by style-src 'self'.
#[test]
fn frames_may_load_nothing_and_the_preview_needs_no_exception() {
    assert_eq!(directive("frame-src"), ["'none'"]);
    assert!(
        csp_directives().iter().all(|(n, _)| n != "child-src"),
        "no child-src: frame-src decides for frames"
    );
    assert_eq!(directive("style-src"), ["'self'"]);
    let preview = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/components/Preview.svelte"),
    )
    .unwrap();
    assert!(
        preview.contains("sandbox=\"\"") && preview.contains("srcdoc="),
        "the preview frame is sandboxed with no permissions and gets its HTML inline"
    );
    assert!(
        !preview.contains("allow-scripts") && !preview.contains("allow-same-origin"),
        "the preview frame never runs script or shares the window's origin"
    );
}
