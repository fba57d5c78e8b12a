//! Training the checker's model (see `model`): one-vs-rest logistic regression over binary
//! features, by `AdaGrad` with an L2 penalty, in a fixed order from a fixed seed, so the same
//! corpus always gives the same weights. Used by `examples/train-draft.rs`; nothing here runs
//! in the app.

use super::Concern;
use super::model::{CONCERNS, Model, ModelFile, STEP_HUNDREDTHS, line_features};
use std::collections::{BTreeMap, HashMap};

/// One labelled line.
#[derive(Debug, Clone)]
pub struct Example {
    pub text: String,
    /// Which concerns it raises, as a bit per `Concern::ALL` index.
    pub labels: u16,
}

impl Example {
    pub fn new(text: &str, concerns: &[Concern]) -> Example {
        let labels = concerns.iter().fold(0, |bits, c| bits | c.bit());
        Example {
            text: text.to_string(),
            labels,
        }
    }

    pub fn has(&self, concern: usize) -> bool {
        self.labels & (1 << concern) != 0
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub epochs: usize,
    pub rate: f32,
    pub l2: f32,
    /// A feature must appear in at least this many lines to get a weight. (5 since K27: with
    /// 36,400 lines, 4 kept more features than the binary's 4 MiB has room for; 7 since
    /// K35, with 46,000 lines, for the same reason.)
    pub min_count: usize,
    /// How much more a line that raises a concern counts than one that does not.
    pub positive_weight: f32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            epochs: 30,
            rate: 0.3,
            l2: 6e-3,
            min_count: 7,
            positive_weight: 1.0,
        }
    }
}

/// Trained weights over a vocabulary of feature names.
#[derive(Debug, Clone)]
pub struct Trained {
    names: Vec<String>,
    weights: Vec<[f32; CONCERNS]>,
    bias: [f32; CONCERNS],
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// A small deterministic generator for the order of each epoch.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = usize::try_from(self.next()).unwrap_or(0) % (i + 1);
            items.swap(i, j);
        }
    }
}

pub fn train(examples: &[Example], settings: Settings) -> Trained {
    let lines: Vec<Vec<String>> = examples.iter().map(|e| line_features(&e.text)).collect();
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for f in lines.iter().flatten() {
        *count.entry(f.as_str()).or_default() += 1;
    }
    let names: Vec<String> = count
        .iter()
        .filter(|&(_, &n)| n >= settings.min_count)
        .map(|(name, _)| (*name).to_string())
        .collect();
    let vocab: HashMap<String, usize> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.clone(), i))
        .collect();
    let indexed: Vec<Vec<usize>> = lines
        .iter()
        .map(|fs| fs.iter().filter_map(|f| vocab.get(f).copied()).collect())
        .collect();
    let mut weights = vec![[0.0f32; CONCERNS]; names.len()];
    let mut squares = vec![[1e-6f32; CONCERNS]; names.len()];
    let mut bias = [0.0f32; CONCERNS];
    let mut bias_squares = [1e-6f32; CONCERNS];
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = Lcg(0x5eed);
    for _ in 0..settings.epochs {
        rng.shuffle(&mut order);
        for &n in &order {
            let features = &indexed[n];
            for c in 0..CONCERNS {
                let z = bias[c] + features.iter().map(|&f| weights[f][c]).sum::<f32>();
                let (target, weight) = if examples[n].has(c) {
                    (1.0, settings.positive_weight)
                } else {
                    (0.0, 1.0)
                };
                let g = (sigmoid(z) - target) * weight;
                for &f in features {
                    let grad = g + settings.l2 * weights[f][c];
                    squares[f][c] += grad * grad;
                    weights[f][c] -= settings.rate * grad / squares[f][c].sqrt();
                }
                bias_squares[c] += g * g;
                bias[c] -= settings.rate * g / bias_squares[c].sqrt();
            }
        }
    }
    Trained {
        names,
        weights,
        bias,
    }
}

impl Trained {
    /// The file to ship: weights put on the table's grid of 0.03 (clamped to ±3.81, which
    /// no trained weight has reached) and so written with two decimals; features whose every
    /// trained weight is below `keep` left out (alone they cannot move a decision much).
    pub fn to_file(
        &self,
        threshold: [f32; CONCERNS],
        cue: f32,
        veto: f32,
        keep: f32,
        corpus_digest: &str,
    ) -> ModelFile {
        let round = |x: f32| (x * 100.0).round() / 100.0;
        // The table's grid (`model::STEP_HUNDREDTHS`), within what a signed byte holds.
        let step = f32::from(STEP_HUNDREDTHS);
        let on_grid = |x: f32| (x * 100.0 / step).round().clamp(-127.0, 127.0) * step / 100.0;
        let mut features = BTreeMap::new();
        for (name, w) in self.names.iter().zip(&self.weights) {
            if w.iter().any(|x| x.abs() >= keep) {
                features.insert(name.clone(), w.iter().map(|&x| round(on_grid(x))).collect());
            }
        }
        ModelFile {
            about: "Weights of the draft checker's model: made by `cargo run --release --example train-draft`; see src/core/draft/model.rs.".to_string(),
            corpus_digest: corpus_digest.to_string(),
            concerns: Concern::ALL.iter().map(|c| c.id().to_string()).collect(),
            bias: self.bias.iter().map(|&x| round(x)).collect(),
            threshold: threshold.to_vec(),
            cue,
            veto,
            features,
        }
    }
}

