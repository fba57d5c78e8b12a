//! Trains the draft checker's model and writes `assets/draft-model.json`.
//!
//! `cargo run --release --example train-draft` reads the training corpora (the files listed
//! in `TRAINING`), prints 5-fold cross-validation figures for the model alone, the rules
//! alone and the two together, picks each concern's threshold from the out-of-fold scores,
//! trains on everything and writes the weights. The same corpora always give the same file.
//! The blind held-out batches are never read here.

use overture::core::draft::model::{self, CONCERNS};
use overture::core::draft::train::{self, Example, Settings};
use overture::core::draft::{Concern, rule_concerns};
use std::fmt::Write as _;

/// The training corpora, in the order the digest reads them.
const TRAINING: &[&str] = &[
    "tests/fixtures/draft/corpus.jsonl",
    "tests/fixtures/draft/holdout.jsonl",
    "tests/fixtures/draft/train/a.jsonl",
    "tests/fixtures/draft/train/b.jsonl",
    "tests/fixtures/draft/train/c.jsonl",
    "tests/fixtures/draft/train/d.jsonl",
    "tests/fixtures/draft/train/e.jsonl",
    "tests/fixtures/draft/train/f.jsonl",
    "tests/fixtures/draft/train/g.jsonl",
    "tests/fixtures/draft/train/h.jsonl",
];
const FOLDS: usize = 5;
/// The out-of-fold precision each concern's threshold must reach, rules and model together.
const PRECISION: f32 = 0.96;
/// How much one feature must weigh on its own for a sentence to raise a concern.
const CUE: f32 = 0.75;
/// Features whose every weight is smaller than this are left out of the file.
const KEEP: f32 = 0.3;

/// The training corpora's bytes, in `TRAINING` order, and their labelled lines.
fn read_corpora(root: &str) -> (Vec<Vec<u8>>, Vec<Example>) {
    let files: Vec<Vec<u8>> = TRAINING
        .iter()
        .map(|f| {
            std::fs::read(format!("{root}/{f}")).unwrap_or_else(|e| panic!("cannot read {f}: {e}"))
        })
        .collect();
    let mut examples = Vec::new();
    for (name, bytes) in TRAINING.iter().zip(&files) {
        let text = std::str::from_utf8(bytes).expect("UTF-8 corpus");
        for (n, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let v: serde_json::Value =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("{name}:{}: {e}", n + 1));
            let concerns: Vec<Concern> = v["expect"]
                .as_array()
                .expect("expect")
                .iter()
                .map(|c| Concern::from_id(c.as_str().expect("id")).expect("a known concern"))
                .collect();
            examples.push(Example::new(v["text"].as_str().expect("text"), &concerns));
        }
    }
    (files, examples)
}

