//! Embeds the assets without the spaces and line breaks that only help people read them: the
//! JSON in `assets/` stays pretty for editing and review, and the binary carries it minified
//! (about 50 KiB less, part of keeping it under 4 MiB). Only whitespace outside strings is
//! dropped, so the documents are the same, key order included; but for `draft.json`, whose
//! rules are written as arrays and whose keys are sorted (see `compact_rules`).

use std::fs;
use std::path::Path;

#[path = "src/core/draft/keys.rs"]
#[allow(dead_code)]
mod keys;

const ASSETS: [&str; 8] = [
    "questions.json",
    "steps.json",
    "copy.json",
    "sources.json",
    "resources.json",
    "rehearsal.json",
    "after.json",
    "draft.json",
];

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    println!("cargo::rerun-if-changed=assets");
    for name in ASSETS {
        let source = Path::new("assets").join(name);
        println!("cargo::rerun-if-changed={}", source.display());
        let text =
            fs::read_to_string(&source).unwrap_or_else(|e| panic!("{}: {e}", source.display()));
        let embedded = if name == "draft.json" {
            compact_rules(&text)
        } else {
            minified(&text)
        };
        fs::write(Path::new(&out).join(name), embedded)
            .unwrap_or_else(|e| panic!("{out}/{name}: {e}"));
    }
    let read = |name: &str| {
        fs::read_to_string(Path::new("assets").join(name))
            .unwrap_or_else(|e| panic!("assets/{name}: {e}"))
    };
    println!("cargo::rerun-if-changed=assets/draft-model.json");
    let table = model_table(&read("draft-model.json"), &read("draft.json"));
    fs::write(Path::new(&out).join("draft-model.bin"), table)
        .unwrap_or_else(|e| panic!("{out}/draft-model.bin: {e}"));
    let fingerprint = logic_fingerprint(&["assets", "src/core", "src/content"]);
    fs::write(Path::new(&out).join("logic-fingerprint.txt"), fingerprint)
        .unwrap_or_else(|e| panic!("{out}/logic-fingerprint.txt: {e}"));
}

