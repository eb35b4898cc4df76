//! Words and numbers for the reviews: KPI values written for people, explanation rules
//! evaluated and filled in, and the score against the objectives.

use super::schema::{Aim, Condition, Objective, Rule, Text};
use crate::i18n::Language;
use crate::kpi::{Kpi, KpiValues};
use crate::sim::state::LostReason;

/// A KPI value as a person reads it, in English (the command line and the reports).
pub fn fmt_kpi(k: Kpi, v: f64) -> String {
    k.format(v, Language::English)
}

/// The value of an objective's KPI as a person reads it.
pub fn fmt_objective_value(o: &Objective, kpis: &KpiValues) -> String {
    Kpi::from_name(&o.kpi).map_or_else(|| "–".into(), |k| fmt_kpi(k, kpis[k]))
}

/// The value of KPI `name` (validated names only).
fn value(kpis: &KpiValues, name: &str) -> f64 {
    Kpi::from_name(name).map_or(f64::NAN, |k| kpis[k])
}

/// Whether a condition holds.
pub fn holds(c: &Condition, kpis: &KpiValues) -> bool {
    match c {
        Condition::Above(name, x) => value(kpis, name) > *x,
        Condition::Below(name, x) => value(kpis, name) < *x,
    }
}

/// Every `{name}` of `text`: the byte range it spans, braces included, and the name.
fn placeholders(text: &str) -> Vec<(std::ops::Range<usize>, &str)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find('{').map(|i| from + i) {
        let Some(close) = text[open..].find('}').map(|i| open + i) else {
            break;
        };
        found.push((open..close + 1, &text[open + 1..close]));
        from = close + 1;
    }
    found
}

