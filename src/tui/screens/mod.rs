//! One file per screen: each builds its header and body.

pub mod asklog;
pub mod doors;
pub mod history;
pub mod home;
pub mod overlays;
pub mod question;
pub mod rehearse;
pub mod result;
pub mod settings;
pub mod setup;
pub mod solo;
pub mod timeline;
pub mod welcome;
