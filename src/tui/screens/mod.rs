//! One file per screen: each builds its header and body.

pub mod home;
pub mod overlays;
pub mod question;
pub mod rehearse;
pub mod result;
pub mod settings;
pub mod setup;
pub mod welcome;
