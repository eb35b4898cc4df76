//! A workshop room's state, apart from any server: the teams, their decisions (drafted,
//! locked, played), an optional practice quarter, the coach's countdown, and each team's
//! game. What is saved ([`RoomFile`]) is only the decisions: a resumed room replays them and
//! gets the same years, byte for byte.

use std::sync::Arc;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::challenge::{
    self, Challenge, Debrief, Decision, Decisions, Game, QuarterReview, TeamResult,
};
use crate::i18n::Language;
use crate::scenario::{FieldError, Lever, suggestion};

/// Most teams a room takes.
pub const MAX_TEAMS: usize = 30;
/// Longest team name, in characters.
pub const MAX_TEAM_NAME: usize = 40;
/// Most decisions in one quarter (one per lever).
pub const MAX_DECISIONS: usize = Lever::ALL.len();
/// The practice quarter's seed is the room's plus this: another market, so that nothing
/// learnt of its draws carries over to the year that counts.
const PRACTICE_SEED_OFFSET: u64 = 1_000_003;

/// What the room file keeps: everything needed to bring the room back exactly.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoomFile {
    /// The challenge's name (shipped) or file.
    pub challenge: String,
    /// The year's seed (every team plays the same market).
    pub seed: u64,
    /// The coach's language (projector, workshop report).
    pub lang: String,
    /// The code teams type to join.
    pub code: String,
    /// The facilitator's secret.
    pub coach_token: String,
    /// Teams that may join.
    pub max_teams: usize,
    /// Seeds of the debrief's comparisons.
    pub debrief_seeds: usize,
    /// Whether a practice quarter (that does not count) opens the session.
    pub practice: bool,
    /// Whether the practice quarter has been resolved.
    pub practice_done: bool,
    /// The countdown's end, in seconds since the Unix epoch, if one is set.
    pub countdown_until: Option<u64>,
    /// The teams, in joining order.
    pub teams: Vec<TeamFile>,
}

/// One team in the room file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamFile {
    /// Its name.
    pub name: String,
    /// Its secret (kept in its members' browsers).
    pub token: String,
    /// Its language.
    pub lang: String,
    /// Decisions of its practice quarter, once resolved.
    pub practice: Option<Vec<Decision>>,
    /// Decisions of each quarter played.
    pub quarters: Vec<Vec<Decision>>,
    /// The decisions it is preparing for the open round.
    pub draft: Vec<Decision>,
    /// Whether it has locked them.
    pub locked: bool,
}

/// Where the session stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "quarter", rename_all = "snake_case")]
pub enum Round {
    /// The practice quarter is open.
    Practice,
    /// Quarter N (1-based) is open for decisions.
    Quarter(u32),
    /// Every quarter is played.
    Finished,
}

/// Why a request to the room is refused (shown to the person who made it).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum RoomError {
    /// The decisions break the challenge's rules (the CLI's messages).
    #[error("{}", .0.iter().map(|e| format!("{}: {}", e.path, e.message)).collect::<Vec<_>>().join("; "))]
    Decisions(Vec<FieldError>),
    /// Anything else: a sentence.
    #[error("{0}")]
    Refused(String),
}

fn refused(message: impl Into<String>) -> RoomError {
    RoomError::Refused(message.into())
}

/// One team: its file entry, its game and its practice.
pub struct Team {
    /// What is saved.
    pub file: TeamFile,
    /// The year being played.
    pub game: Game,
    /// The practice quarter's review, once resolved.
    pub practice_review: Option<QuarterReview>,
    /// The debrief, once the year is over and it is computed.
    pub debrief: Option<Arc<Debrief>>,
}

/// A room: its file and the teams' games.
pub struct Room {
    /// What is saved.
    pub file: RoomFile,
    /// The challenge.
    pub challenge: Arc<Challenge>,
    /// Its name.
    pub name: String,
    /// Teams, in joining order (as in `file.teams`, which [`Room::save_file`] refreshes).
    pub teams: Vec<Team>,
    /// The teams' years side by side on the debrief's seeds, once computed.
    pub board: Option<Arc<Vec<TeamResult>>>,
}

