//! Trains the draft checker's model and writes `assets/draft-model.json`.
//!
//! `cargo run --release --example train-draft` reads the training corpora (the files listed
//! in `TRAINING`), prints cross-validation figures by writer (each training batch left out in
//! turn) for the model alone, the rules alone, the two together and the whole checker as it
//! ships, picks each concern's threshold from the out-of-fold scores, trains on everything
//! and writes the weights. The same corpora always give the same file. The unread blind
//! batches (`tests/fixtures/draft/unscored/`) are never read here; a used one is training
//! data, listed in `TRAINING`. A file named in `TRAIN_DEV` is scored, and only its figures
//! (never its lines) are printed.

use overture::core::draft::model::{self, CONCERNS};
use overture::core::draft::train::{self, Example, Settings};
use overture::core::draft::{Concern, review_with, rule_concerns};
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
    "tests/fixtures/draft/train/i.jsonl",
    "tests/fixtures/draft/train/j.jsonl",
    "tests/fixtures/draft/train/k.jsonl",
    "tests/fixtures/draft/train/l.jsonl",
    "tests/fixtures/draft/train/m.jsonl",
    "tests/fixtures/draft/train/n.jsonl",
    "tests/fixtures/draft/train/o.jsonl",
    "tests/fixtures/draft/train/p.jsonl",
    "tests/fixtures/draft/train/q.jsonl",
    "tests/fixtures/draft/train/r.jsonl",
    "tests/fixtures/draft/train/s.jsonl",
    "tests/fixtures/draft/train/t.jsonl",
    "tests/fixtures/draft/train/u.jsonl",
    "tests/fixtures/draft/train/v.jsonl",
    "tests/fixtures/draft/train/w.jsonl",
    "tests/fixtures/draft/train/x.jsonl",
    "tests/fixtures/draft/train/y.jsonl",
    // The thirteen used blind batches: each was scored once as a headline, then became
    // training data (see docs/CHECKER.md, "The protocol").
    "tests/fixtures/draft/blind-2026-12.jsonl",
    "tests/fixtures/draft/blind-2026-12b.jsonl",
    "tests/fixtures/draft/blind-2026-12c.jsonl",
    "tests/fixtures/draft/blind-2026-12d.jsonl",
    "tests/fixtures/draft/blind-2026-12e.jsonl",
    "tests/fixtures/draft/blind-2026-12f.jsonl",
    "tests/fixtures/draft/blind-2026-12g.jsonl",
    "tests/fixtures/draft/blind-2026-12h.jsonl",
    "tests/fixtures/draft/blind-2026-12i.jsonl",
    "tests/fixtures/draft/blind-2026-12j.jsonl",
    "tests/fixtures/draft/blind-2026-12k.jsonl",
    "tests/fixtures/draft/blind-2026-12l.jsonl",
    "tests/fixtures/draft/blind-2026-12m.jsonl",
    // Written after the blind batches above, each by one helper in fifteen voices of its own.
    "tests/fixtures/draft/train/z.jsonl",
    "tests/fixtures/draft/train/aa.jsonl",
    // The fourteenth to sixteenth blind batches, each scored once with K7, then `train/ab`
    // to `train/ae`.
    "tests/fixtures/draft/blind-2026-12n.jsonl",
    "tests/fixtures/draft/blind-2026-12o.jsonl",
    "tests/fixtures/draft/blind-2026-12p.jsonl",
    "tests/fixtures/draft/train/ab.jsonl",
    "tests/fixtures/draft/train/ac.jsonl",
    "tests/fixtures/draft/train/ad.jsonl",
    "tests/fixtures/draft/train/ae.jsonl",
    // The seventeenth blind batch, scored once with K7.
    "tests/fixtures/draft/blind-2026-12q.jsonl",
    // The eighteenth, scored once with K13.
    "tests/fixtures/draft/blind-2026-12r.jsonl",
    // The nineteenth, scored once with K14.
    "tests/fixtures/draft/blind-2026-12s.jsonl",
    // The twentieth to twenty-second, scored once with K15b.
    "tests/fixtures/draft/blind-2026-12t.jsonl",
    "tests/fixtures/draft/blind-2026-12u.jsonl",
    "tests/fixtures/draft/blind-2026-12v.jsonl",
    // Kind and harsh uses of the same frames ("you always make me laugh / feel small").
    "tests/fixtures/draft/train/af.jsonl",
    // The same frames used kindly and harshly of "my wife", "my husband", "the missus".
    "tests/fixtures/draft/train/ag.jsonl",
    // The same frames used kindly and harshly of a partner named by a first name.
    "tests/fixtures/draft/train/ah.jsonl",
    // The twenty-third to thirty-second held-out batches and the three paired batches,
    // each scored once (W to AI), then training data.
    "tests/fixtures/draft/blind-2026-12w.jsonl",
    "tests/fixtures/draft/blind-2026-12x.jsonl",
    "tests/fixtures/draft/blind-2026-12y.jsonl",
    "tests/fixtures/draft/blind-2026-12z.jsonl",
    "tests/fixtures/draft/blind-2026-12aa.jsonl",
    "tests/fixtures/draft/blind-2026-12ab.jsonl",
    "tests/fixtures/draft/blind-2026-12ac.jsonl",
    "tests/fixtures/draft/blind-2026-12ad.jsonl",
    "tests/fixtures/draft/blind-2026-12ae-paired.jsonl",
    "tests/fixtures/draft/blind-2026-12af.jsonl",
    "tests/fixtures/draft/blind-2026-12ag-paired.jsonl",
    "tests/fixtures/draft/blind-2026-12ah.jsonl",
    "tests/fixtures/draft/blind-2026-12ai-paired.jsonl",
    // Since K35: the sixteen used held-out batches AJ to AY (six of them paired), each
    // scored once, then training data.
    "tests/fixtures/draft/blind-2026-12aj.jsonl",
    "tests/fixtures/draft/blind-2026-12ak-paired.jsonl",
    "tests/fixtures/draft/blind-2026-12al.jsonl",
    "tests/fixtures/draft/blind-2026-12am-paired.jsonl",
    "tests/fixtures/draft/blind-2026-12an.jsonl",
    "tests/fixtures/draft/blind-2026-12ao-paired.jsonl",
    "tests/fixtures/draft/blind-2026-12ap.jsonl",
    "tests/fixtures/draft/blind-2026-12aq-paired.jsonl",
    "tests/fixtures/draft/blind-2026-12ar.jsonl",
    "tests/fixtures/draft/blind-2026-12as-paired.jsonl",
    "tests/fixtures/draft/blind-2026-12at.jsonl",
    "tests/fixtures/draft/blind-2026-12au-paired.jsonl",
    "tests/fixtures/draft/blind-2026-12av.jsonl",
    "tests/fixtures/draft/blind-2026-12aw-paired.jsonl",
    "tests/fixtures/draft/blind-2026-12ax.jsonl",
    "tests/fixtures/draft/blind-2026-12ay-paired.jsonl",
];
const FOLDS: usize = 5;
/// The out-of-fold precision each concern must reach as the whole checker raises it (rules
/// the model does not veto, and the model's own findings): see `train::whole_thresholds`.
/// 0.953 in K30, 0.955 from K31, 0.956 from K33, 0.957 from K34, 0.962 from K35. Until K30,
/// thresholds were picked on what the model adds to the rules, at 0.94; a rule that took
/// the model's easy lines then raised its threshold (K15, K16, K29).
const PRECISION: f32 = 0.962;
/// How much one feature must weigh on its own for a sentence to raise a concern.
const CUE: f32 = 0.75;
/// A rule's finding stands only where the model leans at least this much toward it.
const VETO: f32 = 0.2;
/// Features whose every weight is smaller than this are left out of the file.
const KEEP: f32 = 0.1;

