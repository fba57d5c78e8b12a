//! The pure core: answers, the safety gate and triage, the flow through the questions, the
//! tailored plan and the saved-data records. No terminal, no files.

pub mod answers;
pub mod asklog;
pub mod doors;
pub mod draft;
pub mod flow;
pub mod gate;
pub mod glance;
pub mod history;
pub mod place;
pub mod plan;
pub mod record;
pub mod rehearsal;
pub mod report;
pub mod session;
pub mod since;
pub mod solo;
pub mod timeline;
pub mod trends;
pub mod triage;

pub use answers::Answers;
