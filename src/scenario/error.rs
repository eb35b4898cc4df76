//! Errors of loading a scenario: where in the file, which field, what is allowed.

use std::fmt;
use std::path::PathBuf;

/// One semantic problem: a field path and what is wrong with its value.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldError {
    /// Dotted path, e.g. `segments[0].need_share`.
    pub path: String,
    /// What is wrong and what is allowed.
    pub message: String,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Why a scenario cannot be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ScenarioError {
    /// The file cannot be read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// RON syntax or type error at a position.
    #[error("{}:{line}:{col}: {message}", path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
        /// What was found and what was expected.
        message: String,
    },
    /// Values out of range or inconsistent, all of them.
    #[error("{}: {} problem{}:\n{}", path.display(), errors.len(), if errors.len() == 1 { "" } else { "s" }, list(errors))]
    Invalid {
        /// The file (or the override that produced the values).
        path: PathBuf,
        /// Every problem found.
        errors: Vec<FieldError>,
    },
    /// A `--set PATH=VALUE` that does not apply.
    #[error("--set {assignment}: {message}")]
    Override {
        /// The user's `PATH=VALUE`.
        assignment: String,
        /// What is wrong.
        message: String,
    },
}

fn list(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| format!("  - {e}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Levenshtein distance between two short names.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The known name closest to `found`, if it is close enough to be a likely typo.
pub fn closest<'a>(found: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let best = known
        .into_iter()
        .map(|k| (edit_distance(found, k), k))
        .min()?;
    let limit = (found.chars().count() / 2).max(2);
    (best.0 <= limit).then_some(best.1)
}

/// ", did you mean `x`?" or "".
pub fn suggestion<'a>(found: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    closest(found, known)
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_names_only() {
        assert_eq!(edit_distance("selers", "sellers"), 1);
        assert_eq!(
            closest("selers", ["sellers", "marketers", "sdrs"]),
            Some("sellers")
        );
        assert_eq!(closest("zzzzzzzzzz", ["sellers", "sdrs"]), None);
        assert_eq!(
            suggestion("dayz", ["days", "seed"]),
            "; did you mean `days`?"
        );
    }
}