/// The training corpora's bytes, in `TRAINING` order, their labelled lines, and which file
/// each line came from.
fn read_corpora(root: &str) -> (Vec<Vec<u8>>, Vec<Example>, Vec<usize>) {
    let files: Vec<Vec<u8>> = TRAINING
        .iter()
        .map(|f| {
            std::fs::read(format!("{root}/{f}")).unwrap_or_else(|e| panic!("cannot read {f}: {e}"))
        })
        .collect();
    let mut examples = Vec::new();
    let mut source = Vec::new();
    for (file, (name, bytes)) in TRAINING.iter().zip(&files).enumerate() {
        let text = std::str::from_utf8(bytes).expect("UTF-8 corpus");
        for example in parse_lines(name, text) {
            examples.push(example);
            source.push(file);
        }
    }
    (files, examples, source)
}

/// The labelled lines of a corpus file (`name` for messages).
fn parse_lines(name: &str, text: &str) -> Vec<Example> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, line)| {
            let v: serde_json::Value =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("{name}:{}: {e}", n + 1));
            let concerns: Vec<Concern> = v["expect"]
                .as_array()
                .expect("expect")
                .iter()
                .map(|c| Concern::from_id(c.as_str().expect("id")).expect("a known concern"))
                .collect();
            Example::new(v["text"].as_str().expect("text"), &concerns)
        })
        .collect()
}