/// Out-of-fold scores (`Model::line_scores`): each line scored by a model trained on the
/// lines of the other folds (line `n` is in fold `fold_of[n]`), with the same cue as the
/// shipped model. Also returns each fold's training, to check its lines again once the
/// thresholds are known.
pub fn cross_validate(
    examples: &[Example],
    fold_of: &[usize],
    settings: Settings,
    cue: f32,
) -> (Vec<[f32; CONCERNS]>, Vec<Trained>) {
    let mut out = vec![[0.0; CONCERNS]; examples.len()];
    let folds = fold_of.iter().max().map_or(0, |&f| f + 1);
    let mut trained_folds = Vec::with_capacity(folds);
    for fold in 0..folds {
        let train_set: Vec<Example> = examples
            .iter()
            .zip(fold_of)
            .filter(|&(_, &f)| f != fold)
            .map(|(e, _)| e.clone())
            .collect();
        let trained = train(&train_set, settings);
        if let Some(model) = Model::from_file(&trained.to_file([0.5; CONCERNS], cue, 0.0, 0.0, ""))
        {
            for (n, e) in examples.iter().enumerate() {
                if fold_of[n] == fold {
                    out[n] = model.line_scores(&e.text);
                }
            }
        }
        trained_folds.push(trained);
    }
    (out, trained_folds)
}

/// Whom a labelled line speaks of, in the two buckets the goal compares (lines about "she" or
/// "they" caught no worse than lines to "you"): `Some(true)` for a line with "you", "your",
/// "u" or "ur"; `Some(false)` for one with none of those and "she", "her", "they", "them" or
/// "their"; `None` otherwise. `scripts/score-batch` uses the same words.
#[must_use]
pub fn to_you(text: &str) -> Option<bool> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).collect();
    let has = |w: &[&str]| words.iter().any(|x| w.contains(x));
    if has(&["you", "your", "u", "ur"]) {
        Some(true)
    } else if has(&["she", "her", "they", "them", "their"]) {
        Some(false)
    } else {
        None
    }
}

/// For each concern, the lowest threshold (from 0.30 up) at which the concern as the whole
/// checker raises it (the rules' findings the model does not veto, and the model's own)
/// reaches `precision` out of fold; 0.95 if none does. Unlike [`thresholds`], precise rules
/// leave the model room: better rules can only lower a threshold, never raise it.
#[must_use]
pub fn whole_thresholds(
    examples: &[Example],
    probabilities: &[[f32; CONCERNS]],
    by_rules: &[u16],
    veto: f32,
    precision: f32,
) -> [f32; CONCERNS] {
    lowest_reaching(
        examples,
        probabilities,
        by_rules,
        precision,
        |p, ruled, t| p >= t || (ruled && p >= veto),
    )
}

/// For each concern, the lowest threshold (from 0.30 up) at which the model alone (every line
/// it raises the concern in, whatever the rules raise there) reaches `precision` out of fold;
/// 0.95 if none does. The rules do not move it: a rule added can only add findings, never
/// raise the model's threshold by taking the lines it found easily.
#[must_use]
pub fn model_thresholds(
    examples: &[Example],
    probabilities: &[[f32; CONCERNS]],
    by_rules: &[u16],
    precision: f32,
) -> [f32; CONCERNS] {
    lowest_reaching(examples, probabilities, by_rules, precision, |p, _, t| {
        p >= t
    })
}

/// For each concern, the lowest threshold (from 0.30 up) at which what the model adds to
/// the rules (the lines it raises the concern in and the rules do not) reaches `precision`
/// out of fold; 0.95 if none does. `by_rules[n]` holds the concerns the rules raise in line
/// `n`, as bits.
pub fn thresholds(
    examples: &[Example],
    probabilities: &[[f32; CONCERNS]],
    by_rules: &[u16],
    precision: f32,
) -> [f32; CONCERNS] {
    lowest_reaching(
        examples,
        probabilities,
        by_rules,
        precision,
        |p, ruled, t| p >= t && !ruled,
    )
}

/// Each concern's lowest threshold `t` (0.30 to 0.95 by hundredths) at which the lines that
/// `counted(probability, raised by the rules, t)` picks out reach `precision`; 0.95 if none.
fn lowest_reaching(
    examples: &[Example],
    probabilities: &[[f32; CONCERNS]],
    by_rules: &[u16],
    precision: f32,
    counted: impl Fn(f32, bool, f32) -> bool,
) -> [f32; CONCERNS] {
    let mut out = [0.95; CONCERNS];
    for (c, slot) in out.iter_mut().enumerate() {
        for step in 30..=95u16 {
            let t = f32::from(step) / 100.0;
            let (mut tp, mut fp) = (0u32, 0u32);
            for ((e, p), rules) in examples.iter().zip(probabilities).zip(by_rules) {
                if counted(p[c], rules & (1 << c) != 0, t) {
                    if e.has(c) {
                        tp += 1;
                    } else {
                        fp += 1;
                    }
                }
            }
            #[allow(clippy::cast_precision_loss)]
            let reached = tp + fp > 0 && tp as f32 / (tp + fp) as f32 >= precision;
            if reached {
                *slot = t;
                break;
            }
        }
    }
    out
}
