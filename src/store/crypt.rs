//! The passphrase lock, in the standard age format (<https://age-encryption.org/v1>). Nothing
//! here is home-made crypto: every byte is written and read by the `age` crate.
//!
//! Two files, so that a save costs one fast X25519 encryption rather than one slow scrypt:
//!
//! - the key file holds an age X25519 identity (`AGE-SECRET-KEY-1…`, as `age-keygen` writes
//!   it), encrypted to the passphrase (age's scrypt recipient). The passphrase is needed once,
//!   to unlock; the identity then stays in memory (zeroized on drop) until the store closes;
//! - the data file is the usual JSON document encrypted to that identity's recipient.
//!
//! Both are plain age files, so `age -d -i <key file> <data file>` reads the data without
//! Overture (the `age` CLI asks for the passphrase of an encrypted identity file).

use age::secrecy::{ExposeSecret, SecretString};
use age::{DecryptError, Decryptor, Encryptor, x25519};
use std::fmt;
use std::io::{Read, Write};
use std::iter;
use zeroize::Zeroizing;

/// The scrypt work factor (`N = 2^18`) every key file is written with: the same as the `age`
/// CLI's, about one second on a current computer, and 256 MiB of memory per guess.
pub const WORK_FACTOR: u8 = 18;
/// The highest work factor a key file may ask for: `2^20` is 1 GiB of memory. Anything above
/// is refused unread rather than letting a planted file exhaust the machine.
pub(super) const MAX_WORK_FACTOR: u8 = 20;
/// The lowest work factor accepted by the test-only setter.
pub(super) const MIN_WORK_FACTOR: u8 = 10;

/// The identities of the key file, the current one first. More than one only while a
/// passphrase change is being finished (the old identity still reads the old files).
///
/// The secret keys are `x25519_dalek::StaticSecret`s, which zero themselves on drop. `Debug`
/// shows only how many there are.
#[derive(Clone)]
pub(super) struct Keys(Vec<x25519::Identity>);

impl fmt::Debug for Keys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Keys([redacted; {}])", self.0.len())
    }
}

/// Why a key file did not open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum KeyFileError {
    /// The passphrase did not decrypt it. (A damaged passphrase stanza looks exactly the same:
    /// age cannot tell the two apart, so neither can Overture.)
    WrongPassphrase,
    /// It is not a key file Overture can use: why, in words.
    Damaged(String),
}

impl Keys {
    /// A new, random identity.
    pub(super) fn generate() -> Keys {
        Keys(vec![x25519::Identity::generate()])
    }

    /// `new`'s current identity first, then every identity of `self`: used while re-encrypting
    /// to `new`, so that whatever is still encrypted to the old one stays readable.
    pub(super) fn rotated_to(&self, new: &Keys) -> Keys {
        let mut all = new.0.clone();
        all.extend(self.0.iter().cloned());
        Keys(all)
    }

    /// Only the current identity.
    pub(super) fn current_only(&self) -> Keys {
        Keys(self.0.iter().take(1).cloned().collect())
    }

    pub(super) fn len(&self) -> usize {
        self.0.len()
    }

    fn recipient(&self) -> Option<x25519::Recipient> {
        self.0.first().map(x25519::Identity::to_public)
    }

    /// The key file's plaintext, in `age-keygen`'s layout.
    fn to_text(&self) -> Zeroizing<String> {
        let mut text = Zeroizing::new(String::from(
            "# Overture's key for overture.json.age: an age identity. Keep it secret.\n",
        ));
        for identity in &self.0 {
            text.push_str("# public key: ");
            text.push_str(&identity.to_public().to_string());
            text.push('\n');
            text.push_str(identity.to_string().expose_secret());
            text.push('\n');
        }
        text
    }

    pub(super) fn from_text(text: &[u8]) -> Result<Keys, KeyFileError> {
        let text = std::str::from_utf8(text)
            .map_err(|_| KeyFileError::Damaged("its key is not text".to_string()))?;
        let mut identities = Vec::new();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let identity = line.parse::<x25519::Identity>().map_err(|_| {
                KeyFileError::Damaged("it holds something that is not an age identity".to_string())
            })?;
            identities.push(identity);
        }
        if identities.is_empty() {
            return Err(KeyFileError::Damaged("it holds no key".to_string()));
        }
        Ok(Keys(identities))
    }
}

/// The key file: `keys` encrypted to `passphrase` with scrypt at `2^log_n`.
pub(super) fn seal_key_file(
    keys: &Keys,
    passphrase: &SecretString,
    log_n: u8,
) -> Result<Vec<u8>, String> {
    if !(MIN_WORK_FACTOR..=MAX_WORK_FACTOR).contains(&log_n) {
        return Err(format!("work factor {log_n} is out of range"));
    }
    let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
    recipient.set_work_factor(log_n);
    let encryptor = Encryptor::with_recipients(iter::once(&recipient as &dyn age::Recipient))
        .map_err(|e| e.to_string())?;
    write_age(encryptor, keys.to_text().as_bytes())
}