fn main() {
    let root = env!("CARGO_MANIFEST_DIR");
    let (files, examples) = read_corpora(root);
    // Overrides for trying other settings without writing the model: TRAIN_EPOCHS=20 etc.
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<f32>().ok());
    let defaults = Settings::default();
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let settings = Settings {
        epochs: env("TRAIN_EPOCHS").map_or(defaults.epochs, |v| v as usize),
        rate: env("TRAIN_RATE").unwrap_or(defaults.rate),
        l2: env("TRAIN_L2").unwrap_or(defaults.l2),
        min_count: env("TRAIN_MIN").map_or(defaults.min_count, |v| v as usize),
        positive_weight: env("TRAIN_POSITIVE").unwrap_or(defaults.positive_weight),
    };
    let trying = [
        "TRAIN_EPOCHS",
        "TRAIN_RATE",
        "TRAIN_L2",
        "TRAIN_MIN",
        "TRAIN_PRECISION",
        "TRAIN_CUE",
        "TRAIN_POSITIVE",
    ]
    .iter()
    .any(|v| std::env::var(v).is_ok());
    println!(
        "{} training lines from {} files",
        examples.len(),
        TRAINING.len()
    );

    let cue = env("TRAIN_CUE").unwrap_or(CUE);
    let oof = train::cross_validate(&examples, FOLDS, settings, cue);
    let rules: Vec<Vec<Concern>> = examples
        .iter()
        .map(|e| rule_concerns(&e.text).into_iter().collect())
        .collect();
    let rule_bits: Vec<u16> = rules.iter().map(|cs| Example::new("", cs).labels).collect();
    let precision = env("TRAIN_PRECISION").unwrap_or(PRECISION);
    let thresholds = train::thresholds(&examples, &oof, &rule_bits, precision);
    print_table(&examples, &oof, &rules, &thresholds);
    let kind: Vec<usize> = (0..examples.len())
        .filter(|&n| examples[n].labels == 0)
        .collect();
    let alarms = kind
        .iter()
        .filter(|&&n| !rules[n].is_empty() || (0..CONCERNS).any(|c| oof[n][c] >= thresholds[c]))
        .count();
    #[allow(clippy::cast_precision_loss)]
    let rate = alarms as f64 / kind.len().max(1) as f64;
    println!(
        "\nKind lines flagged (rules + model): {alarms} of {} ({:.1}%)",
        kind.len(),
        rate * 100.0
    );

    // TRAIN_SHOW=contempt lists that concern's out-of-fold misses, to see what is missing.
    if let Some(c) = std::env::var("TRAIN_SHOW")
        .ok()
        .and_then(|id| Concern::ALL.iter().position(|c| c.id() == id))
    {
        for (n, e) in examples.iter().enumerate() {
            let said = oof[n][c] >= thresholds[c] || rules[n].contains(&Concern::ALL[c]);
            if said != e.has(c) {
                let what = if said { "false alarm" } else { "missed" };
                println!("{what} ({:.2}): {}", oof[n][c], e.text);
            }
        }
    }
    if trying {
        println!("\nSettings overridden ({settings:?}): the model file is left as it is.");
        return;
    }
    let trained = train::train(&examples, settings);
    let refs: Vec<&[u8]> = files.iter().map(Vec::as_slice).collect();
    let file = trained.to_file(thresholds, cue, KEEP, &model::digest(&refs));
    let json = serde_json::to_string(&file).expect("serialise");
    let out = format!("{root}/assets/draft-model.json");
    std::fs::write(&out, format!("{json}\n")).expect("write the model");
    println!(
        "\nWrote {out}: {} features, {} KB",
        file.features.len(),
        json.len() / 1024
    );
}

fn pr(c: [u32; 3]) -> String {
    let p = f64::from(c[0]) / f64::from((c[0] + c[1]).max(1));
    let r = f64::from(c[0]) / f64::from((c[0] + c[2]).max(1));
    format!("{p:.2} / {r:.2}")
}

/// The cross-validation table: each concern's threshold, then precision / recall of the
/// model, the rules and the two together, out of fold.
fn print_table(
    examples: &[Example],
    oof: &[[f32; CONCERNS]],
    rules: &[Vec<Concern>],
    thresholds: &[f32; CONCERNS],
) {
    println!("\n{FOLDS}-fold cross-validation (out-of-fold), precision / recall:\n");
    println!("| concern | lines | threshold | model | rules | rules + model |");
    println!("|---|---|---|---|---|---|");
    let mut all = [[0u32; 3]; 3];
    for (c, concern) in Concern::ALL.iter().enumerate() {
        let mut counts = [[0u32; 3]; 3]; // [model, rules, both] x [tp, fp, fn]
        for (n, e) in examples.iter().enumerate() {
            let by_model = oof[n][c] >= thresholds[c];
            let by_rules = rules[n].contains(concern);
            for (k, said) in [by_model, by_rules, by_model || by_rules]
                .into_iter()
                .enumerate()
            {
                match (said, e.has(c)) {
                    (true, true) => counts[k][0] += 1,
                    (true, false) => counts[k][1] += 1,
                    (false, true) => counts[k][2] += 1,
                    (false, false) => {}
                }
            }
        }
        let lines = examples.iter().filter(|e| e.has(c)).count();
        let mut row = format!("| {} | {lines} | {:.2} |", concern.id(), thresholds[c]);
        for (k, cell) in counts.iter().enumerate() {
            let _ = write!(row, " {} |", pr(*cell));
            for m in 0..3 {
                all[k][m] += cell[m];
            }
        }
        println!("{row}");
    }
    println!(
        "| **all** | | | {} | {} | {} |",
        pr(all[0]),
        pr(all[1]),
        pr(all[2])
    );
}
