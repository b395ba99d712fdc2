//! The committed schema copy is the shared contract.

use crate::util::{missing_prerequisite, root};

#[test]
fn schema_copy_matches_shared_contract() {
    let shared = root().join("../shared/report-schema.json");
    let Ok(theirs) = std::fs::read_to_string(&shared) else {
        let what = format!("{} not present (clone outside the project workspace)", shared.display());
        return missing_prerequisite("schema_copy_matches_shared_contract", &what);
    };
    let ours = std::fs::read_to_string(root().join("tests/report-schema.json")).expect("our copy");
    let a: serde_json::Value = serde_json::from_str(&ours).expect("ours parses");
    let b: serde_json::Value = serde_json::from_str(&theirs).expect("shared parses");
    assert_eq!(a, b, "tests/report-schema.json differs from ../shared/report-schema.json");
}
