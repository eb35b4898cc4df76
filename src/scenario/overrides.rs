//! `--set PATH=VALUE`: change any scenario value by its dotted path
//! (`team.sellers=30`, `segments.0.need_share=0.4`, `split=sales_led`).

use serde_json::Value;

use super::error::{ScenarioError, suggestion};
use super::schema::RawScenario;

/// Apply each `PATH=VALUE` in order. VALUE is read as JSON when it parses (numbers, true,
/// false, quoted strings, objects), else as a bare string (enum names such as `sales_led`).
pub fn apply_overrides(
    scenario: RawScenario,
    sets: &[String],
) -> Result<RawScenario, ScenarioError> {
    if sets.is_empty() {
        return Ok(scenario);
    }
    let mut tree = serde_json::to_value(&scenario).map_err(|e| ScenarioError::Override {
        assignment: String::new(),
        message: format!("internal: cannot represent the scenario ({e})"),
    })?;
    for assignment in sets {
        let fail = |message: String| ScenarioError::Override {
            assignment: assignment.clone(),
            message,
        };
        let (path, raw) = assignment
            .split_once('=')
            .ok_or_else(|| fail("expected PATH=VALUE, e.g. team.sellers=30".into()))?;
        let value: Value =
            serde_json::from_str(raw).unwrap_or_else(|_| Value::String(raw.to_owned()));
        let slot = locate(&mut tree, path.trim()).map_err(fail)?;
        *slot = value;
        // Re-read after each assignment so a type error names the assignment that caused it.
        serde_json::from_value::<RawScenario>(tree.clone()).map_err(|e| fail(format!("{e}")))?;
    }
    serde_json::from_value(tree).map_err(|e| ScenarioError::Override {
        assignment: sets.join(" "),
        message: e.to_string(),
    })
}

fn locate<'v>(tree: &'v mut Value, path: &str) -> Result<&'v mut Value, String> {
    if path.is_empty() {
        return Err("empty path".into());
    }
    let mut node = tree;
    let mut walked = String::new();
    for key in path.split('.') {
        let here = if walked.is_empty() {
            "the scenario".to_owned()
        } else {
            format!("`{walked}`")
        };
        node = match node {
            Value::Object(map) => {
                if !map.contains_key(key) {
                    let known: Vec<&str> = map.keys().map(String::as_str).collect();
                    return Err(format!(
                        "{here} has no field `{key}`{}; known fields: {}",
                        suggestion(key, known.iter().copied()),
                        known.join(", ")
                    ));
                }
                map.get_mut(key).expect("key checked above")
            }
            Value::Array(items) => {
                let len = items.len();
                let i: usize = key.parse().map_err(|_| {
                    format!("{here} is a list: expected an index 0..{len}, got `{key}`")
                })?;
                items
                    .get_mut(i)
                    .ok_or_else(|| format!("{here} has {len} item(s): index {i} is out of range"))?
            }
            _ => return Err(format!("{here} is a single value, it has no field `{key}`")),
        };
        if !walked.is_empty() {
            walked.push('.');
        }
        walked.push_str(key);
    }
    Ok(node)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Split;

    fn set(s: &[&str]) -> Result<RawScenario, ScenarioError> {
        apply_overrides(
            RawScenario::default(),
            &s.iter().map(|x| x.to_string()).collect::<Vec<_>>(),
        )
    }

    #[test]
    fn sets_numbers_enums_and_list_items() {
        let s = set(&[
            "team.sellers=30",
            "split=sales_led",
            "segments.0.need_share=0.4",
            "culture.frozen=true",
        ])
        .unwrap();
        assert_eq!(s.team.sellers, 30);
        assert_eq!(s.split, Split::SalesLed);
        assert_eq!(s.segments[0].need_share, 0.4);
        assert!(s.culture.frozen);
    }

    #[test]
    fn unknown_path_suggests_the_closest_field() {
        let e = set(&["team.seller=30"]).unwrap_err().to_string();
        assert!(e.contains("did you mean `sellers`"), "{e}");
        let e = set(&["segments.3.accounts=1"]).unwrap_err().to_string();
        assert!(e.contains("out of range"), "{e}");
        let e = set(&["team.sellers=many"]).unwrap_err().to_string();
        assert!(
            e.contains("team.sellers=many") && e.contains("invalid type"),
            "{e}"
        );
        assert!(set(&["nonsense"]).is_err());
    }
}
