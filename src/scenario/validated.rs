//! A scenario that passed validation. [`RawScenario`] is what a file says (serde, signed
//! counts so that a negative count gets a range error rather than a type error); a
//! [`Scenario`] is made from it only by [`Scenario::new`], which validates it and resolves
//! what the simulation needs (the stage owners, unsigned counts). The simulation, the
//! sessions and the runners take only this type.

use std::ops::Deref;

use super::error::FieldError;
use super::schema::RawScenario;
use super::validate::validate;
use crate::model::stage::{Role, StageOwners};

/// A validated scenario. It reads like the file (`s.days`, `s.team.hours_per_day`, through
/// `Deref`), and adds the resolved values; to change it, change its raw form and validate
/// again (`Scenario::new(s.raw().clone() …)`).
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    raw: RawScenario,
    owners: StageOwners,
    headcount: [u32; 3],
    accounts: Vec<u32>,
}

impl Scenario {
    /// Validate `raw`: every problem by field path, or the scenario.
    pub fn new(raw: RawScenario) -> Result<Scenario, Vec<FieldError>> {
        let errors = validate(&raw);
        if !errors.is_empty() {
            return Err(errors);
        }
        // Validation guarantees an owner for every stage and counts within 0..=limits; a
        // failure here is a defect of validation, reported like a field error.
        let defect = |path: &str| {
            vec![FieldError {
                path: path.to_owned(),
                message: "validation let through a bad value".to_owned(),
            }]
        };
        let owners = raw.split.owners().ok_or_else(|| defect("split"))?;
        let count = |path: &str, n: i64| u32::try_from(n).map_err(|_| defect(path));
        let headcount = [
            count("team.sellers", raw.team.sellers)?,
            count("team.marketers", raw.team.marketers)?,
            count("team.sdrs", raw.team.sdrs)?,
        ];
        let accounts = raw
            .segments
            .iter()
            .map(|g| count("segments.accounts", g.accounts))
            .collect::<Result<_, _>>()?;
        Ok(Scenario {
            raw,
            owners,
            headcount,
            accounts,
        })
    }

    /// This scenario changed by `change`, validated again.
    pub fn modified(
        &self,
        change: impl FnOnce(&mut RawScenario),
    ) -> Result<Scenario, Vec<FieldError>> {
        let mut raw = self.raw.clone();
        change(&mut raw);
        Scenario::new(raw)
    }

    /// What the file says.
    pub fn raw(&self) -> &RawScenario {
        &self.raw
    }

    /// Who owns each stage on day 0.
    pub fn owners(&self) -> StageOwners {
        self.owners
    }

    /// People of `role` on day 0.
    pub fn headcount(&self, role: Role) -> u32 {
        self.headcount[role.index()]
    }

    /// Accounts of segment `segment`.
    pub fn accounts(&self, segment: usize) -> u32 {
        self.accounts[segment]
    }

    /// The segment of account `idx` (segments hold consecutive accounts, in order).
    pub fn segment_of_account(&self, idx: u32) -> usize {
        let mut end = 0;
        for (g, &n) in self.accounts.iter().enumerate() {
            end += n;
            if idx < end {
                return g;
            }
        }
        self.accounts.len().saturating_sub(1)
    }

    /// Accounts of every segment.
    pub fn total_accounts(&self) -> u64 {
        self.accounts.iter().map(|&n| u64::from(n)).sum()
    }
}

impl Deref for Scenario {
    type Target = RawScenario;

    fn deref(&self) -> &RawScenario {
        &self.raw
    }
}

impl Default for Scenario {
    /// The defaults, which are valid (a test checks it).
    fn default() -> Scenario {
        Scenario::new(RawScenario::default())
            .unwrap_or_else(|errors| unreachable!("the default scenario is invalid: {errors:?}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_valid_and_resolved() {
        let s = Scenario::default();
        assert_eq!(s.owners(), RawScenario::default().split.owners().unwrap());
        assert_eq!(i64::from(s.headcount(Role::Sales)), s.team.sellers);
        let accounts: u64 = s.segments.iter().map(|g| g.accounts as u64).sum();
        assert_eq!(s.total_accounts(), accounts);
    }

    #[test]
    fn only_a_valid_file_becomes_a_scenario() {
        let errors = Scenario::default()
            .modified(|raw| raw.team.sellers = -2)
            .unwrap_err();
        assert!(
            errors.iter().any(|e| e.path == "team.sellers"),
            "{errors:?}"
        );
        let fewer = Scenario::default()
            .modified(|raw| raw.team.sellers = 3)
            .unwrap();
        assert_eq!(fewer.headcount(Role::Sales), 3);
    }
}
