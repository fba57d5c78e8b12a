//! The documents the harness saves, numbered: shared with the tests (`#[path]`), so that a
//! test can tell exactly which save a file holds and that it is that save whole.

use overture::content::{Pronouns, Voice};
use overture::core::Answers;
use overture::core::record::{Draft, JournalEntry, Profile, SCHEMA_VERSION, SavedData};

/// In every generated document: a test looks for it in files that must hold no answer text.
pub const MARKER: &str = "HARNESS-MARKER-51c0";

/// Document number `k`: its size varies from a few hundred bytes to about 120 KiB (two
/// age chunks of 64 KiB), so that kills land in small and large writes alike. Its journal
/// holds `k % 6` entries whose text changes every third generation, so that going from one
/// generation to the next appends, edits and removes records.
pub fn generation(k: u64) -> SavedData {
    let t: jiff::Timestamp = "2026-01-01T00:00:00Z".parse().unwrap_or_default();
    let filler_len = usize::try_from((k.wrapping_mul(7919)) % 120_000).unwrap_or(0);
    let unit = format!("{MARKER} {k} ");
    let mut filler = unit.repeat(filler_len / unit.len() + 1);
    filler.truncate(filler_len); // ASCII: any length is a char boundary
    let mut answers = Answers::new();
    answers.set_one("q_safe", "yes");
    answers.set("q_words", vec![format!("{MARKER} answer {k}"), filler]);
    SavedData {
        schema_version: SCHEMA_VERSION,
        profile: Some(Profile {
            voice: Voice {
                partner: format!("gen-{k}"),
                pronouns: Pronouns::They,
            },
            created_at: t,
        }),
        draft: Some(Draft {
            started_at: t,
            updated_at: t,
            answers,
            current: Some(format!("q{k}")),
        }),
        journal: (0..k % 6)
            .map(|i| JournalEntry {
                id: format!("j{i}"),
                at: t,
                prompt: None,
                text: format!("{MARKER} note {i}, version {}", k / 3),
            })
            .collect(),
        ..SavedData::default()
    }
}

/// Turns `data` into `target` the way the app changes a document: the small fields replaced,
/// the journal kept up to the first entry that differs, then added to. A store that saved or
/// loaded `data` saves only the difference.
pub fn become_generation(data: &mut SavedData, target: SavedData) {
    let same = data
        .journal
        .iter()
        .zip(target.journal.iter())
        .take_while(|(a, b)| a == b)
        .count();
    data.journal.truncate(same);
    data.journal.extend(target.journal.into_iter().skip(same));
    data.profile = target.profile;
    data.draft = target.draft;
}

/// Which generation a document is, if it is one.
pub fn number_of(data: &SavedData) -> Option<u64> {
    data.profile
        .as_ref()?
        .voice
        .partner
        .strip_prefix("gen-")?
        .parse()
        .ok()
}

/// The passphrases the `toggle` run switches between.
pub const TOGGLE_PASSPHRASES: [&str; 2] = ["toggle one", "toggle two"];
/// The scrypt work factor of the harness's key files (Overture's own is 18).
pub const FAST_WORK_FACTOR: u8 = 10;

/// The lock after the `toggle` run's step `k`: off, then on with the first passphrase, then
/// changed to the second, then off again, round and round. `None` is off, `Some(i)` is
/// `TOGGLE_PASSPHRASES[i]`.
pub fn lock_after(k: u64) -> Option<usize> {
    match k % 3 {
        1 => Some(0),
        2 => Some(1),
        _ => None,
    }
}
