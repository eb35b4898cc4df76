//! Scenarios: RON files read into [`Scenario`], overridden by `--set PATH=VALUE`, then
//! validated with every problem reported by field path.

mod error;
mod lever;
mod overrides;
mod schema;
pub mod shipped;
mod validate;
mod validated;

use std::path::Path;

pub use error::{FieldError, ScenarioError, closest, edit_distance, suggestion};
pub use lever::{
    EventChange, Group, Kind, Lever, LeverSpec, LeverState, MAX_HEADCOUNT, Setting, Value,
};
pub use overrides::apply_overrides;
pub use schema::*;
pub use validate::{MAX_BUYER_DAYS, validate};
pub use validated::Scenario;

/// Largest scenario, challenge or decisions file read (a real one is a few kilobytes).
pub const MAX_TEXT_BYTES: u64 = 16 << 20;

/// Open `path` if it is a regular file of at most `limit` bytes (checked before opening,
/// since opening a pipe waits for a writer, and again after, for a file swapped in between).
pub fn regular_file(path: &Path, limit: u64) -> std::io::Result<std::fs::File> {
    let not_regular =
        || std::io::Error::other("not a regular file (a folder, a pipe or a device); give a file");
    if !std::fs::metadata(path)?.is_file() {
        return Err(not_regular());
    }
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(not_regular());
    }
    if meta.len() > limit {
        return Err(std::io::Error::other(format!(
            "{} bytes; allowed: at most {limit}",
            meta.len()
        )));
    }
    Ok(file)
}

/// Read a text input: a regular file (a pipe or a device would be read without end, or
/// twice), at most `limit` bytes, in UTF-8.
pub fn read_input(path: &Path, limit: u64) -> std::io::Result<String> {
    use std::io::Read;
    let file = regular_file(path, limit)?;
    let mut text = String::new();
    // The length was checked, but the file may grow while it is read.
    file.take(limit + 1).read_to_string(&mut text)?;
    if text.len() as u64 > limit {
        return Err(std::io::Error::other(format!(
            "more than {limit} bytes; allowed: at most {limit}"
        )));
    }
    Ok(text)
}

/// Read, parse and validate a scenario file.
pub fn load(path: &Path) -> Result<Scenario, ScenarioError> {
    load_with_overrides(path, &[])
}

/// Read and parse a scenario file, apply `PATH=VALUE` overrides, then validate. A path that
/// is not a file may name a shipped scenario (`default`, `scenarios/default.ron`): its
/// built-in text is used.
pub fn load_with_overrides(path: &Path, sets: &[String]) -> Result<Scenario, ScenarioError> {
    if let Some(s) = shipped::built_in(shipped::SCENARIOS, path) {
        return override_and_validate(parse(s.text, &s.path())?, sets, &s.path());
    }
    let text = read_input(path, MAX_TEXT_BYTES).map_err(|source| ScenarioError::Io {
        path: path.to_owned(),
        source,
    })?;
    override_and_validate(parse(&text, path)?, sets, path)
}

/// Apply `PATH=VALUE` overrides to a parsed scenario, staff its split (the scenario's
/// `staffing` for that split, if any, replaces the team's headcounts), then validate it;
/// `origin` names it in errors (the file, or a description such as "(defaults)").
pub fn override_and_validate(
    scenario: RawScenario,
    sets: &[String],
    origin: &Path,
) -> Result<Scenario, ScenarioError> {
    let mut raw = apply_overrides(scenario, sets)?;
    if let Some(i) = raw.staffing.iter().position(|st| st.split == raw.split) {
        if let Some(error) = validate::staffing_cost(&raw, i) {
            return Err(ScenarioError::Invalid {
                path: origin.to_owned(),
                errors: vec![error],
            });
        }
        let st = &raw.staffing[i];
        (raw.team.sellers, raw.team.marketers, raw.team.sdrs) = (st.sellers, st.marketers, st.sdrs);
    }
    validated(raw, origin)
}

/// Validate `raw`; `origin` names it in errors.
pub fn validated(raw: RawScenario, origin: &Path) -> Result<Scenario, ScenarioError> {
    Scenario::new(raw).map_err(|errors| ScenarioError::Invalid {
        path: origin.to_owned(),
        errors,
    })
}

/// Parse RON text (no validation). Syntax and type errors carry line and column; an unknown
/// field or variant names the closest known one.
pub fn parse(text: &str, path: &Path) -> Result<RawScenario, ScenarioError> {
    parse_ron(text, path)
}

/// Parse any RON file of salesim's (scenarios, challenges, decisions) with the same error
/// reporting as [`parse`].
pub fn parse_ron<T: serde::de::DeserializeOwned>(
    text: &str,
    path: &Path,
) -> Result<T, ScenarioError> {
    // A byte-order mark (some Windows editors write one) is not part of the RON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // IMPLICIT_SOME: a custom split writes `closing: sales`, not `closing: Some(sales)`.
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    options.from_str::<T>(text).map_err(|e| {
        let message = match &e.code {
            ron::Error::NoSuchStructField {
                expected,
                found,
                outer,
            } => format!(
                "unknown field `{found}`{}{}; known fields: {}",
                outer
                    .as_ref()
                    .map(|o| format!(" in `{o}`"))
                    .unwrap_or_default(),
                suggestion(found, expected.iter().copied()),
                expected.join(", ")
            ),
            ron::Error::NoSuchEnumVariant {
                expected,
                found,
                outer,
            } => format!(
                "unknown variant `{found}`{}{}; expected one of: {}",
                outer
                    .as_ref()
                    .map(|o| format!(" of `{o}`"))
                    .unwrap_or_default(),
                suggestion(found, expected.iter().copied()),
                expected.join(", ")
            ),
            other => other.to_string(),
        };
        ScenarioError::Syntax {
            path: path.to_owned(),
            line: e.span.start.line,
            col: e.span.start.col,
            message,
        }
    })
}

/// Serialise a scenario back to RON (every field written); [`parse`] reads it back.
pub fn to_ron(scenario: &RawScenario) -> String {
    ron::ser::to_string_pretty(scenario, ron::ser::PrettyConfig::default()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_scenarios_read_back_identical() {
        let mut s = RawScenario {
            split: Split::Custom(CustomSplit {
                closing: Some(crate::model::stage::Owner::Shared),
                ..CustomSplit::default()
            }),
            ..RawScenario::default()
        };
        let changes = [
            Setting::number(Lever::Sdrs, 2.0).unwrap().into(),
            Setting::number(Lever::CoachingHours, 1.5).unwrap().into(),
            Setting::split(Split::SdrBridge).into(),
            Setting::new(Lever::Nurture, Value::Switch(false))
                .unwrap()
                .into(),
            EventChange::Demand(0.7),
            EventChange::Competition(1, 0.25),
            EventChange::BestLeaves(crate::model::stage::Role::Marketing),
        ];
        for lever in changes {
            s.events.push(Event { day: 3, lever });
        }
        let text = to_ron(&s);
        assert!(text.contains("lever: competition(1, 0.25)"), "{text}");
        assert!(text.contains("lever: coaching_hours(1.5)"), "{text}");
        assert_eq!(parse(&text, Path::new("x.ron")).unwrap(), s);
    }

    #[test]
    fn custom_split_owners_need_no_some() {
        let s = parse("(split: custom((closing: sales)))", Path::new("x.ron")).unwrap();
        assert_eq!(
            s.split,
            Split::Custom(CustomSplit {
                closing: Some(crate::model::stage::Owner::Sales),
                ..CustomSplit::default()
            })
        );
    }
}
