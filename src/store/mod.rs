//! Storage: temporary minimal version (replaced by the full one).
use crate::core::record::SavedData;
use std::path::{Path, PathBuf};

pub const DATA_FILE: &str = "overture.json";

pub struct Store {
    dir: PathBuf,
}

pub enum Loaded {
    Fresh,
    Data(SavedData),
    MovedAside {
        moved_to: PathBuf,
        problem: String,
        backup: Option<SavedData>,
    },
}

#[derive(Debug)]
pub enum StoreError {
    Locked {
        dir: PathBuf,
    },
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Locked { dir } => {
                write!(f, "{} is open in another Overture", dir.display())
            }
            StoreError::Io { path, source } => write!(f, "{}: {source}", path.display()),
        }
    }
}
impl std::error::Error for StoreError {}

impl Store {
    pub fn open(dir: &Path) -> Result<(Store, Loaded), StoreError> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            path: dir.into(),
            source,
        })?;
        let store = Store { dir: dir.into() };
        let loaded = match std::fs::read(store.data_path()) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_or(Loaded::Fresh, Loaded::Data),
            Err(_) => Loaded::Fresh,
        };
        Ok((store, loaded))
    }
    pub fn save(&mut self, data: &SavedData) -> Result<(), StoreError> {
        let path = self.data_path();
        let bytes = serde_json::to_vec_pretty(data).unwrap_or_default();
        std::fs::write(&path, bytes).map_err(|source| StoreError::Io { path, source })
    }
    pub fn dir(&self) -> &Path {
        &self.dir
    }
    pub fn data_path(&self) -> PathBuf {
        self.dir.join(DATA_FILE)
    }
}

pub fn default_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "overture").map(|d| d.data_local_dir().to_path_buf())
}
