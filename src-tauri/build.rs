//! Tauri's build step, with the app's own commands declared so that each needs an explicit
//! grant in capabilities/ (by default Tauri would allow every app command to every window).

include!("src/command_names.rs");

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed: check tauri.conf.json and capabilities/");
}