impl Room {
    /// A new, empty room.
    pub fn new(challenge: Arc<Challenge>, name: &str, file: RoomFile) -> Room {
        Room {
            file,
            challenge,
            name: name.to_owned(),
            teams: Vec::new(),
            board: None,
        }
    }

    /// Bring back a saved room: every team's decisions replayed, drafts and locks as they
    /// were. Errors name what in the file is wrong.
    pub fn resume(
        challenge: Arc<Challenge>,
        name: &str,
        file: RoomFile,
    ) -> Result<Room, RoomError> {
        let mut room = Room::new(
            challenge,
            name,
            RoomFile {
                teams: Vec::new(),
                ..file.clone()
            },
        );
        for (i, t) in file.teams.iter().enumerate() {
            let at = |e: RoomError| refused(format!("teams[{i}] ({}): {e}", t.name));
            let saved = Decisions {
                challenge: name.to_owned(),
                team: t.name.clone(),
                seed: Some(file.seed),
                quarters: t.quarters.clone(),
                day: None,
            };
            let game = Game::replay(room.challenge.clone(), name, &saved)
                .map_err(|e| at(RoomError::Decisions(e)))?;
            let practice_review = match &t.practice {
                Some(ds) => Some(room.practice_quarter(&t.name, ds.clone()).map_err(at)?),
                None => None,
            };
            room.teams.push(Team {
                file: t.clone(),
                game,
                practice_review,
                debrief: None,
            });
        }
        let played: Vec<usize> = room.teams.iter().map(|t| t.file.quarters.len()).collect();
        if played.windows(2).any(|w| w[0] != w[1]) {
            return Err(refused(
                "the teams have played different numbers of quarters",
            ));
        }
        if file.practice_done && room.teams.iter().any(|t| t.file.practice.is_none()) {
            return Err(refused(
                "the practice is resolved but a team has no practice decisions",
            ));
        }
        room.file.teams = file.teams;
        Ok(room)
    }

    /// The file to save, with every team's current state.
    pub fn save_file(&mut self) -> &RoomFile {
        self.file.teams = self.teams.iter().map(|t| t.file.clone()).collect();
        &self.file
    }

    /// The room's language.
    pub fn language(&self) -> Language {
        Language::from_code(&self.file.lang).unwrap_or_default()
    }

    /// Quarters every team has played.
    pub fn quarters_played(&self) -> u32 {
        self.teams
            .first()
            .map_or(0, |t| t.file.quarters.len() as u32)
    }

    /// The open round.
    pub fn round(&self) -> Round {
        if self.file.practice && !self.file.practice_done {
            Round::Practice
        } else if self.quarters_played() >= self.challenge.quarters {
            Round::Finished
        } else {
            Round::Quarter(self.quarters_played() + 1)
        }
    }

    /// The team holding `token`.
    pub fn team_by_token(&self, token: &str) -> Option<usize> {
        self.teams
            .iter()
            .position(|t| !token.is_empty() && t.file.token == token)
    }

    /// A new team named `name`, with its secret `token`. Joining closes once the first
    /// quarter that counts is resolved (the teams play the same year, from day 0).
    pub fn join(&mut self, name: &str, lang: Language, token: String) -> Result<usize, RoomError> {
        let name = name.trim();
        if name.is_empty()
            || name.chars().count() > MAX_TEAM_NAME
            || name.chars().any(char::is_control)
        {
            return Err(refused(format!(
                "a team name has 1 to {MAX_TEAM_NAME} characters, none of them a control character"
            )));
        }
        if self
            .teams
            .iter()
            .any(|t| t.file.name.to_lowercase() == name.to_lowercase())
        {
            return Err(refused(format!(
                "a team named `{name}` has already joined; its members can open the team link shown on their page"
            )));
        }
        if self.quarters_played() > 0 || self.file.practice_done {
            return Err(refused(
                "the session has started: a new team can no longer join",
            ));
        }
        if self.teams.len() >= self.file.max_teams {
            return Err(refused(format!(
                "the room is full ({} teams)",
                self.file.max_teams
            )));
        }
        let game = Game::new(self.challenge.clone(), &self.name, name, self.file.seed);
        self.teams.push(Team {
            file: TeamFile {
                name: name.to_owned(),
                token,
                lang: lang.code().to_owned(),
                practice: None,
                quarters: Vec::new(),
                draft: Vec::new(),
                locked: false,
            },
            game,
            practice_review: None,
            debrief: None,
        });
        Ok(self.teams.len() - 1)
    }