/// A hash of every file under `dirs` (paths and bytes, in sorted order): what the path, the
/// menus and the content's words are worked out from. The home screen's saved glance is used
/// only by a build with the same fingerprint, so that a build between two releases never
/// shows a glance an older build worked out differently.
fn logic_fingerprint(dirs: &[&str]) -> String {
    fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        let entries = fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                files(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    let mut all = Vec::new();
    for dir in dirs {
        println!("cargo::rerun-if-changed={dir}");
        files(Path::new(dir), &mut all);
    }
    all.sort();
    // FNV-1a, 64 bits: it only tells one build's sources from another's.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for path in &all {
        let bytes = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = path.to_string_lossy().replace('\\', "/");
        for &b in name.as_bytes().iter().chain(&[0]).chain(&bytes) {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// The checker's model as the binary embeds it, read by `Model::from_table`:
///
/// - `OVDM4\n`, then the concern ids joined by commas and a line break;
/// - bias, then threshold (one `f32` per concern), then the cue and the veto (`f32` each);
/// - the number of features (`u32`), then per feature, sorted by key: its key (the top 39
///   bits of the hash of its name) with whether it may be quoted as the fortieth bit, in five
///   bytes, and one weight per concern in steps of 0.03 (`i8`: the trainer puts every weight
///   on that grid, within ±3.81, so nothing is lost; one byte a weight instead of two is what
///   lets the model keep its small weights and the binary stay under 4 MiB).
///
/// All numbers little-endian. A weight off the grid fails the build rather than change what
/// the checker finds.
// The weights are stored as f32 (what the model computes in) and whole steps, checked.
#[allow(clippy::cast_possible_truncation)]
fn model_table(model: &str, rules: &str) -> Vec<u8> {
    let model: serde_json::Value = serde_json::from_str(model).expect("draft-model.json parses");
    let rules: serde_json::Value = serde_json::from_str(rules).expect("draft.json parses");
    let strings = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .expect("an array")
            .iter()
            .map(|s| s.as_str().expect("a string").to_string())
            .collect()
    };
    let floats = |v: &serde_json::Value| -> Vec<f32> {
        v.as_array()
            .expect("an array")
            .iter()
            .map(|x| x.as_f64().expect("a number") as f32)
            .collect()
    };
    let feelings = strings(&rules["words"]["feelings"]);
    let concerns = strings(&model["concerns"]);
    let mut out = b"OVDM4\n".to_vec();
    out.extend_from_slice(concerns.join(",").as_bytes());
    out.push(b'\n');
    for key in ["bias", "threshold"] {
        let values = floats(&model[key]);
        assert_eq!(values.len(), concerns.len(), "{key}: one per concern");
        for v in values {
            out.extend_from_slice(&v.to_le_bytes());
        }
    }
    let cue = model["cue"].as_f64().expect("cue") as f32;
    out.extend_from_slice(&cue.to_le_bytes());
    // Absent from files written before the veto: no veto.
    let veto = model["veto"].as_f64().unwrap_or(0.0) as f32;
    out.extend_from_slice(&veto.to_le_bytes());
    let features = model["features"].as_object().expect("features");
    let mut rows: Vec<(u64, bool, Vec<i8>)> = features
        .iter()
        .map(|(name, weights)| {
            let weights = weights.as_array().expect("weights");
            assert_eq!(
                weights.len(),
                concerns.len(),
                "{name}: one weight per concern"
            );
            let steps = weights
                .iter()
                .map(|w| {
                    let w = w.as_f64().expect("a weight") / 0.03;
                    assert!(
                        (w - w.round()).abs() < 1e-6,
                        "{name}: {w} is not whole steps of 0.03"
                    );
                    i8::try_from(w.round() as i64).expect("a weight within ±3.81")
                })
                .collect();
            (
                keys::key_of_name(name),
                keys::quotable(name, &feelings),
                steps,
            )
        })
        .collect();
    rows.sort_by_key(|row| row.0);
    assert!(
        rows.windows(2).all(|w| w[0].0 != w[1].0),
        "two features share a key"
    );
    out.extend_from_slice(
        &u32::try_from(rows.len())
            .expect("fewer than 4 billion features")
            .to_le_bytes(),
    );
    for (key, quotable, steps) in rows {
        out.extend_from_slice(&keys::packed_key(key, quotable));
        for c in steps {
            out.extend_from_slice(&c.to_le_bytes());
        }
    }
    out
}

/// The rules file with each rule as an array in `RuleData`'s field order (`id`, `concern`,
/// `pattern`, `negatable`, `check`, `shape`, `veto`), trailing defaults left out: serde reads a
/// struct from either form, and the field names repeated in every rule were about 11 KiB of
/// the binary. Everything else is as in the file, minified (object keys sorted, which no part
/// of the rules depends on: they are read into structs and sorted maps). Two keys of the same
/// name keep only the last here, where reading the file into a struct fails: the unit test
/// `the_embedded_rules_read_as_the_file_does` reads the file itself, and catches it.
/// The field order is `RuleData`'s, in `src/core/draft/rules.rs`: change both together.
fn compact_rules(json: &str) -> String {
    let mut data: serde_json::Value = serde_json::from_str(json).expect("draft.json parses");
    let rules = data["rules"].as_array_mut().expect("draft.json: rules");
    for rule in rules {
        let mut fields = rule.as_object().expect("a rule is an object").clone();
        let mut row: Vec<serde_json::Value> = ["id", "concern", "pattern", "negatable", "check"]
            .iter()
            .map(|key| {
                fields
                    .remove(*key)
                    .unwrap_or_else(|| panic!("a rule without {key}: {rule}"))
            })
            .collect();
        let shape = fields.remove("shape");
        let veto = fields.remove("veto");
        assert!(fields.is_empty(), "a rule with unknown fields: {rule}");
        if shape.is_some() || veto.is_some() {
            row.push(shape.unwrap_or_else(|| "other".into()));
        }
        if let Some(veto) = veto {
            row.push(veto);
        }
        *rule = serde_json::Value::Array(row);
    }
    data.to_string()
}

/// `json` without whitespace outside strings.
fn minified(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in json.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}