/// Lists the kind lines the checker flagged out of fold (`checked`), and which layer did.
fn show_kind_alarms(examples: &[Example], checked: &[u16]) {
    if std::env::var("TRAIN_SHOW_KIND").is_err() {
        return;
    }
    for (e, bits) in examples.iter().zip(checked) {
        if e.labels == 0 && *bits != 0 {
            let ids: Vec<&str> = (0..CONCERNS)
                .filter(|c| bits & (1 << c) != 0)
                .map(|c| Concern::ALL[c].id())
                .collect();
            let by = if rule_concerns(&e.text).is_empty() {
                "model"
            } else {
                "rules"
            };
            println!("kind flagged [{}] by {by}: {}", ids.join(","), e.text);
        }
    }
}

/// The figures (never the lines) of the checker with the model `file`, and of the rules
/// alone, on the labelled file at `path`.
fn score_dev(path: &str, file: &model::ModelFile) {
    let text = std::fs::read_to_string(path).expect("the development file");
    let lines = parse_lines(path, &text);
    let full = model::Model::from_file(file);
    let checked: Vec<u16> = lines
        .iter()
        .map(|e| checker_bits(&e.text, full.as_ref()))
        .collect();
    print_checked(&format!("Development set {path}"), &lines, &checked);
    let by_rules: Vec<u16> = lines.iter().map(|e| checker_bits(&e.text, None)).collect();
    print_checked("  the rules alone", &lines, &by_rules);
}

/// A `TRAIN_` override, as a number: for trying other settings without writing the model.
fn env(name: &str) -> Option<f32> {
    std::env::var(name).ok().and_then(|v| v.parse::<f32>().ok())
}

/// The training settings, with any overrides (`TRAIN_EPOCHS=20` etc.).
fn settings_from_env() -> Settings {
    let defaults = Settings::default();
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Settings {
        epochs: env("TRAIN_EPOCHS").map_or(defaults.epochs, |v| v as usize),
        rate: env("TRAIN_RATE").unwrap_or(defaults.rate),
        l2: env("TRAIN_L2").unwrap_or(defaults.l2),
        min_count: env("TRAIN_MIN").map_or(defaults.min_count, |v| v as usize),
        positive_weight: env("TRAIN_POSITIVE").unwrap_or(defaults.positive_weight),
    }
}

