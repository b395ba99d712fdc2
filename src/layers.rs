//! The dependency rule, checked: every module of the library uses only
//! modules of its own layer or the layers below (README, *Design*). A module
//! that reaches upwards fails this test with the file and the path it uses.

use std::path::{Path, PathBuf};

/// Layers from the bottom, each a list of source paths (a folder or a file
/// under `src/`). Report data (the report's types, built by the pipeline)
/// and the exit status it gives sit below the pipeline; the report writers
/// sit at the edge.
const LAYERS: &[(&str, &[&str])] = &[
    ("model", &["evidence", "error", "lang.rs", "limits.rs"]),
    ("imaging", &["imaging"]),
    ("pages", &["source", "raster.rs", "discover.rs"]),
    ("detect", &["mrz", "card", "detect"]),
    ("score", &["score.rs"]),
    ("report data", &["report/mod.rs", "report/thumbnail.rs", "exit.rs"]),
    ("pipeline", &["pipeline.rs", "bytes.rs"]),
    ("presentation", &["i18n", "report"]),
];

/// The layer of a path under `src/` (`None`: the facade and this test).
fn layer_of(rel: &str) -> Option<usize> {
    // The most specific entry wins (report/mod.rs before report/).
    let mut best: Option<(usize, usize)> = None;
    for (i, (_, paths)) in LAYERS.iter().enumerate() {
        for p in *paths {
            let hit = rel == *p || rel.starts_with(&format!("{p}/")) || rel == format!("{p}.rs");
            if hit && best.is_none_or(|(len, _)| p.len() > len) {
                best = Some((p.len(), i));
            }
        }
    }
    best.map(|(_, i)| i)
}

/// The layer a `crate::` path lands in: that of the deepest module file
/// the path names (`report::html::render` lands in `report/html.rs`,
/// `report::Report` in `report/mod.rs`).
fn layer_of_path(src: &Path, path: &[String]) -> Option<usize> {
    (1..=path.len()).rev().find_map(|n| {
        let dir = path[..n].join("/");
        [format!("{dir}.rs"), format!("{dir}/mod.rs")]
            .into_iter()
            .find(|f| src.join(f).is_file())
            .and_then(|f| layer_of(&f))
    })
}

/// Every path of a use tree (`a::b`, `a::{b, c::{d}}`), with `prefix` before it.
fn use_tree(tree: &str, prefix: &[String], out: &mut Vec<Vec<String>>) {
    let tree = tree.trim();
    let (head, group) = match tree.find('{') {
        Some(i) if tree.ends_with('}') => (&tree[..i], Some(&tree[i + 1..tree.len() - 1])),
        _ => (tree, None),
    };
    let mut path = prefix.to_vec();
    path.extend(
        head.split("::")
            .map(|p| p.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>())
            .filter(|p| !p.is_empty()),
    );
    let Some(group) = group else {
        out.push(path);
        return;
    };
    // Split the group at its top-level commas.
    let (mut depth, mut start) = (0, 0);
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                use_tree(&group[start..i], &path, out);
                start = i + 1;
            }
            _ => {}
        }
    }
    if !group[start..].trim().is_empty() {
        use_tree(&group[start..], &path, out);
    }
}

/// Every `crate::` path in `code`, whole use trees included.
fn crate_paths(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + 7..];
        // The tree runs to the end of the path: balanced braces, then the
        // first character that cannot be part of a path.
        let mut depth = 0;
        let end = rest
            .char_indices()
            .find(|&(_, c)| {
                match c {
                    '{' => depth += 1,
                    '}' if depth > 0 => depth -= 1,
                    _ => {}
                }
                depth == 0 && !(c.is_alphanumeric() || c == '_' || c == ':' || c == '}')
            })
            .map_or(rest.len(), |(i, _)| i);
        use_tree(&rest[..end], &[], &mut out);
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The code of a file without comments and without its test module (tests
/// may use anything).
fn code_of(text: &str) -> String {
    let body = text.split("#[cfg(test)]").next().unwrap_or(text);
    body.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

#[test]
fn no_module_uses_a_layer_above() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut checked = 0;
    let mut wrong = Vec::new();
    for f in &files {
        let rel = f.strip_prefix(&src).unwrap_or(f).to_string_lossy().replace('\\', "/");
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name == "tests.rs" || name.ends_with("_tests.rs") {
            continue;
        }
        let Some(own) = layer_of(&rel) else { continue };
        checked += 1;
        let text = std::fs::read_to_string(f).unwrap_or_default();
        for path in crate_paths(&code_of(&text)) {
            if let Some(used) = layer_of_path(&src, &path).filter(|&l| l > own) {
                wrong.push(format!("{rel} ({}) uses crate::{} ({})", LAYERS[own].0, path.join("::"), LAYERS[used].0));
            }
        }
    }
    assert!(checked > 50, "only {checked} files checked: is src/ where it should be?");
    assert!(wrong.is_empty(), "modules reaching upwards:\n{}", wrong.join("\n"));
}

#[test]
fn the_checker_sees_every_form_of_a_path() {
    let code = "use crate::{score::judge, report::{Report, html::{render}}};\nlet x = crate::pipeline::scan(a);";
    let paths: Vec<String> = crate_paths(code).into_iter().map(|p| p.join("::")).collect();
    assert_eq!(paths, ["score::judge", "report::Report", "report::html::render", "pipeline::scan"]);
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let at = |p: &str| layer_of_path(&src, &p.split("::").map(String::from).collect::<Vec<_>>());
    assert_eq!(at("report::html::render"), layer_of("report/html.rs"));
    assert_eq!(at("report::Report"), layer_of("report/mod.rs"));
    assert_eq!(at("mrz::image::prep::binarise"), layer_of("mrz"));
    assert!(layer_of("report/html.rs") > layer_of("pipeline.rs"));
    assert!(layer_of("report/mod.rs") < layer_of("pipeline.rs"));
    assert_eq!(layer_of("lib.rs"), None);
}
