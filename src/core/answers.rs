//! The user's answers: question id to the chosen option keys.

use crate::content::Content;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Answers(BTreeMap<String, Vec<String>>);

impl Answers {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn set(&mut self, question: &str, keys: Vec<String>) {
        self.0.insert(question.to_string(), keys);
    }

    /// Convenience for single-choice answers.
    pub fn set_one(&mut self, question: &str, key: &str) {
        self.set(question, vec![key.to_string()]);
    }

    pub fn remove(&mut self, question: &str) {
        self.0.remove(question);
    }

    pub fn get(&self, question: &str) -> Option<&[String]> {
        self.0.get(question).map(Vec::as_slice)
    }

    /// The one chosen key of a single-choice question.
    pub fn single(&self, question: &str) -> Option<&str> {
        self.get(question)
            .and_then(|keys| keys.first())
            .map(String::as_str)
    }

    pub fn is_answered(&self, question: &str) -> bool {
        self.get(question).is_some_and(|keys| !keys.is_empty())
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Vec<String>)> {
        self.0.iter()
    }

    /// The tags of every chosen option, per the content.
    pub fn tags(&self, content: &Content) -> BTreeSet<String> {
        let mut tags = BTreeSet::new();
        for (qid, keys) in &self.0 {
            let Some(question) = content.question(qid) else {
                continue;
            };
            for option in question.options.iter().filter(|o| keys.contains(&o.key)) {
                tags.extend(option.tags.iter().cloned());
            }
        }
        tags
    }
}