/// Decrypts a key file with `passphrase`. Costs one scrypt (about a second).
pub(super) fn open_key_file(bytes: &[u8], passphrase: &SecretString) -> Result<Keys, KeyFileError> {
    open_key_file_capped(bytes, passphrase, MAX_WORK_FACTOR)
}

/// [`open_key_file`] accepting work factors up to `max_work_factor` only (the fuzzer keeps it
/// low: a mutated work factor is slow, not interesting).
pub(super) fn open_key_file_capped(
    bytes: &[u8],
    passphrase: &SecretString,
    max_work_factor: u8,
) -> Result<Keys, KeyFileError> {
    let damaged = |e: &DecryptError| KeyFileError::Damaged(describe(e));
    let decryptor = Decryptor::new_buffered(bytes).map_err(|e| damaged(&e))?;
    if !decryptor.is_scrypt() {
        return Err(KeyFileError::Damaged(
            "it is not protected by a passphrase".to_string(),
        ));
    }
    let mut identity = age::scrypt::Identity::new(passphrase.clone());
    identity.set_max_work_factor(max_work_factor.min(MAX_WORK_FACTOR));
    let mut reader = decryptor
        .decrypt(iter::once(&identity as &dyn age::Identity))
        .map_err(|e| match e {
            DecryptError::DecryptionFailed | DecryptError::KeyDecryptionFailed => {
                KeyFileError::WrongPassphrase
            }
            other => damaged(&other),
        })?;
    let mut text = Zeroizing::new(Vec::new());
    reader
        .read_to_end(&mut text)
        .map_err(|e| KeyFileError::Damaged(format!("its contents do not decrypt intact ({e})")))?;
    Keys::from_text(&text)
}

/// `plaintext` encrypted to the current identity.
pub(super) fn seal(keys: &Keys, plaintext: &[u8]) -> Result<Vec<u8>, String> {
    let recipient = keys
        .recipient()
        .ok_or_else(|| "there is no key to encrypt to".to_string())?;
    let encryptor = Encryptor::with_recipients(iter::once(&recipient as &dyn age::Recipient))
        .map_err(|e| e.to_string())?;
    write_age(encryptor, plaintext)
}

/// `plaintext` encrypted to the current identity, and checked to decrypt back to the same
/// bytes, so that nothing is written that would not read back.
pub(super) fn seal_verified(keys: &Keys, plaintext: &[u8]) -> Result<Vec<u8>, String> {
    let sealed = seal(keys, plaintext)?;
    match unseal(keys, &sealed) {
        Ok(back) if back.as_slice() == plaintext => Ok(sealed),
        Ok(_) => Err("it did not decrypt back the same".to_string()),
        Err(problem) => Err(problem),
    }
}

/// Decrypts a data file with any of `keys`. The plaintext is zeroed when dropped.
pub(super) fn unseal(keys: &Keys, ciphertext: &[u8]) -> Result<Zeroizing<Vec<u8>>, String> {
    let decryptor = Decryptor::new_buffered(ciphertext).map_err(|e| describe(&e))?;
    if decryptor.is_scrypt() {
        return Err("it is encrypted to a passphrase, not to Overture's key".to_string());
    }
    let identities = keys.0.iter().map(|i| i as &dyn age::Identity);
    let mut reader = decryptor.decrypt(identities).map_err(|e| match e {
        DecryptError::NoMatchingKeys => {
            "it is damaged, or encrypted to a key that is not in the key file".to_string()
        }
        other => describe(&other),
    })?;
    let mut plaintext = Zeroizing::new(Vec::new());
    reader
        .read_to_end(&mut plaintext)
        .map_err(|e| format!("it does not decrypt intact: damaged or cut short ({e})"))?;
    Ok(plaintext)
}

fn write_age(encryptor: Encryptor, plaintext: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(plaintext.len() + 256);
    let mut writer = encryptor.wrap_output(&mut out).map_err(|e| e.to_string())?;
    writer.write_all(plaintext).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(out)
}

/// age's own words for what is wrong with a file, made safe to show.
fn describe(e: &DecryptError) -> String {
    let what = match e {
        DecryptError::InvalidHeader => "its age header is damaged".to_string(),
        DecryptError::InvalidMac => {
            "its age header fails its integrity check (damaged)".to_string()
        }
        DecryptError::UnknownFormat => "it is not an age file this version reads".to_string(),
        DecryptError::ExcessiveWork { required, .. } => format!(
            "it asks for a passphrase work factor of {required}, above the {MAX_WORK_FACTOR} Overture accepts"
        ),
        DecryptError::Io(io) => format!("it is not a complete age file ({io})"),
        other => other.to_string(),
    };
    super::sanitize(&what)
}
