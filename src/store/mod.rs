//! Storage: placeholder, being written.
