//! The shipped scenarios and challenges, compiled into the binary (issue #22): an installed
//! `salesim` (`cargo install --path .`) runs `salesim run default` or `salesim challenge
//! list` from any folder. A file on disk always wins: the built-in text is used only when
//! the path given does not exist.

use std::path::{Path, PathBuf};

/// One shipped file: its path in the repository and its text.
#[derive(Clone, Copy, Debug)]
pub struct Shipped {
    /// Path in the repository, e.g. `scenarios/default.ron`.
    pub file: &'static str,
    /// The file's text, as built.
    pub text: &'static str,
}

macro_rules! shipped {
    ($($file:literal),* $(,)?) => {
        &[$(Shipped { file: $file, text: include_str!(concat!("../../", $file)) }),*]
    };
}

/// The shipped scenarios.
pub const SCENARIOS: &[Shipped] = shipped![
    "scenarios/default.ron",
    "scenarios/change_management.ron",
    "scenarios/crm_sample.ron",
    "scenarios/enterprise.ron",
    "scenarios/smb_velocity.ron",
    "scenarios/speed_to_lead.ron",
    "scenarios/bench/reference_10k.ron",
    "scenarios/bench/reference_100k.ron",
];

/// The shipped challenges.
pub const CHALLENGES: &[Shipped] = shipped![
    "scenarios/challenges/new_marketer.ron",
    "scenarios/challenges/new_seller.ron",
    "scenarios/challenges/reorganisation.ron",
    "scenarios/challenges/sla_alignment.ron",
    "scenarios/challenges/speed_to_lead.ron",
];

impl Shipped {
    /// Its name: the file name without `.ron`.
    pub fn name(&self) -> &'static str {
        let base = self.file.rsplit('/').next().unwrap_or(self.file);
        base.strip_suffix(".ron").unwrap_or(base)
    }

    /// Its repository path.
    pub fn path(&self) -> PathBuf {
        PathBuf::from(self.file)
    }
}

/// The shipped file among `files` that `path` stands for, when `path` is not a file on
/// disk: its repository path (`scenarios/default.ron`, from any folder), its file name
/// (`default.ron`) or its name (`default`).
pub fn built_in(files: &'static [Shipped], path: &Path) -> Option<&'static Shipped> {
    if path.exists() {
        return None;
    }
    let given = path.to_string_lossy().replace('\\', "/");
    let given = given.trim_start_matches("./");
    files.iter().find(|s| {
        s.file == given
            || (!given.contains('/')
                && (s.name() == given || s.file.ends_with(&format!("/{given}"))))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shipped_file_is_found_by_path_file_name_or_name_unless_a_file_exists() {
        let by = |p: &str| built_in(SCENARIOS, Path::new(p)).map(|s| s.file);
        // Run from the repository, the real files exist and win.
        assert_eq!(by("scenarios/default.ron"), None);
        assert_eq!(by("default"), Some("scenarios/default.ron"));
        assert_eq!(by("default.ron"), Some("scenarios/default.ron"));
        assert_eq!(
            by("reference_10k"),
            Some("scenarios/bench/reference_10k.ron")
        );
        assert_eq!(by("elsewhere/default.ron"), None);
        assert_eq!(by("no_such_scenario"), None);
        let c = built_in(CHALLENGES, Path::new("speed_to_lead")).map(|s| s.file);
        assert_eq!(c, Some("scenarios/challenges/speed_to_lead.ron"));
    }

    #[test]
    fn every_file_of_the_shipped_folders_is_built_in() {
        let listed = |dir: &str| {
            let mut names: Vec<String> = std::fs::read_dir(dir)
                .unwrap()
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "ron"))
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .collect();
            names.sort();
            names
        };
        let built = |files: &[Shipped], dir: &str| {
            let mut names: Vec<String> = files
                .iter()
                .filter(|s| s.file.rsplit_once('/').is_some_and(|(d, _)| d == dir))
                .map(|s| s.file.to_owned())
                .collect();
            names.sort();
            names
        };
        for dir in ["scenarios", "scenarios/bench"] {
            assert_eq!(built(SCENARIOS, dir), listed(dir), "{dir}");
        }
        assert_eq!(
            built(CHALLENGES, "scenarios/challenges"),
            listed("scenarios/challenges")
        );
    }
}
