//! The draft checker measured: the training corpora (a fit, and so only a regression guard),
//! then the blind held-out batch, written by someone who never saw the rules, the model or
//! the training lines, in voices that are not in them, and scored once before anything was
//! fitted to it. The blind figure is the headline; see docs/CHECKER.md for the protocol.
//!
//! `cargo test --test draft -- --nocapture` prints both tables.

#[path = "draft_corpus/mod.rs"]
mod draft_corpus;

use draft_corpus::{Line, corpus};
use overture::core::draft::{Concern, model, review, train};
use std::collections::{BTreeMap, BTreeSet};

/// The training corpora, as the trainer reads them (`examples/train-draft.rs`).
const TRAINING: [(&str, &str); 27] = [
    ("corpus", include_str!("fixtures/draft/corpus.jsonl")),
    (
        "holdout (2025)",
        include_str!("fixtures/draft/holdout.jsonl"),
    ),
    ("train a", include_str!("fixtures/draft/train/a.jsonl")),
    ("train b", include_str!("fixtures/draft/train/b.jsonl")),
    ("train c", include_str!("fixtures/draft/train/c.jsonl")),
    ("train d", include_str!("fixtures/draft/train/d.jsonl")),
    ("train e", include_str!("fixtures/draft/train/e.jsonl")),
    ("train f", include_str!("fixtures/draft/train/f.jsonl")),
    ("train g", include_str!("fixtures/draft/train/g.jsonl")),
    ("train h", include_str!("fixtures/draft/train/h.jsonl")),
    ("train i", include_str!("fixtures/draft/train/i.jsonl")),
    ("train j", include_str!("fixtures/draft/train/j.jsonl")),
    ("train k", include_str!("fixtures/draft/train/k.jsonl")),
    ("train l", include_str!("fixtures/draft/train/l.jsonl")),
    ("train m", include_str!("fixtures/draft/train/m.jsonl")),
    ("train n", include_str!("fixtures/draft/train/n.jsonl")),
    ("train o", include_str!("fixtures/draft/train/o.jsonl")),
    ("train p", include_str!("fixtures/draft/train/p.jsonl")),
    ("train q", include_str!("fixtures/draft/train/q.jsonl")),
    ("train r", include_str!("fixtures/draft/train/r.jsonl")),
    ("train s", include_str!("fixtures/draft/train/s.jsonl")),
    ("train t", include_str!("fixtures/draft/train/t.jsonl")),
    ("train u", include_str!("fixtures/draft/train/u.jsonl")),
    ("train v", include_str!("fixtures/draft/train/v.jsonl")),
    ("train w", include_str!("fixtures/draft/train/w.jsonl")),
    ("train x", include_str!("fixtures/draft/train/x.jsonl")),
    ("train y", include_str!("fixtures/draft/train/y.jsonl")),
];
/// Training batches written after the used blind batches, read by the trainer after them.
const LATER_TRAINING: [&str; 2] = [
    include_str!("fixtures/draft/train/z.jsonl"),
    include_str!("fixtures/draft/train/aa.jsonl"),
];
/// Training batches read after the fourteenth to sixteenth blind batches.
const NEWEST_TRAINING: [&str; 4] = [
    include_str!("fixtures/draft/train/ab.jsonl"),
    include_str!("fixtures/draft/train/ac.jsonl"),
    include_str!("fixtures/draft/train/ad.jsonl"),
    include_str!("fixtures/draft/train/ae.jsonl"),
];
/// Written at the ninth December stop: the same frames used kindly and harshly ("you always
/// make me laugh" against "you always make me feel small"), where the older files held
/// mostly the kind side.
const CONTRAST_TRAINING: &str = include_str!("fixtures/draft/train/af.jsonl");
/// Written at the eleventh December stop: the same frames used kindly and harshly of "my
/// wife", "my husband", "the missus" ("My wife always makes the bento for me" against "my
/// wife always makes me the villain"), read after `af`.
const PARTNER_NOUN_CONTRAST: &str = include_str!("fixtures/draft/train/ag.jsonl");
/// Kind and harsh lines that name the partner by a first name (K27).
const FIRST_NAME_CONTRAST: &str = include_str!("fixtures/draft/train/ah.jsonl");
// The used blind batches are regression guards for whatever model ships, each set by one
// rule (6 December 2026, third stop, before any candidate is judged by it): precision and
// recall floors 0.03 under the shipped model's figures, and at most two kind lines more than
// it flags. That is about one standard deviation of a batch's ~210 labels and 120 kind lines:
// a model that is better overall is not failed by one line of chance in one of ten batches.
// Pooled over all ten (`the_used_blind_batches_pooled`), the guard is tighter.
/// (precision, recall) floors for the blind batch: regression guards, see `the_blind_batch`.
const BLIND_FLOOR: (f64, f64) = (0.95, 0.70);
const BLIND: &str = include_str!("fixtures/draft/blind-2026-12.jsonl");
/// A second blind batch, in twelve more voices, written before anyone looked at a failure of
/// the first and never read line by line since (its misses are not printed).
const BLIND_B: &str = include_str!("fixtures/draft/blind-2026-12b.jsonl");
/// (precision, recall) floors for the second batch: regression guards under the current model.
const BLIND_B_FLOOR: (f64, f64) = (0.93, 0.79);
/// The kind lines of the second batch the checker may flag at most (see the test).
const BLIND_B_KIND_FLAGGED: usize = 5;
/// A third blind batch (300 lines, fifteen more voices), written by a helper who never saw
/// the rules, the model, the corpora or the earlier batches; scored once with the shipped
/// model and never read line by line (its misses are not printed).
const BLIND_C: &str = include_str!("fixtures/draft/blind-2026-12c.jsonl");
/// (precision, recall) floors for the third batch: regression guards under the current model.
const BLIND_C_FLOOR: (f64, f64) = (0.92, 0.62);
/// Its first score flagged 6 of 120 kind lines (5%); the shipped model flags 3.
const BLIND_C_KIND_FLAGGED: usize = 5;

/// A fourth blind batch (300 lines, fifteen more voices), written by a helper who never saw
/// the rules, the model, the corpora or the earlier batches; scored once with the shipped
/// model and never read line by line (its misses are not printed).
const BLIND_D: &str = include_str!("fixtures/draft/blind-2026-12d.jsonl");
/// (precision, recall) floors for the fourth batch: regression guards under the current model.
const BLIND_D_FLOOR: (f64, f64) = (0.93, 0.79);
/// Its first score flagged 12 of 120 kind lines (10%, twice the goal); the shipped model flags 4.
/// Since then it has been a development set (figures only, in `examples/train-draft.rs`).
const BLIND_D_KIND_FLAGGED: usize = 6;

/// A fifth blind batch (300 lines, fifteen more voices), written by a second helper at the
/// same time as the fourth, never read, and scored once with the model trained after the
/// fourth was used for development (its misses are not printed).
const BLIND_E: &str = include_str!("fixtures/draft/blind-2026-12e.jsonl");
/// (precision, recall) floors for the fifth batch: regression guards under its first score.
const BLIND_E_FLOOR: (f64, f64) = (0.88, 0.76);
/// Its first score flagged 10 of 120 kind lines (8%, over the 5% goal); the shipped model flags 9.
const BLIND_E_KIND_FLAGGED: usize = 11;

/// A sixth blind batch (300 lines, fifteen more voices), written by a helper who saw nothing of
/// the checker, its data or the other batches, kept unread, and scored once with the model
/// trained with the windows and the six batches `train/l` to `q` (its misses are not printed).
const BLIND_F: &str = include_str!("fixtures/draft/blind-2026-12f.jsonl");
/// (precision, recall) floors for the sixth batch: regression guards under its first score.
const BLIND_F_FLOOR: (f64, f64) = (0.93, 0.80);
/// Its first score flagged 4 of 120 kind lines (3.3%).
const BLIND_F_KIND_FLAGGED: usize = 6;

/// A seventh blind batch (300 lines, fifteen more voices), written by a helper who saw only
/// the concerns' definitions and kept unread. It was scored once with a candidate model that
/// then failed the test suite and did not ship (docs/CHECKER.md); so for the shipped model
/// it is a development set, its floors a regression guard (its misses are not printed).
const BLIND_G: &str = include_str!("fixtures/draft/blind-2026-12g.jsonl");
/// (precision, recall) floors for the seventh batch under the shipped model.
const BLIND_G_FLOOR: (f64, f64) = (0.95, 0.84);
/// The shipped model flags none of its 120 kind lines.
const BLIND_G_KIND_FLAGGED: usize = 2;

/// An eighth blind batch (300 lines, fifteen more voices), written with the seventh and scored
/// once with the same candidate that did not ship: a development set and regression guard for
/// the shipped model, like the seventh (its misses are not printed).
const BLIND_H: &str = include_str!("fixtures/draft/blind-2026-12h.jsonl");
/// (precision, recall) floors for the eighth batch under the shipped model.
const BLIND_H_FLOOR: (f64, f64) = (0.92, 0.81);
/// The shipped model flags 6 of its 120 kind lines.
const BLIND_H_KIND_FLAGGED: usize = 8;

/// A ninth blind batch (300 lines, fifteen more voices), written by a helper who saw only the
/// concerns' definitions, kept unread, and scored once with the shipped model after the
/// candidates of 6 December failed their rule (its misses are not printed).
const BLIND_I: &str = include_str!("fixtures/draft/blind-2026-12i.jsonl");
/// (precision, recall) floors for the ninth batch: regression guards under its first score.
const BLIND_I_FLOOR: (f64, f64) = (0.93, 0.82);
/// Its first score flagged 3 of 120 kind lines (2.5%).
const BLIND_I_KIND_FLAGGED: usize = 5;

