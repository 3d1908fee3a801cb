//! How WebKitGTK draws the window, chosen before it starts (Linux only). Its compositing draws
//! with OpenGL; a machine without a GPU (a virtual desktop, a remote session, CI under Xvfb) has
//! no DRM render node, and Mesa then runs that OpenGL in software (llvmpipe). Measured on such a
//! machine with a 5,000-word text (`cargo xtask bench-ui`): llvmpipe's threads took half of the
//! web process's CPU, and each keystroke cost about twice the CPU it costs without compositing.
//! So without a render node compositing is turned off (`WEBKIT_DISABLE_COMPOSITING_MODE`), unless
//! the user already set that variable either way. Machines with a GPU keep WebKit's default.

use std::path::Path;

/// The variable WebKitGTK reads at start to draw without compositing.
pub const DISABLE_COMPOSITING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Must run first in `main`, before any thread exists (it sets a process environment variable).
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
pub fn choose_before_webkit_starts() {
    if std::env::var_os(DISABLE_COMPOSITING).is_some() || has_render_node(Path::new("/dev/dri")) {
        return;
    }
    // SAFETY: called at the top of `main`, before the logger, Tauri or any other thread starts,
    // so nothing reads the environment concurrently.
    unsafe { std::env::set_var(DISABLE_COMPOSITING, "1") };
}

#[cfg(not(target_os = "linux"))]
pub fn choose_before_webkit_starts() {}

/// Whether `dri` (normally /dev/dri) holds a DRM render node (`renderD128`...): a GPU that
/// OpenGL can use without a display server's help.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
pub fn has_render_node(dri: &Path) -> bool {
    std::fs::read_dir(dri).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    })
}

#[cfg(test)]
mod tests {
    use super::has_render_node;

    #[test]
    fn a_render_node_is_a_gpu_and_a_card_alone_or_no_folder_is_not() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let dri = dir.path().join("dri");
        assert!(!has_render_node(&dri), "no /dev/dri at all");
        std::fs::create_dir(&dri).expect("dri");
        std::fs::write(dri.join("card0"), b"").expect("card0");
        assert!(
            !has_render_node(&dri),
            "a display card without a render node"
        );
        std::fs::write(dri.join("renderD128"), b"").expect("renderD128");
        assert!(has_render_node(&dri));
    }
}