    /// Check `decisions` for team `i`'s open round, as the CLI would; returns their cost.
    pub fn check(&self, i: usize, decisions: &[Decision]) -> Result<f64, RoomError> {
        if decisions.len() > MAX_DECISIONS {
            return Err(refused(format!(
                "at most {MAX_DECISIONS} decisions a quarter"
            )));
        }
        match self.round() {
            Round::Finished => Err(refused("the year is over: there is nothing left to decide")),
            // During the practice the team's own game is still at day 0 with nothing spent:
            // it checks the practice quarter's decisions exactly as a fresh game would (the
            // checks read the levers, the open levers and the budget, not the seed).
            Round::Practice | Round::Quarter(_) => self.teams[i]
                .game
                .check(decisions)
                .map_err(RoomError::Decisions),
        }
    }

    /// Team `i` drafts `decisions` (checked) for the open round; refused once locked.
    pub fn draft(&mut self, i: usize, decisions: Vec<Decision>) -> Result<f64, RoomError> {
        if self.teams[i].file.locked {
            return Err(refused(
                "your decisions are locked: unlock them to change them",
            ));
        }
        let cost = self.check(i, &decisions)?;
        self.teams[i].file.draft = decisions;
        Ok(cost)
    }

    /// Team `i` locks its draft (checked again: the rules may have moved since).
    pub fn lock(&mut self, i: usize) -> Result<(), RoomError> {
        self.check(i, &self.teams[i].file.draft)?;
        self.teams[i].file.locked = true;
        Ok(())
    }

    /// Team `i` unlocks, until the round is resolved.
    pub fn unlock(&mut self, i: usize) -> Result<(), RoomError> {
        if self.round() == Round::Finished {
            return Err(refused("the year is over"));
        }
        self.teams[i].file.locked = false;
        Ok(())
    }

    /// Names of the teams that have not locked.
    pub fn not_locked(&self) -> Vec<&str> {
        self.teams
            .iter()
            .filter(|t| !t.file.locked)
            .map(|t| t.file.name.as_str())
            .collect()
    }