/// A tenth blind batch (300 lines, fifteen more voices), written by a helper who saw only the
/// concerns' definitions, kept unread, and scored once with the shipped model after the
/// candidates of the second December stop failed their rule (its misses are not printed).
const BLIND_J: &str = include_str!("fixtures/draft/blind-2026-12j.jsonl");
/// (precision, recall) floors for the tenth batch: regression guards under its first score.
const BLIND_J_FLOOR: (f64, f64) = (0.93, 0.77);
/// Its first score flagged 3 of 120 kind lines (2.5%).
const BLIND_J_KIND_FLAGGED: usize = 5;
/// The eleventh blind batch (300 lines, fifteen more voices), written by a helper who saw only
/// the concerns' definitions, scored once with the shipped checker (6 December 2026, fourth
/// stop) and never read line by line (its misses are not printed).
const BLIND_K: &str = include_str!("fixtures/draft/blind-2026-12k.jsonl");
/// (precision, recall) floors for the eleventh batch: 0.03 under its first score (0.968,
/// 0.826), as for every used batch.
const BLIND_K_FLOOR: (f64, f64) = (0.93, 0.79);
/// Its first score flagged 2 of 120 kind lines; two more at most.
const BLIND_K_KIND_FLAGGED: usize = 4;
/// The twelfth blind batch (300 lines, fifteen more voices), written by a helper who saw only
/// the concerns' definitions, scored once with the checker shipped at the fifth December stop
/// (6 December 2026) and never read line by line (its misses are not printed).
const BLIND_L: &str = include_str!("fixtures/draft/blind-2026-12l.jsonl");
/// (precision, recall) floors for the twelfth batch: 0.03 under its first score (0.979,
/// 0.881), as for every used batch.
const BLIND_L_FLOOR: (f64, f64) = (0.94, 0.85);
/// Its first score flagged 2 of 120 kind lines; two more at most.
const BLIND_L_KIND_FLAGGED: usize = 4;
/// The thirteenth blind batch (300 lines, fifteen more voices), written by a helper who saw
/// only the concerns' definitions, scored once with the checker shipped at the fifth December
/// stop, after the next candidate failed its rule, and never read line by line.
const BLIND_M: &str = include_str!("fixtures/draft/blind-2026-12m.jsonl");
/// (precision, recall) floors for the thirteenth batch: 0.03 under its first score (0.988,
/// 0.800), as for every used batch.
const BLIND_M_FLOOR: (f64, f64) = (0.95, 0.77);
/// Its first score flagged 1 of 120 kind lines; two more at most.
const BLIND_M_KIND_FLAGGED: usize = 3;
/// The fourteenth blind batch (300 lines, fifteen more voices), written by a helper who saw
/// only the concerns' definitions, scored once with the checker shipped at the sixth December
/// stop (K7, 6 December 2026) and never read line by line.
const BLIND_N: &str = include_str!("fixtures/draft/blind-2026-12n.jsonl");
/// (precision, recall) floors for the fourteenth batch: 0.03 under its first score (0.975,
/// 0.938), as for every used batch.
const BLIND_N_FLOOR: (f64, f64) = (0.94, 0.90);
/// Its first score flagged 1 of 120 kind lines; two more at most.
const BLIND_N_KIND_FLAGGED: usize = 3;
/// The fifteenth blind batch (300 lines, fifteen more voices), written by a helper in the
/// same stop, scored once with the same checker after the fourteenth, and never read line by
/// line.
const BLIND_O: &str = include_str!("fixtures/draft/blind-2026-12o.jsonl");
/// (precision, recall) floors for the fifteenth batch: 0.03 under its first score (0.977,
/// 0.800), as for every used batch.
const BLIND_O_FLOOR: (f64, f64) = (0.94, 0.77);
/// Its first score flagged none of its 120 kind lines; two at most.
const BLIND_O_KIND_FLAGGED: usize = 2;
/// The sixteenth blind batch (300 lines, fifteen more voices), written by a helper in the
/// same stop, scored once with the same checker after the next candidate (K8) failed its
/// rule, and never read line by line.
const BLIND_P: &str = include_str!("fixtures/draft/blind-2026-12p.jsonl");
/// (precision, recall) floors for the sixteenth batch: 0.03 under its first score (0.951,
/// 0.820), as for every used batch.
const BLIND_P_FLOOR: (f64, f64) = (0.92, 0.79);
/// Its first score flagged 5 of 120 kind lines; two more at most.
const BLIND_P_KIND_FLAGGED: usize = 7;
/// The seventeenth blind batch (300 lines, fifteen more voices), written by a helper who saw
/// only the concerns' definitions, scored once with the checker shipped at the seventh
/// December stop (K7's model, summed faster) after four candidates failed their rules, and
/// never read line by line; then training data for K13.
const BLIND_Q: &str = include_str!("fixtures/draft/blind-2026-12q.jsonl");
/// (precision, recall) floors for the seventeenth batch: 0.03 under its first score (0.957,
/// 0.848), as for every used batch.
const BLIND_Q_FLOOR: (f64, f64) = (0.92, 0.81);
/// Its first score flagged 5 of 120 kind lines; two more at most.
const BLIND_Q_KIND_FLAGGED: usize = 7;
/// The eighteenth blind batch (300 lines, fifteen more voices), written at the seventh
/// December stop by a helper who saw only the concerns' definitions, scored once with the
/// checker shipped then (K13) and never read line by line.
const BLIND_R: &str = include_str!("fixtures/draft/blind-2026-12r.jsonl");
/// (precision, recall) floors for the eighteenth batch: 0.03 under its first score (0.947,
/// 0.852), as for every used batch.
const BLIND_R_FLOOR: (f64, f64) = (0.91, 0.82);
/// Its first score flagged 3 of 120 kind lines; two more at most.
const BLIND_R_KIND_FLAGGED: usize = 5;
/// The nineteenth blind batch (300 lines, fifteen more voices), written at the seventh
/// December stop by a helper who saw only the concerns' definitions, scored once with the
/// checker shipped at the eighth (K14) and never read line by line.
const BLIND_S: &str = include_str!("fixtures/draft/blind-2026-12s.jsonl");
/// (precision, recall) floors for the nineteenth batch: 0.03 under its first score (0.950,
/// 0.884), as for every used batch.
const BLIND_S_FLOOR: (f64, f64) = (0.92, 0.85);
/// Its first score flagged 3 of 120 kind lines; two more at most.
const BLIND_S_KIND_FLAGGED: usize = 5;
/// The twentieth blind batch (300 lines, fifteen more voices), written at the eighth December
/// stop by a helper who saw only the concerns' definitions, scored once with the checker
/// shipped then (K15b), then read as a development set and, relabelled at the ninth stop
/// (others' opinion of the partner's fault is blame too), trained on from K16.
const BLIND_T: &str = include_str!("fixtures/draft/blind-2026-12t.jsonl");
/// (precision, recall) floors for the twentieth batch: 0.03 under its first score (0.948,
/// 0.904), as for every used batch.
const BLIND_T_FLOOR: (f64, f64) = (0.91, 0.87);
/// Its first score flagged 4 of 120 kind lines; two more at most.
const BLIND_T_KIND_FLAGGED: usize = 6;
/// The twenty-first blind batch (300 lines, fifteen more voices), written at the eighth
/// December stop by a helper who saw only the concerns' definitions, scored once with K15b,
/// relabelled at the ninth stop (others' opinion of the partner's fault is blame too) and
/// trained on from K16.
const BLIND_U: &str = include_str!("fixtures/draft/blind-2026-12u.jsonl");
/// (precision, recall) floors for the twenty-first batch: 0.03 under its first score (0.956,
/// 0.920), as for every used batch.
const BLIND_U_FLOOR: (f64, f64) = (0.92, 0.89);
/// Its first score flagged none of 120 kind lines; two more at most.
const BLIND_U_KIND_FLAGGED: usize = 2;
/// The twenty-second held-out batch (600 lines, thirty more voices, two helpers who saw only
/// the concerns' definitions), fixed in advance as the measurement of K15b against the whole
/// goal, scored once, its misses read as a development set at the ninth stop and trained
/// on from K16.
const BLIND_V: &str = include_str!("fixtures/draft/blind-2026-12v.jsonl");
/// (precision, recall) floors for the twenty-second batch: 0.03 under its first score
/// (0.955, 0.828), as for every used batch.
const BLIND_V_FLOOR: (f64, f64) = (0.92, 0.79);
/// Its first score flagged 3 of 240 kind lines; two more at most.
const BLIND_V_KIND_FLAGGED: usize = 5;
/// The twenty-third held-out batch (600 lines, thirty more voices, two helpers who saw only
/// the brief), scored once with K16 against the whole goal and read afterwards as a
/// development set.
const BLIND_W: &str = include_str!("fixtures/draft/blind-2026-12w.jsonl");
/// (precision, recall) floors for the twenty-third batch: 0.03 under its first score
/// (0.947, 0.884), as for every used batch.
const BLIND_W_FLOOR: (f64, f64) = (0.91, 0.85);
/// Its first score flagged 3 of 240 kind lines; K23's lower thresholds (docs/CHECKER.md)
/// flag 7, a trade made on purpose, so 7 at most.
const BLIND_W_KIND_FLAGGED: usize = 7;
/// The twenty-fourth held-out batch (600 lines, thirty more voices, two helpers who saw only
/// the brief), scored once with K17 against the whole goal.
const BLIND_X: &str = include_str!("fixtures/draft/blind-2026-12x.jsonl");
/// (precision, recall) floors for the twenty-fourth batch: 0.03 under its first score
/// (0.978, 0.915), as for every used batch.
const BLIND_X_FLOOR: (f64, f64) = (0.94, 0.88);
/// Its first score flagged 5 of 240 kind lines; K23's lower thresholds (docs/CHECKER.md)
/// flag 9, a trade made on purpose, so 9 at most.
const BLIND_X_KIND_FLAGGED: usize = 9;
/// The twenty-fifth held-out batch (600 lines, thirty more voices, two helpers who saw only
/// the brief), scored once with K17 against the whole goal.
const BLIND_Y: &str = include_str!("fixtures/draft/blind-2026-12y.jsonl");
/// (precision, recall) floors for the twenty-fifth batch: 0.03 under its first score
/// (0.979, 0.847), as for every used batch.
const BLIND_Y_FLOOR: (f64, f64) = (0.94, 0.81);
/// Its first score flagged 6 of 240 kind lines; two more at most.
const BLIND_Y_KIND_FLAGGED: usize = 8;
/// The twenty-sixth held-out batch (600 lines, thirty more voices, two helpers who saw only
/// the brief), scored once with K19 against the whole goal.
const BLIND_Z: &str = include_str!("fixtures/draft/blind-2026-12z.jsonl");
/// (precision, recall) floors for the twenty-sixth batch: 0.03 under its first score
/// (0.970, 0.861), as for every used batch.
const BLIND_Z_FLOOR: (f64, f64) = (0.94, 0.83);
/// Its first score flagged 9 of 240 kind lines; K23's lower thresholds (docs/CHECKER.md)
/// flag 12, a trade made on purpose, so 12 at most.
const BLIND_Z_KIND_FLAGGED: usize = 12;
/// The twenty-seventh held-out batch (600 lines, thirty more voices, two helpers who saw
/// only the brief), scored once with K19 against the whole goal.
const BLIND_AA: &str = include_str!("fixtures/draft/blind-2026-12aa.jsonl");
/// (precision, recall) floors for the twenty-seventh batch: 0.03 under its first score
/// (0.979, 0.869), as for every used batch.
const BLIND_AA_FLOOR: (f64, f64) = (0.94, 0.83);
/// Its first score flagged 5 of 240 kind lines; two more at most.
const BLIND_AA_KIND_FLAGGED: usize = 7;
/// The twenty-eighth held-out batch (600 lines, thirty more voices, two helpers who saw
/// only the brief), scored once with K21 against the whole goal.
const BLIND_AB: &str = include_str!("fixtures/draft/blind-2026-12ab.jsonl");
/// (precision, recall) floors for the twenty-eighth batch: 0.03 under its first score
/// (0.984, 0.863), as for every used batch.
const BLIND_AB_FLOOR: (f64, f64) = (0.95, 0.83);
/// Its first score flagged none of its 240 kind lines; two at most.
const BLIND_AB_KIND_FLAGGED: usize = 2;
/// The twenty-ninth held-out batch (600 lines, thirty more voices, two helpers who saw
/// only the brief), scored once with K22 against the whole goal.
const BLIND_AC: &str = include_str!("fixtures/draft/blind-2026-12ac.jsonl");
/// (precision, recall) floors for the twenty-ninth batch: 0.03 under its first score
/// (0.983, 0.842), as for every used batch.
const BLIND_AC_FLOOR: (f64, f64) = (0.95, 0.81);
/// Its first score flagged 3 of 240 kind lines; two more at most.
const BLIND_AC_KIND_FLAGGED: usize = 5;
/// The thirtieth held-out batch (600 lines, thirty more voices, two helpers who saw only the
/// brief), scored once with K23 against the whole goal but she/they.
const BLIND_AD: &str = include_str!("fixtures/draft/blind-2026-12ad.jsonl");
/// (precision, recall) floors for the thirtieth batch: 0.03 under its first score
/// (0.963, 0.844), as for every used batch.
const BLIND_AD_FLOOR: (f64, f64) = (0.93, 0.81);
/// Its first score flagged 9 of 240 kind lines; two more at most.
const BLIND_AD_KIND_FLAGGED: usize = 11;
/// The first paired held-out batch (600 lines: 300 pairs, each line once to "you" and once
/// about him, her or them; thirty voices, two helpers who saw only the brief and its paired
/// addendum), scored once with K23 for the she/they part of the goal.
const PAIRED_AE: &str = include_str!("fixtures/draft/blind-2026-12ae-paired.jsonl");
/// (precision, recall) floors for it: 0.03 under its first score (0.986, 0.942).
const PAIRED_AE_FLOOR: (f64, f64) = (0.95, 0.91);
/// Its first score flagged 2 of 120 kind lines; two more at most.
const PAIRED_AE_KIND_FLAGGED: usize = 4;
/// Its first score found 8 paired labels in the "you" line only, 1 in the third-person line
/// only; the floor holds the first and allows two more.
const PAIRED_AE_YOU_ONLY: usize = 10;
/// The thirty-first held-out batch (600 lines, thirty more voices, two helpers who saw only
/// the brief), scored once with K25 against the whole goal but she/they.
const BLIND_AF: &str = include_str!("fixtures/draft/blind-2026-12af.jsonl");
/// (precision, recall) floors for the thirty-first batch: 0.03 under its first score
/// (0.979, 0.892), as for every used batch.
const BLIND_AF_FLOOR: (f64, f64) = (0.94, 0.86);
/// Its first score flagged 6 of 240 kind lines; two more at most.
const BLIND_AF_KIND_FLAGGED: usize = 8;
/// The second paired held-out batch (600 lines, 300 pairs, thirty more voices), scored once
/// with K25 for the she/they part of the goal.
const PAIRED_AG: &str = include_str!("fixtures/draft/blind-2026-12ag-paired.jsonl");
/// (precision, recall) floors for it: 0.03 under its first score (0.967, 0.894).
const PAIRED_AG_FLOOR: (f64, f64) = (0.93, 0.86);
/// Its first score flagged 7 of 120 kind lines; two more at most.
const PAIRED_AG_KIND_FLAGGED: usize = 9;
/// Its first score found 13 paired labels in the "you" line only, 2 in the third-person line
/// only; the floor holds the first and allows two more.
const PAIRED_AG_YOU_ONLY: usize = 15;
/// The thirty-second held-out batch (600 lines, thirty more voices, two helpers who saw
/// only the brief), scored once with K26 against the whole goal but she/they.
const BLIND_AH: &str = include_str!("fixtures/draft/blind-2026-12ah.jsonl");
/// (precision, recall) floors for the thirty-second batch: 0.03 under its first score
/// (0.979, 0.862), as for every used batch.
const BLIND_AH_FLOOR: (f64, f64) = (0.94, 0.83);
/// Its first score flagged 2 of 240 kind lines; two more at most.
const BLIND_AH_KIND_FLAGGED: usize = 4;
/// The third paired held-out batch (600 lines, 300 pairs, thirty more voices), scored once
/// with K26 for the she/they part of the goal.
const PAIRED_AI: &str = include_str!("fixtures/draft/blind-2026-12ai-paired.jsonl");
/// (precision, recall) floors for it: 0.03 under its first score (0.961, 0.886).
const PAIRED_AI_FLOOR: (f64, f64) = (0.93, 0.85);
/// Its first score flagged 7 of 120 kind lines; two more at most.
const PAIRED_AI_KIND_FLAGGED: usize = 9;
/// Its first score found 13 paired labels in the "you" line only, 2 in the third-person line
/// only; the floor holds the first and allows two more.
const PAIRED_AI_YOU_ONLY: usize = 15;
// Since K35, AJ to AY (below, to the fortieth batch and the eleventh paired batch) are
// training lines too: their tests stay as regression guards, no longer as blind figures.
/// The thirty-third held-out batch (600 lines, thirty more voices), scored once with K27.
const BLIND_AJ: &str = include_str!("fixtures/draft/blind-2026-12aj.jsonl");
/// (precision, recall) floors for it: 0.03 under its first score (0.966, 0.922).
const BLIND_AJ_FLOOR: (f64, f64) = (0.93, 0.89);
/// Its first score flagged 4 of 240 kind lines; two more at most.
const BLIND_AJ_KIND_FLAGGED: usize = 6;
/// The fourth paired held-out batch (300 pairs, thirty more voices), scored once with K27.
const PAIRED_AK: &str = include_str!("fixtures/draft/blind-2026-12ak-paired.jsonl");
/// (precision, recall) floors for it: 0.03 under its first score (0.986, 0.937).
const PAIRED_AK_FLOOR: (f64, f64) = (0.95, 0.90);
/// Its first score flagged 3 of 120 kind lines; two more at most.
const PAIRED_AK_KIND_FLAGGED: usize = 5;
/// Its first score found 5 paired labels in the "you" line only, none in the third-person
/// line only; the cap holds the first and allows two more.
const PAIRED_AK_YOU_ONLY: usize = 7;
/// The thirty-fourth held-out batch (600 lines, thirty more voices), scored once with K28.
const BLIND_AL: &str = include_str!("fixtures/draft/blind-2026-12al.jsonl");
/// (precision, recall) floors for it: 0.03 under its first score (0.983, 0.893).
const BLIND_AL_FLOOR: (f64, f64) = (0.95, 0.86);
/// Its first score flagged 3 of 240 kind lines; two more at most.
const BLIND_AL_KIND_FLAGGED: usize = 5;
/// The fifth paired held-out batch (300 pairs, thirty more voices), scored once with K28.
const PAIRED_AM: &str = include_str!("fixtures/draft/blind-2026-12am-paired.jsonl");
/// (precision, recall) floors for it: 0.03 under its first score (0.983, 0.945).
const PAIRED_AM_FLOOR: (f64, f64) = (0.95, 0.91);
/// Its first score flagged 2 of 120 kind lines; two more at most.
const PAIRED_AM_KIND_FLAGGED: usize = 4;
/// Its first score found 8 paired labels in the "you" line only, 1 in the third-person line
/// only; the cap holds the first and allows two more.
const PAIRED_AM_YOU_ONLY: usize = 10;
/// The thirty-fifth held-out batch (600 lines, thirty more voices), written after K28 was
/// fixed and scored once with it.
const BLIND_AN: &str = include_str!("fixtures/draft/blind-2026-12an.jsonl");
/// (precision, recall) floors for it: 0.03 under its first score (0.983, 0.935).
const BLIND_AN_FLOOR: (f64, f64) = (0.95, 0.90);
/// Its first score flagged 1 of 240 kind lines; two more at most.
const BLIND_AN_KIND_FLAGGED: usize = 3;
/// The sixth paired held-out batch (300 pairs, thirty more voices), written after K28 was
/// fixed and scored once with it.
const PAIRED_AO: &str = include_str!("fixtures/draft/blind-2026-12ao-paired.jsonl");
/// (precision, recall) floors for it: 0.03 under its first score (0.986, 0.943).
const PAIRED_AO_FLOOR: (f64, f64) = (0.95, 0.91);
/// Its first score flagged 2 of 120 kind lines; two more at most.
const PAIRED_AO_KIND_FLAGGED: usize = 4;
/// Its first score found 2 paired labels in the "you" line only, 1 in the third-person line
/// only; the cap holds the first and allows two more.
const PAIRED_AO_YOU_ONLY: usize = 4;
/// The thirty-sixth held-out batch (600 lines, thirty more voices), written at the last stop
/// and scored once with K30.
const BLIND_AP: &str = include_str!("fixtures/draft/blind-2026-12ap.jsonl");
/// (precision, recall) floors for it: 0.03 under its first score (0.964, 0.946).
const BLIND_AP_FLOOR: (f64, f64) = (0.93, 0.91);
/// Its first score flagged 6 of 240 kind lines; two more at most.
const BLIND_AP_KIND_FLAGGED: usize = 8;
/// The seventh paired held-out batch (300 pairs, thirty more voices), written at the last
/// stop and scored once with K30.
const PAIRED_AQ: &str = include_str!("fixtures/draft/blind-2026-12aq-paired.jsonl");
/// (precision, recall) floors for it: 0.03 under its first score (0.982, 0.948).
const PAIRED_AQ_FLOOR: (f64, f64) = (0.95, 0.91);
/// Its first score flagged 3 of 120 kind lines; two more at most.
const PAIRED_AQ_KIND_FLAGGED: usize = 5;
/// Its first score found 4 paired labels in the "you" line only, 2 in the third-person line
/// only; the cap holds the first and allows two more.
const PAIRED_AQ_YOU_ONLY: usize = 6;
/// The thirty-seventh held-out batch (600 lines, thirty more voices), written before K31 was
/// tried and scored once with it.
const BLIND_AR: &str = include_str!("fixtures/draft/blind-2026-12ar.jsonl");
/// (precision, recall) floors for it: 0.03 under its first score (0.970, 0.903).
const BLIND_AR_FLOOR: (f64, f64) = (0.94, 0.87);
/// Its first score flagged 2 of 240 kind lines; two more at most.
const BLIND_AR_KIND_FLAGGED: usize = 4;
/// The eighth paired held-out batch (300 pairs, thirty more voices), written before K31 was
/// tried and scored once with it.
const PAIRED_AS: &str = include_str!("fixtures/draft/blind-2026-12as-paired.jsonl");
/// (precision, recall) floors for it: 0.03 under its first score (0.982, 0.948).
const PAIRED_AS_FLOOR: (f64, f64) = (0.95, 0.91);
/// Its first score flagged 0 of 120 kind lines; two more at most.
const PAIRED_AS_KIND_FLAGGED: usize = 2;
/// Its first score found 6 paired labels in the "you" line only, 4 in the third-person line
/// only; the cap holds the first and allows two more.
const PAIRED_AS_YOU_ONLY: usize = 8;
/// The thirty-eighth held-out batch (600 lines, thirty more voices), committed unread before
/// K32's rule and scored once with K32.
const BLIND_AT: &str = include_str!("fixtures/draft/blind-2026-12at.jsonl");
/// (precision, recall) floors for it: 0.03 under its first score (0.955, 0.931).
const BLIND_AT_FLOOR: (f64, f64) = (0.92, 0.90);
/// Its first score flagged 2 of 240 kind lines; two more at most.
const BLIND_AT_KIND_FLAGGED: usize = 4;
/// The ninth paired held-out batch (300 pairs, thirty more voices), committed unread before
/// K32's rule and scored once with K32.
const PAIRED_AU: &str = include_str!("fixtures/draft/blind-2026-12au-paired.jsonl");
/// (precision, recall) floors for it: 0.03 under its first score (0.966, 0.935).
const PAIRED_AU_FLOOR: (f64, f64) = (0.93, 0.90);
/// Its first score flagged 10 of 120 kind lines; two more at most.
const PAIRED_AU_KIND_FLAGGED: usize = 12;
/// Its first score found 4 paired labels in the "you" line only, 2 in the third-person line
/// only; the cap holds the first and allows two more.
const PAIRED_AU_YOU_ONLY: usize = 6;
/// The thirty-ninth held-out batch (600 lines, thirty more voices), committed unread before
/// K33's rule and scored once with K33.
const BLIND_AV: &str = include_str!("fixtures/draft/blind-2026-12av.jsonl");
/// (precision, recall) floors for it: 0.03 under its first score (0.963, 0.942).
const BLIND_AV_FLOOR: (f64, f64) = (0.93, 0.91);
/// Its first score flagged 3 of 240 kind lines; two more at most.
const BLIND_AV_KIND_FLAGGED: usize = 5;
/// The tenth paired held-out batch (300 pairs, thirty more voices), committed unread before
/// K33's rule and scored once with K33.
const PAIRED_AW: &str = include_str!("fixtures/draft/blind-2026-12aw-paired.jsonl");
/// (precision, recall) floors for it: 0.03 under its first score (0.972, 0.920).
const PAIRED_AW_FLOOR: (f64, f64) = (0.94, 0.89);
/// Its first score flagged 0 of 120 kind lines; two more at most.
const PAIRED_AW_KIND_FLAGGED: usize = 2;
/// Its first score found 6 paired labels in the "you" line only, 3 in the third-person line
/// only; the cap holds the first and allows two more.
const PAIRED_AW_YOU_ONLY: usize = 8;
/// The fortieth held-out batch (600 lines, thirty more voices), committed unread before
/// K34's rule and scored once with K34.
const BLIND_AX: &str = include_str!("fixtures/draft/blind-2026-12ax.jsonl");
/// (precision, recall) floors for it: 0.03 under its first score (0.966, 0.867).
const BLIND_AX_FLOOR: (f64, f64) = (0.93, 0.83);
/// Its first score flagged 2 of 240 kind lines; two more at most.
const BLIND_AX_KIND_FLAGGED: usize = 4;
/// The eleventh paired held-out batch (300 pairs, thirty more voices), committed unread
/// before K34's rule and scored once with K34.
const PAIRED_AY: &str = include_str!("fixtures/draft/blind-2026-12ay-paired.jsonl");
/// (precision, recall) floors for it: 0.03 under its first score (0.984, 0.841).
const PAIRED_AY_FLOOR: (f64, f64) = (0.95, 0.81);
/// Its first score flagged 0 of 120 kind lines; two more at most.
const PAIRED_AY_KIND_FLAGGED: usize = 2;
/// Its first score found 8 paired labels in the "you" line only, 5 in the third-person line
/// only; the cap holds the first and allows two more.
const PAIRED_AY_YOU_ONLY: usize = 10;
/// The forty-first held-out batch (600 lines, thirty more voices), committed unread before
/// K35's rule and scored once with K35.
const BLIND_AZ: &str = include_str!("fixtures/draft/blind-2026-12az.jsonl");
/// (precision, recall) floors for it: 0.03 under its first score (0.972, 0.911).
const BLIND_AZ_FLOOR: (f64, f64) = (0.94, 0.88);
/// Its first score flagged 2 of 240 kind lines; two more at most.
const BLIND_AZ_KIND_FLAGGED: usize = 4;
/// The twelfth paired held-out batch (300 pairs, thirty more voices), committed unread
/// before K35's rule and scored once with K35.
const PAIRED_BA: &str = include_str!("fixtures/draft/blind-2026-12ba-paired.jsonl");
/// (precision, recall) floors for it: 0.03 under its first score (0.986, 0.876).
const PAIRED_BA_FLOOR: (f64, f64) = (0.95, 0.84);
/// Its first score flagged 3 of 120 kind lines; two more at most.
const PAIRED_BA_KIND_FLAGGED: usize = 5;
/// Its first score found 9 paired labels in the "you" line only, 2 in the third-person line
/// only; the cap holds the first and allows two more.
const PAIRED_BA_YOU_ONLY: usize = 11;
/// The forty-second held-out batch (600 lines, thirty more voices), committed unread before
/// K36's rule and scored once with K36.
const BLIND_BB: &str = include_str!("fixtures/draft/blind-2026-12bb.jsonl");
/// (precision, recall) floors for it: 0.03 under its first score (0.983, 0.942).
const BLIND_BB_FLOOR: (f64, f64) = (0.95, 0.91);
/// Its first score flagged 5 of 240 kind lines; two more at most.
const BLIND_BB_KIND_FLAGGED: usize = 7;
/// The thirteenth paired held-out batch (300 pairs, thirty more voices), committed unread
/// before K36's rule and scored once with K36.
const PAIRED_BC: &str = include_str!("fixtures/draft/blind-2026-12bc-paired.jsonl");
/// (precision, recall) floors for it: 0.03 under its first score (0.981, 0.930).
const PAIRED_BC_FLOOR: (f64, f64) = (0.95, 0.90);
/// Its first score flagged 1 of 120 kind lines; two more at most.
const PAIRED_BC_KIND_FLAGGED: usize = 3;
/// Its first score found 5 paired labels in the "you" line only, none in the third-person
/// line only; the cap holds the first and allows two more.
const PAIRED_BC_YOU_ONLY: usize = 7;
/// The forty-third held-out batch (600 lines, thirty more voices), committed unread before
/// K37's rule and scored once with K36 (K37 did not ship).
const BLIND_BD: &str = include_str!("fixtures/draft/blind-2026-12bd.jsonl");
/// (precision, recall) floors for it: 0.03 under its first score (0.974, 0.938).
const BLIND_BD_FLOOR: (f64, f64) = (0.94, 0.90);
/// Its first score flagged 3 of 240 kind lines; two more at most.
const BLIND_BD_KIND_FLAGGED: usize = 5;
/// The fourteenth paired held-out batch (300 pairs, thirty more voices), committed unread
/// before K37's rule and scored once with K36.
const PAIRED_BE: &str = include_str!("fixtures/draft/blind-2026-12be-paired.jsonl");
/// (precision, recall) floors for it: 0.03 under its first score (0.973, 0.920).
const PAIRED_BE_FLOOR: (f64, f64) = (0.94, 0.89);
/// Its first score flagged 6 of 120 kind lines; two more at most.
const PAIRED_BE_KIND_FLAGGED: usize = 8;
/// Its first score found 4 paired labels in the "you" line only, 3 in the third-person line
/// only; the cap holds the first and allows two more.
const PAIRED_BE_YOU_ONLY: usize = 6;
/// The forty-fourth held-out batch (600 lines, thirty more voices), committed unread before
/// K38's rule and scored once with K38.
const BLIND_BF: &str = include_str!("fixtures/draft/blind-2026-12bf.jsonl");
/// (precision, recall) floors for it: 0.03 under its first score (0.987, 0.954).
const BLIND_BF_FLOOR: (f64, f64) = (0.95, 0.92);
/// Its first score flagged 2 of 240 kind lines; two more at most.
const BLIND_BF_KIND_FLAGGED: usize = 4;
/// The fifteenth paired held-out batch (300 pairs, thirty more voices), committed unread
/// before K38's rule and scored once with K38.
const PAIRED_BG: &str = include_str!("fixtures/draft/blind-2026-12bg-paired.jsonl");
/// (precision, recall) floors for it: 0.03 under its first score (0.963, 0.922).
const PAIRED_BG_FLOOR: (f64, f64) = (0.93, 0.89);
/// Its first score flagged 5 of 120 kind lines; two more at most.
const PAIRED_BG_KIND_FLAGGED: usize = 7;
/// Its first score found 4 paired labels in the "you" line only, none in the third-person
/// line only; the cap holds the first and allows two more.
const PAIRED_BG_YOU_ONLY: usize = 6;
/// The forty-fifth held-out batch (600 lines, thirty more voices), committed unread before
/// K39's rule and scored once with K39.
const BLIND_BH: &str = include_str!("fixtures/draft/blind-2026-12bh.jsonl");
/// (precision, recall) floors for it: 0.03 under its first score (0.951, 0.904).
const BLIND_BH_FLOOR: (f64, f64) = (0.92, 0.87);
/// Its first score flagged 5 of 240 kind lines; two more at most.
const BLIND_BH_KIND_FLAGGED: usize = 7;
/// The sixteenth paired held-out batch (300 pairs, thirty more voices), committed unread
/// before K39's rule and scored once with K39.
const PAIRED_BI: &str = include_str!("fixtures/draft/blind-2026-12bi-paired.jsonl");
/// (precision, recall) floors for it: 0.03 under its first score (0.982, 0.905).
const PAIRED_BI_FLOOR: (f64, f64) = (0.95, 0.87);
/// Its first score flagged 1 of 120 kind lines; two more at most.
const PAIRED_BI_KIND_FLAGGED: usize = 3;
/// Its first score found 5 paired labels in the "you" line only, 3 in the third-person line
/// only; the cap holds the first and allows two more.
const PAIRED_BI_YOU_ONLY: usize = 7;
/// The forty-sixth held-out batch (600 lines, thirty more voices), committed unread before
/// K41's rule and scored once with K41.
const BLIND_BJ: &str = include_str!("fixtures/draft/blind-2026-12bj.jsonl");
/// (precision, recall) floors for it: 0.03 under its first score (0.957, 0.907).
const BLIND_BJ_FLOOR: (f64, f64) = (0.92, 0.87);
/// Its first score flagged 3 of 240 kind lines; two more at most.
const BLIND_BJ_KIND_FLAGGED: usize = 5;
/// The seventeenth paired held-out batch (300 pairs, thirty more voices), committed unread
/// before K41's rule and scored once with K41.
const PAIRED_BK: &str = include_str!("fixtures/draft/blind-2026-12bk-paired.jsonl");
/// (precision, recall) floors for it: 0.03 under its first score (0.977, 0.923).
const PAIRED_BK_FLOOR: (f64, f64) = (0.94, 0.89);
/// Its first score flagged 1 of 120 kind lines; two more at most.
const PAIRED_BK_KIND_FLAGGED: usize = 3;
/// Its first score found 7 paired labels in the "you" line only, 3 in the third-person line
/// only; the cap holds the first and allows two more.
const PAIRED_BK_YOU_ONLY: usize = 9;
/// The forty-seventh held-out batch (600 lines, thirty more voices), committed unread before
/// K42's rule and scored once with K42.
const BLIND_BL: &str = include_str!("fixtures/draft/blind-2026-12bl.jsonl");
/// (precision, recall) floors for it: 0.03 under its first score (0.963, 0.920).
const BLIND_BL_FLOOR: (f64, f64) = (0.93, 0.89);
/// Its first score flagged 2 of 240 kind lines; two more at most.
const BLIND_BL_KIND_FLAGGED: usize = 4;
/// The eighteenth paired held-out batch (300 pairs, thirty more voices), committed unread
/// before K42's rule and scored once with K42.
const PAIRED_BM: &str = include_str!("fixtures/draft/blind-2026-12bm-paired.jsonl");
/// (precision, recall) floors for it: 0.03 under its first score (0.968, 0.934).
const PAIRED_BM_FLOOR: (f64, f64) = (0.93, 0.90);
/// Its first score flagged 10 of 120 kind lines (five kind pairs, both lines); two more at
/// most.
const PAIRED_BM_KIND_FLAGGED: usize = 12;
/// Its first score found 1 paired label in the "you" line only, none in the third-person
/// line only; the cap holds the first and allows two more.
const PAIRED_BM_YOU_ONLY: usize = 3;
/// The forty-eighth held-out batch (600 lines, thirty more voices), committed unread before
/// K43's rule and scored once with K43b.
const BLIND_BN: &str = include_str!("fixtures/draft/blind-2026-12bn.jsonl");
/// (precision, recall) floors for it: 0.03 under its first score (0.970, 0.886).
const BLIND_BN_FLOOR: (f64, f64) = (0.94, 0.85);
/// Its first score flagged 2 of 240 kind lines; two more at most.
const BLIND_BN_KIND_FLAGGED: usize = 4;
/// The nineteenth paired held-out batch (300 pairs, thirty more voices), committed unread
/// before K43's rule and scored once with K43b.
const PAIRED_BO: &str = include_str!("fixtures/draft/blind-2026-12bo-paired.jsonl");
/// (precision, recall) floors for it: 0.03 under its first score (0.976, 0.939).
const PAIRED_BO_FLOOR: (f64, f64) = (0.94, 0.90);
/// Its first score flagged 4 of 120 kind lines; two more at most.
const PAIRED_BO_KIND_FLAGGED: usize = 6;
/// Its first score found 2 paired labels in the "you" line only, 1 in the third-person line
/// only; the cap holds the first and allows two more.
const PAIRED_BO_YOU_ONLY: usize = 4;

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: u32,
    fp: u32,
    fn_: u32,
}

