//! axe-core (the engine of the browsers' accessibility checkers) run inside the app's web view:
//! every WCAG 2.1 A/AA rule and axe's best practices, colour contrast measured on the rendered
//! colours. A failure lists each rule, why, and where, with a screenshot. Used by
//! tests/accessibility.rs (the tour of the main views) and by scenario tests that reach views
//! the tour cannot (a sync conflict needs a server and a second editor).

use std::path::Path;

use fantoccini::Client;

use crate::{eval, screenshot};

/// axe-core's browser build, from the UI's npm dependencies (`cargo xtask setup` installs it).
pub fn source() -> String {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}. axe-core is a dev dependency of ui/; run `cargo xtask setup` (or npm ci in ui/)",
            path.display()
        )
    })
}

/// Runs axe on the whole window and fails with every violation found, named by `view`.
pub async fn check(client: &Client, axe: &str, out: &Path, view: &str) {
    let loaded = eval(client, "typeof window.axe !== 'undefined'").await;
    if loaded.as_bool() != Some(true) {
        client
            .execute(&format!("{axe}\nreturn true;"), vec![])
            .await
            .expect("load axe-core into the web view");
    }
    let script = r#"const done = arguments[arguments.length - 1];
        window.axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
          resultTypes: ['violations'],
        }).then((r) => done({
          passes: r.passes.length,
          violations: r.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            nodes: v.nodes.slice(0, 6).map((n) => n.target.join(' ') + ' — ' + n.failureSummary.replace(/\s+/g, ' ')),
          })),
        }), (e) => done({ error: String(e) }));"#;
    let result = client
        .execute_async(script, vec![])
        .await
        .expect("run axe-core");
    assert!(
        result.get("error").is_none(),
        "axe-core failed to run on {view}: {result}"
    );
    let shot = screenshot(client, out, &format!("axe-{view}")).await;
    let violations = result["violations"].as_array().cloned().unwrap_or_default();
    let passes = result["passes"].as_u64().unwrap_or(0);
    assert!(
        passes > 10,
        "axe-core checked almost nothing on {view}: {result}"
    );
    if !violations.is_empty() {
        let mut report = String::new();
        for v in &violations {
            report.push_str(&format!(
                "\n- {} ({}): {}",
                v["id"].as_str().unwrap_or("?"),
                v["impact"].as_str().unwrap_or("?"),
                v["help"].as_str().unwrap_or("?")
            ));
            for n in v["nodes"].as_array().into_iter().flatten() {
                report.push_str(&format!("\n    {}", n.as_str().unwrap_or("?")));
            }
        }
        panic!(
            "{} accessibility violation(s) on {view} (screenshot {}):{report}",
            violations.len(),
            shot.display()
        );
    }
    println!("{view}: {passes} axe rules pass, no violations");
}