    /// Resolve the open round: every team plays it with its draft (locked, or, when
    /// `force`d, as it stands; a draft the rules refuse becomes "no change"). Teams play in
    /// parallel; each team's year depends only on its own decisions.
    pub fn resolve(&mut self, force: bool) -> Result<Round, RoomError> {
        let round = self.round();
        if round == Round::Finished {
            return Err(refused("the year is over"));
        }
        if self.teams.is_empty() {
            return Err(refused("no team has joined yet"));
        }
        let waiting = self.not_locked();
        if !force && !waiting.is_empty() {
            return Err(refused(format!(
                "{} not locked yet: {} (force the resolution to play their drafts as they stand)",
                waiting.len(),
                waiting.join(", ")
            )));
        }
        let drafts: Vec<Vec<Decision>> = (0..self.teams.len())
            .map(|i| {
                let d = &self.teams[i].file.draft;
                if self.check(i, d).is_ok() {
                    d.clone()
                } else {
                    Vec::new()
                }
            })
            .collect();
        match round {
            Round::Practice => {
                let reviews: Vec<Result<QuarterReview, RoomError>> = self
                    .teams
                    .par_iter()
                    .zip(drafts.par_iter())
                    .map(|(t, d)| self.practice_quarter(&t.file.name, d.clone()))
                    .collect();
                for ((t, d), r) in self.teams.iter_mut().zip(drafts).zip(reviews) {
                    t.practice_review = Some(r?);
                    t.file.practice = Some(d);
                }
                self.file.practice_done = true;
            }
            Round::Quarter(_) => {
                let outcomes: Vec<Result<(), RoomError>> = self
                    .teams
                    .par_iter_mut()
                    .zip(drafts.par_iter())
                    .map(|(t, d)| {
                        t.game.decide(d.clone()).map_err(RoomError::Decisions)?;
                        t.game.play_quarter();
                        t.file.quarters.push(d.clone());
                        Ok(())
                    })
                    .collect();
                outcomes.into_iter().collect::<Result<(), RoomError>>()?;
            }
            Round::Finished => unreachable!("returned above"),
        }
        for t in &mut self.teams {
            t.file.draft.clear();
            t.file.locked = false;
        }
        self.file.countdown_until = None;
        Ok(self.round())
    }

    fn practice_seed(&self) -> u64 {
        self.file.seed.wrapping_add(PRACTICE_SEED_OFFSET)
    }

    /// The practice quarter played by `team` with `decisions`: the first quarter of the
    /// challenge on another seed.
    fn practice_quarter(
        &self,
        team: &str,
        decisions: Vec<Decision>,
    ) -> Result<QuarterReview, RoomError> {
        let mut game = Game::new(
            self.challenge.clone(),
            &self.name,
            team,
            self.practice_seed(),
        );
        game.decide(decisions).map_err(RoomError::Decisions)?;
        game.play_quarter();
        game.reviews
            .pop()
            .ok_or_else(|| refused("the practice quarter produced no review"))
    }

    /// The year's debriefs (each team's, and the leaderboard on the same seeds), computed
    /// once every quarter is played; `tick` is called after each simulated year.
    pub fn debriefs(&self, tick: &(dyn Fn() + Sync)) -> (Vec<Debrief>, Vec<TeamResult>) {
        let seeds = self.file.debrief_seeds;
        let debriefs: Vec<Debrief> = self
            .teams
            .par_iter()
            .map(|t| {
                let year = t.game.session.report().kpis;
                challenge::debrief(&t.game, &year, seeds, tick)
            })
            .collect();
        let decisions: Vec<Decisions> = self.teams.iter().map(|t| t.game.save()).collect();
        let seeds: Vec<u64> = (0..seeds.max(1) as u64)
            .map(|i| self.file.seed.wrapping_add(i))
            .collect();
        let board = challenge::leaderboard(&self.challenge, &decisions, &seeds, tick);
        (debriefs, board)
    }

    /// Simulated years [`Room::debriefs`] runs.
    pub fn debrief_runs(&self) -> u64 {
        let seeds = self.file.debrief_seeds.max(1) as u64;
        self.teams
            .iter()
            .map(|t| challenge::debrief_runs(&t.game, self.file.debrief_seeds) + seeds)
            .sum()
    }
}

/// A decision from a lever's name and its value as typed (`sellers`, `6`), read by the same
/// parser as a decisions file (`sellers(6)`), so that the messages are the CLI's.
pub fn decision_from(lever: &str, value: &str) -> Result<Decision, String> {
    let Some(knob) = Lever::from_name(lever) else {
        return Err(format!(
            "unknown lever `{lever}`{}",
            suggestion(lever, Lever::ALL.iter().map(|l| l.name()))
        ));
    };
    let value = value.trim();
    let plain = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | '+'));
    if !plain {
        return Err(format!("`{value}` is not a value for {}", knob.name()));
    }
    ron::from_str::<Decision>(&format!("{}({value})", knob.name()))
        .map_err(|e| format!("`{value}` is not a value for {}: {}", knob.name(), e.code))
}