impl Counts {
    fn precision(self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn recall(self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
}

fn ratio(a: u32, b: u32) -> f64 {
    if b == 0 {
        1.0
    } else {
        f64::from(a) / f64::from(b)
    }
}

fn ids(set: &BTreeSet<Concern>) -> String {
    let v: Vec<&str> = set.iter().map(|c| c.id()).collect();
    format!("[{}]", v.join(", "))
}

/// Scores `lines`, prints the figures (overall and per concern) and every line not exactly
/// right, and returns the overall counts.
fn evaluate(
    name: &str,
    lines: &[Line],
    show_misses: bool,
) -> (Counts, BTreeMap<Concern, Counts>, usize) {
    let clean = lines.iter().filter(|l| l.expect.is_empty()).count();
    let mut per: BTreeMap<Concern, Counts> = Concern::ALL
        .iter()
        .map(|&c| (c, Counts::default()))
        .collect();
    let mut misses = Vec::new();
    let mut clean_flagged = 0;
    for line in lines {
        let got = review(&line.text).concerns();
        for c in Concern::ALL {
            let entry = per.entry(c).or_default();
            match (got.contains(&c), line.expect.contains(&c)) {
                (true, true) => entry.tp += 1,
                (true, false) => entry.fp += 1,
                (false, true) => entry.fn_ += 1,
                (false, false) => {}
            }
        }
        if got != line.expect {
            if line.expect.is_empty() {
                clean_flagged += 1;
            }
            misses.push(format!(
                "  expected {:<30} got {:<30} {:?}",
                ids(&line.expect),
                ids(&got),
                line.text
            ));
        }
    }
    let total = per.values().fold(Counts::default(), |a, c| Counts {
        tp: a.tp + c.tp,
        fp: a.fp + c.fp,
        fn_: a.fn_ + c.fn_,
    });

    println!(
        "\n{name}: {} lines ({} clean, {} with concerns); {} labels",
        lines.len(),
        clean,
        lines.len() - clean,
        total.tp + total.fn_
    );
    println!(
        "{:<14} {:>5} {:>4} {:>4} {:>4} {:>9} {:>7}",
        "concern", "label", "tp", "fp", "fn", "precision", "recall"
    );
    let row = |label: &str, k: Counts| {
        println!(
            "{:<14} {:>5} {:>4} {:>4} {:>4} {:>9.3} {:>7.3}",
            label,
            k.tp + k.fn_,
            k.tp,
            k.fp,
            k.fn_,
            k.precision(),
            k.recall()
        );
    };
    for (c, k) in &per {
        row(c.id(), *k);
    }
    row("overall", total);
    println!(
        "lines exactly right: {}/{}; clean lines flagged: {}/{}",
        lines.len() - misses.len(),
        lines.len(),
        clean_flagged,
        clean
    );
    if show_misses && !misses.is_empty() {
        println!("lines not exactly right:\n{}", misses.join("\n"));
    }
    (total, per, clean_flagged)
}

#[test]
fn the_training_corpora_fit() {
    let lines: Vec<Line> = TRAINING.iter().flat_map(|(_, src)| corpus(src)).collect();
    let (total, _, flagged) = evaluate(
        "training corpora (fitted: a regression guard)",
        &lines,
        false,
    );
    assert!(
        total.precision() >= 0.93,
        "precision {:.3}",
        total.precision()
    );
    assert!(total.recall() >= 0.80, "recall {:.3}", total.recall());
    let kind = lines.iter().filter(|l| l.expect.is_empty()).count();
    assert!(
        flagged * 100 <= kind * 3,
        "{flagged} of {kind} kind lines flagged"
    );
}

/// Scores a blind batch (its misses printed only when `show_misses`), holds it to its
/// (precision, recall) floor, and returns each concern's counts, the kind lines flagged and
/// how many kind lines there are.
fn score_blind(
    name: &str,
    src: &str,
    floor: (f64, f64),
    show_misses: bool,
) -> (BTreeMap<Concern, Counts>, usize, usize) {
    let lines = corpus(src);
    assert!(lines.len() >= 200, "{name} has {} lines", lines.len());
    let (total, per, flagged) = evaluate(name, &lines, show_misses);
    // Regression guards, set under the figures measured now; each batch's blind figure is
    // its first run's, recorded in docs/CHECKER.md.
    assert!(
        total.precision() >= floor.0,
        "precision {:.3}",
        total.precision()
    );
    assert!(total.recall() >= floor.1, "recall {:.3}", total.recall());
    let kind = lines.iter().filter(|l| l.expect.is_empty()).count();
    (per, flagged, kind)
}

#[test]
fn the_blind_batch() {
    let (per, flagged, kind) = score_blind(
        "blind held-out batch, December 2026",
        BLIND,
        BLIND_FLOOR,
        true,
    );
    assert!(
        flagged * 100 <= kind * 5,
        "{flagged} of {kind} kind lines flagged"
    );
    for c in Concern::ALL {
        assert!(
            per[&c].tp + per[&c].fn_ >= 20,
            "{} has too few blind lines",
            c.id()
        );
    }
}

#[test]
fn lines_about_she_or_they_are_caught_like_lines_to_you() {
    let mut about = Counts::default();
    let mut to_you = Counts::default();
    for line in TRAINING
        .iter()
        .flat_map(|(_, src)| corpus(src))
        .chain(corpus(BLIND))
    {
        if line.expect.is_empty() {
            continue;
        }
        let bucket = match train::to_you(&line.text) {
            Some(true) => &mut to_you,
            Some(false) => &mut about,
            None => continue,
        };
        let got = review(&line.text).concerns();
        for c in &line.expect {
            if got.contains(c) {
                bucket.tp += 1;
            } else {
                bucket.fn_ += 1;
            }
        }
    }
    println!(
        "\nrecall, lines about she/they: {:.3} ({} labels); lines to you: {:.3} ({} labels)",
        about.recall(),
        about.tp + about.fn_,
        to_you.recall(),
        to_you.tp + to_you.fn_
    );
    assert!(about.tp + about.fn_ >= 100);
    assert!(
        about.recall() + 0.05 >= to_you.recall(),
        "she/they lines fall behind"
    );
}

#[test]
fn the_model_was_trained_on_these_corpora() {
    let file: model::ModelFile = serde_json::from_str(include_str!("../assets/draft-model.json"))
        .expect("the model asset parses");
    // The trainer reads the training batches, the thirteen used blind batches, then the
    // training batches written after them.
    let bytes: Vec<&[u8]> = TRAINING
        .iter()
        .map(|(_, src)| *src)
        .chain(USED_BLIND)
        .chain([BLIND_K, BLIND_L, BLIND_M])
        .chain(LATER_TRAINING)
        .chain([BLIND_N, BLIND_O, BLIND_P])
        .chain(NEWEST_TRAINING)
        .chain([BLIND_Q, BLIND_R, BLIND_S])
        .chain([BLIND_T, BLIND_U, BLIND_V, CONTRAST_TRAINING])
        .chain([PARTNER_NOUN_CONTRAST])
        // Since K27: the names batch, then the used held-out batches W to AI.
        .chain([FIRST_NAME_CONTRAST])
        .chain([
            BLIND_W, BLIND_X, BLIND_Y, BLIND_Z, BLIND_AA, BLIND_AB, BLIND_AC,
        ])
        .chain([
            BLIND_AD, PAIRED_AE, BLIND_AF, PAIRED_AG, BLIND_AH, PAIRED_AI,
        ])
        // Since K35: the used held-out batches AJ to AY.
        .chain([
            BLIND_AJ, PAIRED_AK, BLIND_AL, PAIRED_AM, BLIND_AN, PAIRED_AO, BLIND_AP, PAIRED_AQ,
        ])
        .chain([
            BLIND_AR, PAIRED_AS, BLIND_AT, PAIRED_AU, BLIND_AV, PAIRED_AW, BLIND_AX, PAIRED_AY,
        ])
        .map(str::as_bytes)
        .collect();
    assert_eq!(
        file.corpus_digest,
        model::digest(&bytes),
        "a training corpus changed: run `cargo run --release --example train-draft`"
    );
}

#[test]
fn the_second_blind_batch() {
    let (_, flagged, _) = score_blind(
        "second blind batch, December 2026",
        BLIND_B,
        BLIND_B_FLOOR,
        false,
    );
    // Its first score flagged 6 of 110 kind lines, over the 5% goal; the shipped model 3.
    assert!(
        flagged <= BLIND_B_KIND_FLAGGED,
        "{flagged} kind lines flagged"
    );
}

/// The pooled guard over the ten used blind batches (2,115 labels, 1,180 kind lines): the
/// shipped model scores precision 0.961, recall 0.804 and flags 37 kind lines. Recall may
/// fall by at most 0.01 and kind lines rise by at most three, and precision stays at 0.95.
const POOLED_FLOOR: (f64, f64) = (0.95, 0.79);
/// The ten used blind batches, in the order the trainer reads them after `TRAINING`.
const USED_BLIND: [&str; 10] = [
    BLIND, BLIND_B, BLIND_C, BLIND_D, BLIND_E, BLIND_F, BLIND_G, BLIND_H, BLIND_I, BLIND_J,
];
const POOLED_KIND_FLAGGED: usize = 40;

#[test]
fn the_used_blind_batches_pooled() {
    let lines: Vec<Line> = USED_BLIND.iter().flat_map(|src| corpus(src)).collect();
    let (total, _, flagged) = evaluate("the ten used blind batches, pooled", &lines, false);
    assert!(
        total.precision() >= POOLED_FLOOR.0,
        "precision {:.3}",
        total.precision()
    );
    assert!(
        total.recall() >= POOLED_FLOOR.1,
        "recall {:.3}",
        total.recall()
    );
    assert!(
        flagged <= POOLED_KIND_FLAGGED,
        "{flagged} kind lines flagged"
    );
}

/// A batch that is scored and never read (its misses are not printed): its floors, its kind
/// lines flagged at most `most_kind`, at least 20 labels of each concern, and the recall on
/// lines about the partner beside lines to "you".
fn unread_batch(name: &str, src: &str, floor: (f64, f64), most_kind: usize) {
    let (per, flagged, kind) = score_blind(name, src, floor, false);
    println!("kind lines flagged: {flagged} of {kind}");
    assert!(flagged <= most_kind, "{flagged} kind lines flagged");
    for c in Concern::ALL {
        assert!(
            per[&c].tp + per[&c].fn_ >= 20,
            "{} has too few lines",
            c.id()
        );
    }
    partner_against_you(src);
}

#[test]
fn the_third_blind_batch() {
    unread_batch(
        "third blind batch, December 2026",
        BLIND_C,
        BLIND_C_FLOOR,
        BLIND_C_KIND_FLAGGED,
    );
}

/// Recall on lines about the partner (he, she, they, a name) and on lines to "you", printed.
fn partner_against_you(src: &str) {
    let mut about = Counts::default();
    let mut to_you = Counts::default();
    for line in corpus(src).iter().filter(|l| !l.expect.is_empty()) {
        let lower = line.text.to_lowercase();
        let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).collect();
        let bucket = if words
            .iter()
            .any(|w| ["you", "your", "u", "ur", "ya"].contains(w))
        {
            &mut to_you
        } else {
            &mut about
        };
        let got = review(&line.text).concerns();
        for c in &line.expect {
            if got.contains(c) {
                bucket.tp += 1;
            } else {
                bucket.fn_ += 1;
            }
        }
    }
    println!(
        "recall, lines about the partner: {:.3} ({} labels); lines to you: {:.3} ({} labels)",
        about.recall(),
        about.tp + about.fn_,
        to_you.recall(),
        to_you.tp + to_you.fn_
    );
}

#[test]
fn the_fourth_blind_batch() {
    unread_batch(
        "fourth blind batch, December 2026",
        BLIND_D,
        BLIND_D_FLOOR,
        BLIND_D_KIND_FLAGGED,
    );
}

#[test]
fn the_fifth_blind_batch() {
    unread_batch(
        "fifth blind batch, December 2026",
        BLIND_E,
        BLIND_E_FLOOR,
        BLIND_E_KIND_FLAGGED,
    );
}

#[test]
fn the_sixth_blind_batch() {
    unread_batch(
        "sixth blind batch, December 2026",
        BLIND_F,
        BLIND_F_FLOOR,
        BLIND_F_KIND_FLAGGED,
    );
}

#[test]
fn the_seventh_blind_batch() {
    unread_batch(
        "seventh blind batch, December 2026",
        BLIND_G,
        BLIND_G_FLOOR,
        BLIND_G_KIND_FLAGGED,
    );
}

#[test]
fn the_eighth_blind_batch() {
    unread_batch(
        "eighth blind batch, December 2026",
        BLIND_H,
        BLIND_H_FLOOR,
        BLIND_H_KIND_FLAGGED,
    );
}

#[test]
fn the_ninth_blind_batch() {
    unread_batch(
        "ninth blind batch, December 2026",
        BLIND_I,
        BLIND_I_FLOOR,
        BLIND_I_KIND_FLAGGED,
    );
}

#[test]
fn the_tenth_blind_batch() {
    unread_batch(
        "tenth blind batch, December 2026",
        BLIND_J,
        BLIND_J_FLOOR,
        BLIND_J_KIND_FLAGGED,
    );
}

#[test]
fn the_eleventh_blind_batch() {
    unread_batch(
        "eleventh blind batch, December 2026",
        BLIND_K,
        BLIND_K_FLOOR,
        BLIND_K_KIND_FLAGGED,
    );
}

#[test]
fn the_twelfth_blind_batch() {
    unread_batch(
        "twelfth blind batch, December 2026",
        BLIND_L,
        BLIND_L_FLOOR,
        BLIND_L_KIND_FLAGGED,
    );
}

#[test]
fn the_thirteenth_blind_batch() {
    unread_batch(
        "thirteenth blind batch, December 2026",
        BLIND_M,
        BLIND_M_FLOOR,
        BLIND_M_KIND_FLAGGED,
    );
}

#[test]
fn the_fourteenth_blind_batch() {
    unread_batch(
        "fourteenth blind batch, December 2026",
        BLIND_N,
        BLIND_N_FLOOR,
        BLIND_N_KIND_FLAGGED,
    );
}

#[test]
fn the_fifteenth_blind_batch() {
    unread_batch(
        "fifteenth blind batch, December 2026",
        BLIND_O,
        BLIND_O_FLOOR,
        BLIND_O_KIND_FLAGGED,
    );
}

#[test]
fn the_sixteenth_blind_batch() {
    unread_batch(
        "sixteenth blind batch, December 2026",
        BLIND_P,
        BLIND_P_FLOOR,
        BLIND_P_KIND_FLAGGED,
    );
}

#[test]
fn the_seventeenth_blind_batch() {
    unread_batch(
        "seventeenth blind batch, December 2026",
        BLIND_Q,
        BLIND_Q_FLOOR,
        BLIND_Q_KIND_FLAGGED,
    );
}

#[test]
fn the_eighteenth_blind_batch() {
    unread_batch(
        "eighteenth blind batch, December 2026",
        BLIND_R,
        BLIND_R_FLOOR,
        BLIND_R_KIND_FLAGGED,
    );
}

#[test]
fn the_nineteenth_blind_batch() {
    unread_batch(
        "nineteenth blind batch, December 2026",
        BLIND_S,
        BLIND_S_FLOOR,
        BLIND_S_KIND_FLAGGED,
    );
}

#[test]
fn the_twentieth_blind_batch() {
    unread_batch(
        "twentieth blind batch, December 2026",
        BLIND_T,
        BLIND_T_FLOOR,
        BLIND_T_KIND_FLAGGED,
    );
}

#[test]
fn the_twenty_first_blind_batch() {
    unread_batch(
        "twenty-first blind batch, December 2026",
        BLIND_U,
        BLIND_U_FLOOR,
        BLIND_U_KIND_FLAGGED,
    );
}

#[test]
fn the_twenty_second_blind_batch() {
    unread_batch(
        "twenty-second blind batch (600 lines), December 2026",
        BLIND_V,
        BLIND_V_FLOOR,
        BLIND_V_KIND_FLAGGED,
    );
}

#[test]
fn the_twenty_third_blind_batch() {
    unread_batch(
        "twenty-third blind batch (600 lines), December 2026",
        BLIND_W,
        BLIND_W_FLOOR,
        BLIND_W_KIND_FLAGGED,
    );
}

#[test]
fn the_twenty_fourth_blind_batch() {
    unread_batch(
        "twenty-fourth blind batch (600 lines), December 2026",
        BLIND_X,
        BLIND_X_FLOOR,
        BLIND_X_KIND_FLAGGED,
    );
}

#[test]
fn the_twenty_fifth_blind_batch() {
    unread_batch(
        "twenty-fifth blind batch (600 lines), December 2026",
        BLIND_Y,
        BLIND_Y_FLOOR,
        BLIND_Y_KIND_FLAGGED,
    );
}

#[test]
fn the_twenty_sixth_blind_batch() {
    unread_batch(
        "twenty-sixth blind batch (600 lines), December 2026",
        BLIND_Z,
        BLIND_Z_FLOOR,
        BLIND_Z_KIND_FLAGGED,
    );
}

#[test]
fn the_twenty_seventh_blind_batch() {
    unread_batch(
        "twenty-seventh blind batch (600 lines), December 2026",
        BLIND_AA,
        BLIND_AA_FLOOR,
        BLIND_AA_KIND_FLAGGED,
    );
}

#[test]
fn the_twenty_eighth_blind_batch() {
    unread_batch(
        "twenty-eighth blind batch (600 lines), December 2026",
        BLIND_AB,
        BLIND_AB_FLOOR,
        BLIND_AB_KIND_FLAGGED,
    );
}

#[test]
fn the_twenty_ninth_blind_batch() {
    unread_batch(
        "twenty-ninth blind batch (600 lines), December 2026",
        BLIND_AC,
        BLIND_AC_FLOOR,
        BLIND_AC_KIND_FLAGGED,
    );
}

#[test]
fn the_thirtieth_blind_batch() {
    unread_batch(
        "thirtieth blind batch (600 lines), December 2026",
        BLIND_AD,
        BLIND_AD_FLOOR,
        BLIND_AD_KIND_FLAGGED,
    );
}

#[test]
fn the_first_paired_batch() {
    paired_batch(
        "first paired batch (600 lines), December 2026",
        PAIRED_AE,
        PAIRED_AE_FLOOR,
        PAIRED_AE_KIND_FLAGGED,
        PAIRED_AE_YOU_ONLY,
    );
}

#[test]
fn the_thirty_first_blind_batch() {
    unread_batch(
        "thirty-first blind batch (600 lines), December 2026",
        BLIND_AF,
        BLIND_AF_FLOOR,
        BLIND_AF_KIND_FLAGGED,
    );
}

#[test]
fn the_second_paired_batch() {
    paired_batch(
        "second paired batch (600 lines), December 2026",
        PAIRED_AG,
        PAIRED_AG_FLOOR,
        PAIRED_AG_KIND_FLAGGED,
        PAIRED_AG_YOU_ONLY,
    );
}

#[test]
fn the_thirty_second_blind_batch() {
    unread_batch(
        "thirty-second blind batch (600 lines), December 2026",
        BLIND_AH,
        BLIND_AH_FLOOR,
        BLIND_AH_KIND_FLAGGED,
    );
}

#[test]
fn the_third_paired_batch() {
    paired_batch(
        "third paired batch (600 lines), December 2026",
        PAIRED_AI,
        PAIRED_AI_FLOOR,
        PAIRED_AI_KIND_FLAGGED,
        PAIRED_AI_YOU_ONLY,
    );
}

#[test]
fn the_thirty_third_blind_batch() {
    unread_batch(
        "thirty-third blind batch (600 lines), December 2026",
        BLIND_AJ,
        BLIND_AJ_FLOOR,
        BLIND_AJ_KIND_FLAGGED,
    );
}

#[test]
fn the_fourth_paired_batch() {
    paired_batch(
        "fourth paired batch (600 lines), December 2026",
        PAIRED_AK,
        PAIRED_AK_FLOOR,
        PAIRED_AK_KIND_FLAGGED,
        PAIRED_AK_YOU_ONLY,
    );
}

#[test]
fn the_thirty_fourth_blind_batch() {
    unread_batch(
        "thirty-fourth blind batch (600 lines), December 2026",
        BLIND_AL,
        BLIND_AL_FLOOR,
        BLIND_AL_KIND_FLAGGED,
    );
}

#[test]
fn the_fifth_paired_batch() {
    paired_batch(
        "fifth paired batch (600 lines), December 2026",
        PAIRED_AM,
        PAIRED_AM_FLOOR,
        PAIRED_AM_KIND_FLAGGED,
        PAIRED_AM_YOU_ONLY,
    );
}

#[test]
fn the_thirty_fifth_blind_batch() {
    unread_batch(
        "thirty-fifth blind batch (600 lines), December 2026",
        BLIND_AN,
        BLIND_AN_FLOOR,
        BLIND_AN_KIND_FLAGGED,
    );
}

#[test]
fn the_sixth_paired_batch() {
    paired_batch(
        "sixth paired batch (600 lines), December 2026",
        PAIRED_AO,
        PAIRED_AO_FLOOR,
        PAIRED_AO_KIND_FLAGGED,
        PAIRED_AO_YOU_ONLY,
    );
}

#[test]
fn the_thirty_sixth_blind_batch() {
    unread_batch(
        "thirty-sixth blind batch (600 lines), December 2026",
        BLIND_AP,
        BLIND_AP_FLOOR,
        BLIND_AP_KIND_FLAGGED,
    );
}

#[test]
fn the_seventh_paired_batch() {
    paired_batch(
        "seventh paired batch (600 lines), December 2026",
        PAIRED_AQ,
        PAIRED_AQ_FLOOR,
        PAIRED_AQ_KIND_FLAGGED,
        PAIRED_AQ_YOU_ONLY,
    );
}

#[test]
fn the_thirty_seventh_blind_batch() {
    unread_batch(
        "thirty-seventh blind batch (600 lines), December 2026",
        BLIND_AR,
        BLIND_AR_FLOOR,
        BLIND_AR_KIND_FLAGGED,
    );
}

#[test]
fn the_eighth_paired_batch() {
    paired_batch(
        "eighth paired batch (600 lines), December 2026",
        PAIRED_AS,
        PAIRED_AS_FLOOR,
        PAIRED_AS_KIND_FLAGGED,
        PAIRED_AS_YOU_ONLY,
    );
}

#[test]
fn the_thirty_eighth_blind_batch() {
    unread_batch(
        "thirty-eighth blind batch (600 lines), December 2026",
        BLIND_AT,
        BLIND_AT_FLOOR,
        BLIND_AT_KIND_FLAGGED,
    );
}

#[test]
fn the_ninth_paired_batch() {
    paired_batch(
        "ninth paired batch (600 lines), December 2026",
        PAIRED_AU,
        PAIRED_AU_FLOOR,
        PAIRED_AU_KIND_FLAGGED,
        PAIRED_AU_YOU_ONLY,
    );
}

#[test]
fn the_thirty_ninth_blind_batch() {
    unread_batch(
        "thirty-ninth blind batch (600 lines), December 2026",
        BLIND_AV,
        BLIND_AV_FLOOR,
        BLIND_AV_KIND_FLAGGED,
    );
}

#[test]
fn the_tenth_paired_batch() {
    paired_batch(
        "tenth paired batch (600 lines), December 2026",
        PAIRED_AW,
        PAIRED_AW_FLOOR,
        PAIRED_AW_KIND_FLAGGED,
        PAIRED_AW_YOU_ONLY,
    );
}

#[test]
fn the_fortieth_blind_batch() {
    unread_batch(
        "fortieth blind batch (600 lines), December 2026",
        BLIND_AX,
        BLIND_AX_FLOOR,
        BLIND_AX_KIND_FLAGGED,
    );
}

#[test]
fn the_eleventh_paired_batch() {
    paired_batch(
        "eleventh paired batch (600 lines), December 2026",
        PAIRED_AY,
        PAIRED_AY_FLOOR,
        PAIRED_AY_KIND_FLAGGED,
        PAIRED_AY_YOU_ONLY,
    );
}

#[test]
fn the_forty_first_blind_batch() {
    unread_batch(
        "forty-first blind batch (600 lines), December 2026",
        BLIND_AZ,
        BLIND_AZ_FLOOR,
        BLIND_AZ_KIND_FLAGGED,
    );
}

#[test]
fn the_twelfth_paired_batch() {
    paired_batch(
        "twelfth paired batch (600 lines), December 2026",
        PAIRED_BA,
        PAIRED_BA_FLOOR,
        PAIRED_BA_KIND_FLAGGED,
        PAIRED_BA_YOU_ONLY,
    );
}

#[test]
fn the_forty_second_blind_batch() {
    unread_batch(
        "forty-second blind batch (600 lines), December 2026",
        BLIND_BB,
        BLIND_BB_FLOOR,
        BLIND_BB_KIND_FLAGGED,
    );
}

#[test]
fn the_thirteenth_paired_batch() {
    paired_batch(
        "thirteenth paired batch (600 lines), December 2026",
        PAIRED_BC,
        PAIRED_BC_FLOOR,
        PAIRED_BC_KIND_FLAGGED,
        PAIRED_BC_YOU_ONLY,
    );
}

#[test]
fn the_forty_third_blind_batch() {
    unread_batch(
        "forty-third blind batch (600 lines), December 2026",
        BLIND_BD,
        BLIND_BD_FLOOR,
        BLIND_BD_KIND_FLAGGED,
    );
}

#[test]
fn the_fourteenth_paired_batch() {
    paired_batch(
        "fourteenth paired batch (600 lines), December 2026",
        PAIRED_BE,
        PAIRED_BE_FLOOR,
        PAIRED_BE_KIND_FLAGGED,
        PAIRED_BE_YOU_ONLY,
    );
}

#[test]
fn the_forty_fourth_blind_batch() {
    unread_batch(
        "forty-fourth blind batch (600 lines), December 2026",
        BLIND_BF,
        BLIND_BF_FLOOR,
        BLIND_BF_KIND_FLAGGED,
    );
}

#[test]
fn the_fifteenth_paired_batch() {
    paired_batch(
        "fifteenth paired batch (600 lines), December 2026",
        PAIRED_BG,
        PAIRED_BG_FLOOR,
        PAIRED_BG_KIND_FLAGGED,
        PAIRED_BG_YOU_ONLY,
    );
}

#[test]
fn the_forty_fifth_blind_batch() {
    unread_batch(
        "forty-fifth blind batch (600 lines), December 2026",
        BLIND_BH,
        BLIND_BH_FLOOR,
        BLIND_BH_KIND_FLAGGED,
    );
}

#[test]
fn the_sixteenth_paired_batch() {
    paired_batch(
        "sixteenth paired batch (600 lines), December 2026",
        PAIRED_BI,
        PAIRED_BI_FLOOR,
        PAIRED_BI_KIND_FLAGGED,
        PAIRED_BI_YOU_ONLY,
    );
}

#[test]
fn the_forty_sixth_blind_batch() {
    unread_batch(
        "forty-sixth blind batch (600 lines), December 2026",
        BLIND_BJ,
        BLIND_BJ_FLOOR,
        BLIND_BJ_KIND_FLAGGED,
    );
}

#[test]
fn the_seventeenth_paired_batch() {
    paired_batch(
        "seventeenth paired batch (600 lines), December 2026",
        PAIRED_BK,
        PAIRED_BK_FLOOR,
        PAIRED_BK_KIND_FLAGGED,
        PAIRED_BK_YOU_ONLY,
    );
}

#[test]
fn the_forty_seventh_blind_batch() {
    unread_batch(
        "forty-seventh blind batch (600 lines), December 2026",
        BLIND_BL,
        BLIND_BL_FLOOR,
        BLIND_BL_KIND_FLAGGED,
    );
}

#[test]
fn the_eighteenth_paired_batch() {
    paired_batch(
        "eighteenth paired batch (600 lines), December 2026",
        PAIRED_BM,
        PAIRED_BM_FLOOR,
        PAIRED_BM_KIND_FLAGGED,
        PAIRED_BM_YOU_ONLY,
    );
}

#[test]
fn the_forty_eighth_blind_batch() {
    unread_batch(
        "forty-eighth blind batch (600 lines), December 2026",
        BLIND_BN,
        BLIND_BN_FLOOR,
        BLIND_BN_KIND_FLAGGED,
    );
}

#[test]
fn the_nineteenth_paired_batch() {
    paired_batch(
        "nineteenth paired batch (600 lines), December 2026",
        PAIRED_BO,
        PAIRED_BO_FLOOR,
        PAIRED_BO_KIND_FLAGGED,
        PAIRED_BO_YOU_ONLY,
    );
}

/// A paired batch, scored and never read: as [`unread_batch`], and at most `most_you_only`
/// labels caught in the line to "you" and missed in the same line about him, her or them.
fn paired_batch(name: &str, src: &str, floor: (f64, f64), most_kind: usize, most_you_only: usize) {
    unread_batch(name, src, floor, most_kind);
    let (you_only, third_only) = paired_difference(src);
    println!(
        "paired labels caught only in the line to you: {you_only}; only in the third-person line: {third_only}"
    );
    assert!(
        you_only <= most_you_only,
        "{you_only} paired labels caught only in the line to \"you\""
    );
}

/// A paired batch's labels caught in one line of their pair only: (only in the line to "you",
/// only in the line about him, her or them). Both lines of a pair carry the same labels.
fn paired_difference(src: &str) -> (usize, usize) {
    let mut pairs: BTreeMap<String, [Option<BTreeSet<Concern>>; 2]> = BTreeMap::new();
    let lines = corpus(src);
    for (line, raw) in lines
        .iter()
        .zip(src.lines().filter(|l| !l.trim().is_empty()))
    {
        let v: serde_json::Value = serde_json::from_str(raw).expect("a paired line");
        let pair = v["pair"].as_str().expect("pair").to_string();
        let slot = usize::from(v["partner"].as_str() == Some("third"));
        let caught: BTreeSet<Concern> = review(&line.text)
            .concerns()
            .intersection(&line.expect)
            .copied()
            .collect();
        pairs.entry(pair).or_default()[slot] = Some(caught);
    }
    let (mut you_only, mut third_only) = (0, 0);
    for [you, third] in pairs.into_values() {
        let (you, third) = (
            you.expect("a you line"),
            third.expect("a third-person line"),
        );
        you_only += you.difference(&third).count();
        third_only += third.difference(&you).count();
    }
    (you_only, third_only)
}

/// Every line Overture itself offers the user to say (the rehearsal's examples, the calm next
/// lines after a reply, the letter's opening and closing, and the quoted lines in the steps and plans, 30 characters or more),
/// each once, with every choice by pronoun (`{he:…|she:…|they:…}`) read each way.
fn apps_own_lines() -> Vec<String> {
    fn walk(value: &serde_json::Value, key: &str, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                // A reply's calm next line is said to the partner; a switched reply's is
                // advice to the user instead.
                if map.get("switch").and_then(|v| v.as_str()) == Some("none")
                    && let Some(line) = map.get("next_line").and_then(|v| v.as_str())
                {
                    out.push(line.to_string());
                }
                for (k, v) in map {
                    walk(v, k, out);
                }
            }
            serde_json::Value::Array(items) => {
                for v in items {
                    walk(v, key, out);
                }
            }
            serde_json::Value::String(s)
                if matches!(key, "text" | "opening" | "closing" | "closing_pressed") =>
            {
                out.push(s.clone());
            }
            _ => {}
        }
    }
    /// The text with each `{he:…|she:…|they:…}` read as the option for `who`.
    fn with_choice(text: &str, who: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            let inner = &rest[open + 1..open + close];
            let chosen = inner
                .split('|')
                .find_map(|o| o.split_once(':').filter(|(k, _)| *k == who).map(|(_, t)| t))
                .unwrap_or(inner);
            out.push_str(chosen);
            rest = &rest[open + close + 1..];
        }
        out.push_str(rest);
        out
    }
    let rehearsal: serde_json::Value =
        serde_json::from_str(include_str!("../assets/rehearsal.json")).expect("parses");
    let mut lines = Vec::new();
    walk(&rehearsal, "", &mut lines);
    for src in [
        include_str!("../assets/rehearsal.json"),
        include_str!("../assets/steps.json"),
        include_str!("../assets/after.json"),
        include_str!("../assets/copy.json"),
    ] {
        for piece in src.split('“').skip(1) {
            if let Some((quoted, _)) = piece.split_once('”')
                && quoted.chars().count() >= 30
            {
                lines.push(quoted.to_string());
            }
        }
    }
    let mut lines: Vec<String> = lines
        .iter()
        .flat_map(|l| ["he", "she", "they"].map(|who| with_choice(l, who)))
        .collect();
    lines.sort();
    lines.dedup();
    lines
}

