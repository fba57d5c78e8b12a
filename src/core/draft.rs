//! Placeholder for the draft checker (replaced by the real one).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Concern {
    Ultimatum,
    AlwaysNever,
    Blame,
    NameCalling,
    Contempt,
    Diagnosing,
    FixingThem,
}

impl Concern {
    pub fn id(self) -> &'static str {
        "ultimatum"
    }
    pub fn title(self) -> &'static str {
        "An ultimatum"
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub concern: Concern,
    pub found: String,
    pub start: usize,
    pub end: usize,
    pub note: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Review {
    pub findings: Vec<Finding>,
    pub suggestions: Vec<String>,
}

pub fn review(draft: &str) -> Review {
    let mut r = Review::default();
    if let Some(start) = draft.find("or I'm done") {
        r.findings.push(Finding {
            concern: Concern::Ultimatum,
            found: "or I'm done".into(),
            start,
            end: start + 11,
            note: "placeholder".into(),
        });
    }
    r
}