fn main() {
    let root = env!("CARGO_MANIFEST_DIR");
    let (files, examples, source) = read_corpora(root);
    let settings = settings_from_env();
    // Any TRAIN_ setting at all is a trial: the model file is left as it is.
    let trying = std::env::vars_os().any(|(k, _)| k.to_string_lossy().starts_with("TRAIN_"));
    println!(
        "{} training lines from {} files",
        examples.len(),
        TRAINING.len()
    );

    let cue = env("TRAIN_CUE").unwrap_or(CUE);
    let keep = env("TRAIN_KEEP").unwrap_or(KEEP);
    let veto = env("TRAIN_VETO").unwrap_or(VETO);
    // One fold per writer (the first two small corpora together, then each training batch),
    // so that every line is scored by a model that never saw its writer or its voices, as a
    // blind batch is; the thresholds come from those scores. TRAIN_RANDOM_FOLDS=1: five
    // folds across all lines instead, which mixes writers and flatters the model.
    let grouped = std::env::var("TRAIN_RANDOM_FOLDS").is_err();
    let fold_of: Vec<usize> = if grouped {
        source.iter().map(|&f| f.saturating_sub(1)).collect()
    } else {
        (0..examples.len()).map(|n| n % FOLDS).collect()
    };
    let (oof, folds) = train::cross_validate(&examples, &fold_of, settings, cue);
    let rules: Vec<Vec<Concern>> = examples
        .iter()
        .map(|e| rule_concerns(&e.text).into_iter().collect())
        .collect();
    let rule_bits: Vec<u16> = rules.iter().map(|cs| Example::new("", cs).labels).collect();
    let precision = env("TRAIN_PRECISION").unwrap_or(PRECISION);
    let pick = |method: &str, precision: f32| match method {
        "whole" => train::whole_thresholds(&examples, &oof, &rule_bits, veto, precision),
        "model" => train::model_thresholds(&examples, &oof, &rule_bits, precision),
        _ => pick_thresholds(&examples, &source, &oof, &rule_bits, precision),
    };
    // TRAIN_SWEEP=added:0.94,whole:0.953: the checker's out-of-fold figures with each way of
    // picking thresholds, from one cross-validation.
    if let Ok(sweep) = std::env::var("TRAIN_SWEEP") {
        print_sweep(
            &sweep,
            &examples,
            &fold_of,
            &folds,
            &pick,
            (cue, veto, keep),
        );
    }
    let thresholds = pick(threshold_method(), precision);
    println!("thresholds {thresholds:?}");
    print_table(&examples, &oof, &rules, &thresholds, grouped);
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
        show_misses(c, &examples, &oof, &rules, &thresholds);
    }
    // The checker as it ships (rules, model and the guards for kind uses), each line read
    // with its fold's model.
    let checked = checked_out_of_fold(&examples, &fold_of, &folds, thresholds, (cue, veto, keep));
    print_checked("The checker as shipped, out of fold", &examples, &checked);
    print_blind(&examples, &source, &checked);
    print_by_pronoun(&examples, &checked);
    print_first_files(&examples, &source, &checked);
    show_kind_alarms(&examples, &checked);

    let trained = train::train(&examples, settings);
    let refs: Vec<&[u8]> = files.iter().map(Vec::as_slice).collect();
    let file = trained.to_file(thresholds, cue, veto, keep, &model::digest(&refs));
    // TRAIN_DEV=path: a labelled file that is not training data (a used blind batch), read by
    // the model trained on everything. Only the figures are printed, never its lines.
    if let Ok(dev) = std::env::var("TRAIN_DEV") {
        score_dev(&dev, &file);
    }
    if trying {
        println!(
            "\nSettings overridden ({settings:?}): the model file is left as it is. It would hold {} features.",
            file.features.len()
        );
        return;
    }
    let json = serde_json::to_string(&file).expect("serialise");
    let out = format!("{root}/assets/draft-model.json");
    std::fs::write(&out, format!("{json}\n")).expect("write the model");
    println!(
        "\nWrote {out}: {} features, {} KB",
        file.features.len(),
        json.len() / 1024
    );
}

/// How thresholds are picked: on the whole checker (the default from K30);
/// `TRAIN_ADDED=1`, on what the model adds to the rules (until K30, at 0.94);
/// `TRAIN_MODEL_ALONE=1`, on the model's findings alone, whatever the rules find.
fn threshold_method() -> &'static str {
    if std::env::var("TRAIN_ADDED").is_ok() {
        "added"
    } else if std::env::var("TRAIN_MODEL_ALONE").is_ok() {
        "model"
    } else {
        "whole"
    }
}

/// What the whole checker (rules, model, guards and veto) raises in each line, read with the
/// model of the fold that left the line out, at `thresholds`.
fn checked_out_of_fold(
    examples: &[Example],
    fold_of: &[usize],
    folds: &[train::Trained],
    thresholds: [f32; CONCERNS],
    (cue, veto, keep): (f32, f32, f32),
) -> Vec<u16> {
    let models: Vec<Option<model::Model>> = folds
        .iter()
        .map(|f| model::Model::from_file(&f.to_file(thresholds, cue, veto, keep, "")))
        .collect();
    examples
        .iter()
        .zip(fold_of)
        .map(|(e, &f)| checker_bits(&e.text, models[f].as_ref()))
        .collect()
}