/// `text` with every `{kpi_name}` replaced by that KPI's value (other braces kept).
pub fn fill(text: &str, kpis: &KpiValues, language: Language) -> String {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (span, name) in placeholders(text) {
        if let Some(k) = Kpi::from_name(name) {
            out.push_str(&text[copied..span.start]);
            out.push_str(&k.format(kpis[k], language));
            copied = span.end;
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// The placeholders of `text` that are not KPI names.
pub fn unknown_placeholders(text: &str) -> Vec<String> {
    placeholders(text)
        .into_iter()
        .filter(|(_, name)| Kpi::from_name(name).is_none())
        .map(|(_, name)| name.to_owned())
        .collect()
}

/// The explanations whose conditions all hold, filled in.
pub fn rules_holding(rules: &[Rule], kpis: &KpiValues) -> Vec<Text> {
    rules
        .iter()
        .filter(|r| r.when.iter().all(|c| holds(c, kpis)))
        .map(|r| Text {
            en: fill(&r.say.en, kpis, Language::English),
            fr: fill(&r.say.fr, kpis, Language::French),
        })
        .collect()
}

/// Where projects were lost, largest first: "Lost: 41 at the handoff, 23 went cold, …".
pub fn loss_line(kpis: &KpiValues) -> Text {
    let mut losses: Vec<(LostReason, f64)> = LostReason::ALL
        .iter()
        .map(|r| (*r, kpis[Kpi::LOST[r.index()]]))
        .filter(|(_, n)| *n > 0.0)
        .collect();
    losses.sort_by(|a, b| b.1.total_cmp(&a.1));
    let part = |fr: bool| {
        losses
            .iter()
            .map(|(r, n)| {
                let language = if fr {
                    Language::French
                } else {
                    Language::English
                };
                format!("{} {}", language.number(*n, 0), loss_words(*r, fr))
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    if losses.is_empty() {
        return Text {
            en: "No project lost.".into(),
            fr: "Aucun projet perdu.".into(),
        };
    }
    Text {
        en: format!(
            "Projects lost: {}. Signed: {}.",
            part(false),
            fmt_kpi(Kpi::SignedContracts, kpis[Kpi::SignedContracts])
        ),
        fr: format!(
            "Projets perdus : {}. Signés : {}.",
            part(true),
            Kpi::SignedContracts.format(kpis[Kpi::SignedContracts], Language::French)
        ),
    }
}

fn loss_words(r: LostReason, fr: bool) -> &'static str {
    match (r, fr) {
        (LostReason::Disqualified, false) => "disqualified",
        (LostReason::Disqualified, true) => "disqualifiés",
        (LostReason::Handoff, false) => "leaked at a handoff",
        (LostReason::Handoff, true) => "perdus au passage de relais",
        (LostReason::Unanswered, false) => "never answered",
        (LostReason::Unanswered, true) => "jamais rappelés",
        (LostReason::Cold, false) => "went cold",
        (LostReason::Cold, true) => "refroidis",
        (LostReason::Competitor, false) => "to a competitor",
        (LostReason::Competitor, true) => "pris par un concurrent",
        (LostReason::NoDecision, false) => "without a decision",
        (LostReason::NoDecision, true) => "sans décision",
    }
}

/// Points of one objective, 0 to 1.
pub fn points(aim: Aim, v: f64) -> f64 {
    if !v.is_finite() {
        return 0.0;
    }
    match aim {
        Aim::AtLeast(t) => (v / t).clamp(0.0, 1.0),
        Aim::AtMost(t) if v <= t => 1.0,
        Aim::AtMost(t) => (t / v).clamp(0.0, 1.0),
    }
}

/// Each objective's points (0 to 1), in the objectives' order.
pub fn objective_points(objectives: &[Objective], kpis: &KpiValues) -> Vec<f64> {
    objectives
        .iter()
        .map(|o| points(o.aim, value(kpis, &o.kpi)))
        .collect()
}

/// The score, 0 to 100: the weighted mean of the objectives' points.
pub fn score(objectives: &[Objective], kpis: &KpiValues) -> f64 {
    let total: f64 = objectives.iter().map(|o| o.weight).sum();
    let got: f64 = objectives
        .iter()
        .zip(objective_points(objectives, kpis))
        .map(|(o, p)| o.weight * p)
        .sum();
    if total > 0.0 {
        100.0 * got / total
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kpi::KPI_COUNT;

    #[test]
    fn placeholders_are_filled_with_readable_values() {
        let mut k = [0.0; KPI_COUNT];
        k[Kpi::LostAtHandoff] = 41.0;
        k[Kpi::CommonLanguage] = 0.354;
        k[Kpi::Leakage] = 0.31;
        let text = "{lost_at_handoff} leaked ({leakage}): common language is {common_language} {x}";
        let t = fill(text, &k, Language::English);
        assert_eq!(t, "41 leaked (31 %): common language is 0.35 {x}");
        let t = fill(text, &k, Language::French);
        assert_eq!(t, "41 leaked (31\u{202f}%): common language is 0,35 {x}");
        assert_eq!(unknown_placeholders("{leakage} {nope} {"), vec!["nope"]);
    }

    #[test]
    fn points_reward_reaching_the_target_and_nothing_beyond() {
        assert_eq!(points(Aim::AtLeast(2.0), 1.0), 0.5);
        assert_eq!(points(Aim::AtLeast(2.0), 5.0), 1.0);
        assert_eq!(points(Aim::AtMost(0.2), 0.1), 1.0);
        assert!((points(Aim::AtMost(0.2), 0.4) - 0.5).abs() < 1e-12);
        assert_eq!(points(Aim::AtLeast(1.0), f64::NAN), 0.0);
        let objectives = [
            Objective {
                kpi: "leakage".into(),
                aim: Aim::AtMost(0.2),
                weight: 1.0,
            },
            Objective {
                kpi: "win_rate".into(),
                aim: Aim::AtLeast(0.5),
                weight: 3.0,
            },
        ];
        let mut k = [0.0; KPI_COUNT];
        k[Kpi::Leakage] = 0.4;
        k[Kpi::WinRate] = 0.5;
        assert!((score(&objectives, &k) - 87.5).abs() < 1e-9);
    }

    #[test]
    fn rules_fire_only_when_every_condition_holds() {
        let rule = Rule {
            when: vec![
                Condition::Above("lost_at_handoff".into(), 10.0),
                Condition::Below("common_language".into(), 0.4),
            ],
            say: Text {
                en: "{lost_at_handoff} leaked".into(),
                fr: "{lost_at_handoff} perdus".into(),
            },
        };
        let mut k = [0.0; KPI_COUNT];
        k[Kpi::LostAtHandoff] = 41.0;
        k[Kpi::CommonLanguage] = 0.35;
        assert_eq!(
            rules_holding(std::slice::from_ref(&rule), &k)[0].fr,
            "41 perdus"
        );
        k[Kpi::CommonLanguage] = 0.45;
        assert!(rules_holding(&[rule], &k).is_empty());
    }
}
