//! The seven stages, the three roles and who owns each stage under a role split (MODEL.md §2).

use serde::{Deserialize, Serialize};

/// A stage of the sales cycle, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Quarterly data selection, segmentation and campaign planning.
    Preparation,
    /// Touching accounts: cold calls, digital campaigns.
    Prospection,
    /// Triage and discovery call of an engaged contact.
    Detection,
    /// Deciding whether the project is worth sales' time (SQL).
    Qualification,
    /// Showing the product.
    Demonstration,
    /// Price and terms.
    Negotiation,
    /// Signature.
    Closing,
}

impl Stage {
    /// All seven, in order.
    pub const ALL: [Stage; 7] = [
        Stage::Preparation,
        Stage::Prospection,
        Stage::Detection,
        Stage::Qualification,
        Stage::Demonstration,
        Stage::Negotiation,
        Stage::Closing,
    ];
    /// The stages an opportunity is worked through, item by item.
    pub const PIPELINE: [Stage; 5] = [
        Stage::Detection,
        Stage::Qualification,
        Stage::Demonstration,
        Stage::Negotiation,
        Stage::Closing,
    ];

    /// Position in [`Stage::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The stage after this one (None after Closing).
    pub fn next(self) -> Option<Stage> {
        Stage::ALL.get(self.index() + 1).copied()
    }

    /// snake_case name, as in scenario files.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Preparation => "preparation",
            Stage::Prospection => "prospection",
            Stage::Detection => "detection",
            Stage::Qualification => "qualification",
            Stage::Demonstration => "demonstration",
            Stage::Negotiation => "negotiation",
            Stage::Closing => "closing",
        }
    }

    /// Whether sellers' hours on this stage count as selling time (Qualification → Closing).
    pub fn is_selling(self) -> bool {
        self >= Stage::Qualification
    }
}

/// A role people are hired into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Sellers (account executives).
    Sales,
    /// Marketers.
    Marketing,
    /// Sales development representatives (inside sales).
    Sdr,
}

impl Role {
    /// All roles, in roster order.
    pub const ALL: [Role; 3] = [Role::Sales, Role::Marketing, Role::Sdr];

    /// Position in [`Role::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// snake_case name.
    pub fn name(self) -> &'static str {
        match self {
            Role::Sales => "sales",
            Role::Marketing => "marketing",
            Role::Sdr => "sdr",
        }
    }
}

/// Who owns a stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Owner {
    /// Sellers alone.
    Sales,
    /// Marketers alone.
    Marketing,
    /// SDRs alone.
    Sdr,
    /// Marketing first, then sales: the handoff happens inside the stage.
    Shared,
}

impl Owner {
    /// The roles that work the stage, in the order they work an item.
    pub fn phases(self) -> &'static [Role] {
        match self {
            Owner::Sales => &[Role::Sales],
            Owner::Marketing => &[Role::Marketing],
            Owner::Sdr => &[Role::Sdr],
            Owner::Shared => &[Role::Marketing, Role::Sales],
        }
    }

    /// Whether `role` takes part in the stage.
    pub fn includes(self, role: Role) -> bool {
        self.phases().contains(&role)
    }
}

/// Owner of each of the seven stages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StageOwners(pub [Owner; 7]);

impl StageOwners {
    /// Owner of `stage`.
    pub fn of(&self, stage: Stage) -> Owner {
        self.0[stage.index()]
    }

    /// The stages in which `role` takes part.
    pub fn duties(&self, role: Role) -> Vec<Stage> {
        Stage::ALL
            .into_iter()
            .filter(|s| self.of(*s).includes(role))
            .collect()
    }

    /// The role that works an item in `phase` of `stage`.
    pub fn role_at(&self, stage: Stage, phase: usize) -> Role {
        let phases = self.of(stage).phases();
        phases[phase.min(phases.len() - 1)]
    }

    /// The role that owns nurture: the first role of Prospection (MODEL.md §7 fine points).
    pub fn nurture_role(&self) -> Role {
        self.of(Stage::Prospection).phases()[0]
    }
}

/// The four preset splits of MODEL.md §2 (the scenario may also write any mapping).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Preset {
    /// Sales does everything.
    SalesLed,
    /// Marketing takes prospection and detection ("3 + 4").
    MarketingFront,
    /// As marketing_front, with a shared qualification.
    SharedQualification,
    /// SDRs detect and qualify between marketing and sales.
    SdrBridge,
}

impl Preset {
    /// All presets.
    pub const ALL: [Preset; 4] = [
        Preset::SalesLed,
        Preset::MarketingFront,
        Preset::SharedQualification,
        Preset::SdrBridge,
    ];

    /// snake_case name, as on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Preset::SalesLed => "sales_led",
            Preset::MarketingFront => "marketing_front",
            Preset::SharedQualification => "shared_qualification",
            Preset::SdrBridge => "sdr_bridge",
        }
    }

    /// Parse a snake_case name.
    pub fn from_name(name: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.name() == name)
    }

    /// The table of MODEL.md §2.
    pub fn owners(self) -> StageOwners {
        use Owner::*;
        StageOwners(match self {
            Preset::SalesLed => [Sales, Sales, Sales, Sales, Sales, Sales, Sales],
            Preset::MarketingFront => [Shared, Marketing, Marketing, Sales, Sales, Sales, Sales],
            Preset::SharedQualification => {
                [Shared, Marketing, Marketing, Shared, Sales, Sales, Sales]
            }
            Preset::SdrBridge => [Shared, Marketing, Sdr, Sdr, Sales, Sales, Sales],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_match_model_table() {
        let mf = Preset::MarketingFront.owners();
        assert_eq!(mf.of(Stage::Detection), Owner::Marketing);
        assert_eq!(mf.of(Stage::Qualification), Owner::Sales);
        let sq = Preset::SharedQualification.owners();
        assert_eq!(sq.role_at(Stage::Qualification, 0), Role::Marketing);
        assert_eq!(sq.role_at(Stage::Qualification, 1), Role::Sales);
        let sdr = Preset::SdrBridge.owners();
        assert_eq!(
            sdr.duties(Role::Sdr),
            vec![Stage::Detection, Stage::Qualification]
        );
        assert_eq!(Preset::SalesLed.owners().duties(Role::Marketing), vec![]);
        assert_eq!(mf.nurture_role(), Role::Marketing);
    }

    #[test]
    fn names_round_trip() {
        for p in Preset::ALL {
            assert_eq!(Preset::from_name(p.name()), Some(p));
        }
        assert_eq!(Stage::Closing.next(), None);
        assert_eq!(Stage::Detection.next(), Some(Stage::Qualification));
    }
}