/// `TRAIN_SWEEP`: for each `method:precision` in `sweep`, the checker's out-of-fold figures
/// with the thresholds `pick` gives, each line read by its fold's model.
fn print_sweep(
    sweep: &str,
    examples: &[Example],
    fold_of: &[usize],
    folds: &[train::Trained],
    pick: &dyn Fn(&str, f32) -> [f32; CONCERNS],
    (cue, veto, keep): (f32, f32, f32),
) {
    for item in sweep.split(',') {
        let (method, p) = item.split_once(':').unwrap_or((item, ""));
        let t = pick(method, p.parse().unwrap_or(PRECISION));
        let checked = checked_out_of_fold(examples, fold_of, folds, t, (cue, veto, keep));
        print_checked(&format!("Sweep {item} {t:?}"), examples, &checked);
        print_by_pronoun(examples, &checked);
    }
}

/// Counts one line for one concern into [true positives, false alarms, misses].
fn tally(counts: &mut [u32; 3], said: bool, expected: bool) {
    match (said, expected) {
        (true, true) => counts[0] += 1,
        (true, false) => counts[1] += 1,
        (false, true) => counts[2] += 1,
        (false, false) => {}
    }
}

/// Precision / recall, to `places` decimals (three where a rule's bar for one concern is
/// finer than 0.01).
fn pr(c: [u32; 3], places: usize) -> String {
    let p = f64::from(c[0]) / f64::from((c[0] + c[1]).max(1));
    let r = f64::from(c[0]) / f64::from((c[0] + c[2]).max(1));
    format!("{p:.places$} / {r:.places$}")
}

/// The cross-validation table: each concern's threshold, then precision / recall of the
/// model, the rules and the two together, out of fold.
fn print_table(
    examples: &[Example],
    oof: &[[f32; CONCERNS]],
    rules: &[Vec<Concern>],
    thresholds: &[f32; CONCERNS],
    grouped: bool,
) {
    if grouped {
        println!("\nCross-validation by writer (out-of-fold), precision / recall:\n");
    } else {
        println!("\n{FOLDS}-fold cross-validation (out-of-fold), precision / recall:\n");
    }
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
                tally(&mut counts[k], said, e.has(c));
            }
        }
        let lines = examples.iter().filter(|e| e.has(c)).count();
        let mut row = format!("| {} | {lines} | {:.2} |", concern.id(), thresholds[c]);
        for (k, cell) in counts.iter().enumerate() {
            let _ = write!(row, " {} |", pr(*cell, 2));
            for m in 0..3 {
                all[k][m] += cell[m];
            }
        }
        println!("{row}");
    }
    println!(
        "| **all** | | | {} | {} | {} |",
        pr(all[0], 2),
        pr(all[1], 2),
        pr(all[2], 2)
    );
}

/// The concerns the whole checker raises in `text` with `model`, as bits.
fn checker_bits(text: &str, model: Option<&model::Model>) -> u16 {
    let concerns: Vec<Concern> = review_with(text, model).concerns().into_iter().collect();
    Example::new("", &concerns).labels
}

/// Each concern's threshold, picked from the out-of-fold scores (see `train::thresholds`).
/// `TRAIN_TUNE_BLIND` (set to anything): from the used blind batches' lines alone, the one
/// kind of batch a headline is measured on.
fn pick_thresholds(
    examples: &[Example],
    source: &[usize],
    oof: &[[f32; CONCERNS]],
    rule_bits: &[u16],
    precision: f32,
) -> [f32; CONCERNS] {
    let all = std::env::var("TRAIN_TUNE_BLIND").is_err();
    let tune: Vec<usize> = (0..examples.len())
        .filter(|&n| all || is_blind(source[n]))
        .collect();
    train::thresholds(
        &tune
            .iter()
            .map(|&n| examples[n].clone())
            .collect::<Vec<_>>(),
        &tune.iter().map(|&n| oof[n]).collect::<Vec<_>>(),
        &tune.iter().map(|&n| rule_bits[n]).collect::<Vec<_>>(),
        precision,
    )
}

/// The checker's out-of-fold figures on the used blind batches' lines alone: written like a
/// headline batch, with fewer traps than the training batches.
fn print_blind(examples: &[Example], source: &[usize], checked: &[u16]) {
    print_checked_where(
        "  on the used blind batches' lines alone",
        examples,
        checked,
        |n| is_blind(source[n]),
    );
}

