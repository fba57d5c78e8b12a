//! How the model's features are keyed, and which may be quoted: plain functions with no
//! other dependency, shared by the checker and by `build.rs`, which turns the weights into
//! the compact table the binary embeds (so both hash a feature's name the same way).

/// Words too common to explain a finding on their own: a finding quotes a feature only if
/// it has a word that is not one of these ("I feel" or "and the" never explain "never").
fn is_plain_word(word: &str) -> bool {
    matches!(
        word,
        "P" | "PP"
            | "be"
            | "i"
            | "me"
            | "my"
            | "we"
            | "us"
            | "our"
            | "feel"
            | "felt"
            | "the"
            | "a"
            | "an"
            | "and"
            | "to"
            | "of"
            | "it"
            | "that"
            | "this"
            | "when"
            | "at"
            | "on"
            | "in"
            | "for"
            | "with"
            | "so"
            | "just"
            | "really"
            | "like"
            | "do"
            | "have"
            | "can"
            | "will"
            | "would"
            | "about"
            | "?"
            | "!"
    )
}

/// Whether a feature may be the words a finding quotes: not the first word of a sentence
/// alone, and not made only of plain words and `feelings`.
pub fn quotable(name: &str, feelings: &[String]) -> bool {
    if name.starts_with("^:") {
        return false;
    }
    // Feelings too: "I feel lonely" is the user's own, never the problem.
    let rest = name.get(2..).unwrap_or("");
    !rest
        .split(' ')
        .all(|w| is_plain_word(w) || feelings.iter().any(|f| f == w))
}

/// The key of a feature stored by name ("b:P never").
pub fn key_of_name(name: &str) -> u64 {
    let cut = name.char_indices().nth(2).map_or(name.len(), |(at, _)| at);
    let (prefix, rest) = name.split_at(cut);
    let (a, b) = match rest.split_once(' ') {
        Some((a, b)) => (a, fnv(FNV_START, b.as_bytes())),
        None => (rest, 0),
    };
    key_of(prefix, fnv(FNV_START, a.as_bytes()), b)
}

/// FNV-1a over `bytes`, going on from `h`: hashing the parts of a name in turn gives the
/// hash of the whole name.
pub fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

pub const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// How many high bits of a hash a key keeps: 39 (the table stores a key in five bytes, with
/// the "quotable" flag as the fortieth bit). With about 20,000 features, a feature outside the
/// table matches some row's key about once in 27 million lookups, and `build.rs` fails if
/// two features share a key.
pub const KEY_BITS: u32 = 39;

/// A feature's key from its prefix and its words' hashes (0 for no second word): mixed so
/// that "b:a c" and "b:c a" differ. Only the top `KEY_BITS` bits are kept (the rest are 0).
pub fn key_of(prefix: &str, ha: u64, hb: u64) -> u64 {
    let p = prefix.as_bytes();
    let tag = u64::from(p.first().copied().unwrap_or(0));
    let mut h = ha ^ hb.rotate_left(29) ^ tag.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    // The splitmix64 finaliser.
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    (h ^ (h >> 31)) & (u64::MAX << (64 - KEY_BITS))
}

/// A key and its quotable flag as the table stores them: five bytes, little-endian.
// Only `build.rs` writes the table; the library reads it with `unpacked_key`.
#[allow(dead_code)]
pub fn packed_key(key: u64, quotable: bool) -> [u8; 5] {
    let v = (key >> (64 - KEY_BITS)) | (u64::from(quotable) << KEY_BITS);
    let b = v.to_le_bytes();
    [b[0], b[1], b[2], b[3], b[4]]
}

/// The key and quotable flag of five stored bytes ([`packed_key`]'s inverse).
pub fn unpacked_key(bytes: [u8; 5]) -> (u64, bool) {
    let mut b = [0u8; 8];
    b[..5].copy_from_slice(&bytes);
    let v = u64::from_le_bytes(b);
    let key = (v & ((1 << KEY_BITS) - 1)) << (64 - KEY_BITS);
    (key, v >> KEY_BITS & 1 == 1)
}