#[test]
fn the_checker_flags_none_of_the_lines_the_app_itself_offers() {
    let own = apps_own_lines();
    assert!(own.len() >= 90, "only {} lines found", own.len());
    let flagged: Vec<String> = own
        .iter()
        .filter_map(|line| {
            let found = review(line);
            (!found.concerns().is_empty()).then(|| {
                let words: Vec<&str> = found.findings.iter().map(|f| f.found.as_str()).collect();
                format!("{line} ({})", words.join(", "))
            })
        })
        .collect();
    assert!(
        flagged.is_empty(),
        "the checker flags lines the app itself offers:\n{}",
        flagged.join("\n")
    );
}

/// A finding quotes words of one sentence: a quote that runs across a full stop ("Oh,
/// splendid. Margaret") explains nothing. Every line of every corpus and batch.
#[test]
fn no_finding_quotes_across_a_sentence_end() {
    let mut crossing = Vec::new();
    let mut findings = 0;
    let batches = [
        BLIND, BLIND_B, BLIND_C, BLIND_D, BLIND_E, BLIND_F, BLIND_G, BLIND_H,
    ];
    for src in TRAINING.iter().map(|(_, src)| *src).chain(batches) {
        for line in corpus(src) {
            for f in review(&line.text).findings {
                findings += 1;
                // An ellipsis ("did this... all of it") does not end a sentence.
                let inner = f
                    .found
                    .trim_end_matches(['.', '!', '?'])
                    .replace("...", "\u{2026}");
                if [". ", "! ", "? "].iter().any(|end| inner.contains(end)) {
                    crossing.push(format!("{:?}: {}", f.found, line.text));
                }
            }
        }
    }
    assert!(findings > 5000, "only {findings} findings");
    assert!(crossing.is_empty(), "{}", crossing.join("\n"));
}