/// `print_checked` on the lines whose index `keep` accepts.
fn print_checked_where(
    title: &str,
    examples: &[Example],
    checked: &[u16],
    keep: impl Fn(usize) -> bool,
) {
    let lines: Vec<usize> = (0..examples.len()).filter(|&n| keep(n)).collect();
    let some: Vec<Example> = lines.iter().map(|&n| examples[n].clone()).collect();
    let bits: Vec<u16> = lines.iter().map(|&n| checked[n]).collect();
    print_checked(title, &some, &bits);
}

/// Out-of-fold recall on lines to "you" against lines about "she" or "they" (`train::to_you`),
/// since the goal asks the second be no worse.
fn print_by_pronoun(examples: &[Example], checked: &[u16]) {
    let mut you = [0u32; 2];
    let mut she_they = [0u32; 2];
    for (e, bits) in examples.iter().zip(checked) {
        let bucket = match train::to_you(&e.text) {
            Some(true) => &mut you,
            Some(false) => &mut she_they,
            None => continue,
        };
        bucket[0] += (e.labels & bits).count_ones();
        bucket[1] += e.labels.count_ones();
    }
    let recall = |b: [u32; 2]| f64::from(b[0]) / f64::from(b[1].max(1));
    println!(
        "  recall on lines to \"you\" {:.3} ({} labels), about \"she\"/\"they\" {:.3} ({})",
        recall(you),
        you[1],
        recall(she_they),
        she_they[1]
    );
}

/// Whether the corpus at this index in `TRAINING` is a used blind batch.
fn is_blind(file: usize) -> bool {
    TRAINING[file].contains("/blind-")
}

/// Precision / recall of `checked` against the labels, overall and per concern, and the
/// share of kind lines flagged.
fn print_checked(title: &str, examples: &[Example], checked: &[u16]) {
    let mut all = [0u32; 3];
    let mut row = String::new();
    for (c, concern) in Concern::ALL.iter().enumerate() {
        let mut counts = [0u32; 3];
        for (e, bits) in examples.iter().zip(checked) {
            tally(&mut counts, bits & (1 << c) != 0, e.has(c));
        }
        let _ = write!(row, "{} {}; ", concern.id(), pr(counts, 3));
        for m in 0..3 {
            all[m] += counts[m];
        }
    }
    let kind = examples.iter().filter(|e| e.labels == 0).count();
    let flagged = examples
        .iter()
        .zip(checked)
        .filter(|(e, bits)| e.labels == 0 && **bits != 0)
        .count();
    #[allow(clippy::cast_precision_loss)]
    let rate = flagged as f64 * 100.0 / kind.max(1) as f64;
    #[allow(clippy::cast_precision_loss)]
    let (p, r) = (
        f64::from(all[0]) / f64::from((all[0] + all[1]).max(1)),
        f64::from(all[0]) / f64::from((all[0] + all[2]).max(1)),
    );
    println!(
        "\n{title}: {p:.4} / {r:.4} (precision / recall; {} found, {} false alarms, {} missed); kind lines flagged {flagged} of {kind} ({rate:.1}%)\n  {row}",
        all[0], all[1], all[2]
    );
}

/// `TRAIN_FIRST_FILES=n`: the checker's figures on the lines of the first n corpora only (say,
/// the corpora an earlier model's figures came from, when new ones were added).
fn print_first_files(examples: &[Example], source: &[usize], checked: &[u16]) {
    let Some(first) = std::env::var("TRAIN_FIRST_FILES")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
    else {
        return;
    };
    print_checked_where(
        &format!("The same, on the first {first} corpora's lines"),
        examples,
        checked,
        |n| source[n] < first,
    );
}

/// Lists the lines where the rules and the model together get `concern` wrong, out of fold.
fn show_misses(
    concern: usize,
    examples: &[Example],
    oof: &[[f32; CONCERNS]],
    rules: &[Vec<Concern>],
    thresholds: &[f32; CONCERNS],
) {
    let c = concern;
    for (n, e) in examples.iter().enumerate() {
        let said = oof[n][c] >= thresholds[c] || rules[n].contains(&Concern::ALL[c]);
        if said != e.has(c) {
            let what = if said { "false alarm" } else { "missed" };
            println!("{what} ({:.2}): {}", oof[n][c], e.text);
        }
    }
}
