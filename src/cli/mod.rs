//! The `salesim` command line: flags parsed by clap, turned into runs, errors mapped to exit
//! codes in one place (`main`): 0 success, 2 user error, 1 internal failure.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

mod calibrate;
mod challenge;
#[cfg(feature = "gui")]
mod play;
mod workshop;

pub use calibrate::CalibrateArgs;
pub use challenge::{ChallengeArgs, PlayChallengeArgs, ReportArgs, WorkshopArgs};
#[cfg(feature = "gui")]
pub use play::PlayArgs;
pub use workshop::{ServeArgs, WorkshopCommand, WorkshopRoomArgs};

use crate::model::stage::Preset;
use crate::report::{self, BatchInfo, Variant, WriteError};
use crate::runner::{Batch, RunReport, monte_carlo, summarise};
use crate::scenario::{self, Scenario, ScenarioError, suggestion};

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CliError {
    /// A scenario or override the user gave cannot be used.
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    /// A CRM export cannot be calibrated on.
    #[error(transparent)]
    Calibrate(#[from] crate::calibrate::CalibrateError),
    /// An output file cannot be written.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// Flags that do not go together, or a bad value.
    #[error("{0}")]
    Usage(String),
    /// `validate` found problems (already printed).
    #[error("{failed} of {total} scenario file(s) have problems")]
    Invalid {
        /// Files with problems.
        failed: usize,
        /// Files checked.
        total: usize,
    },
    /// A failure that is not the user's.
    #[error("internal error: {0}")]
    Internal(String),
}

impl CliError {
    /// The process exit code.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Internal(_) => 1,
            _ => 2,
        }
    }
}

/// salesim — simulate who owns each stage of the B2B sales cycle, and what it costs.
#[derive(Parser, Debug)]
#[command(
    name = "salesim",
    version,
    about,
    long_about = "\
salesim simulates a B2B sales organisation day by day through the seven stages \
(preparation, prospection, detection, qualification, demonstration, negotiation, closing) \
under a role split, and reports quantitative KPIs and culture indices side by side.\n\n\
Splits: sales_led, marketing_front, shared_qualification, sdr_bridge (or a custom mapping \
in the scenario file)."
)]
pub struct Cli {
    /// Worker threads for Monte Carlo batches (default: all cores). Results do not depend on it.
    #[arg(long, global = true, value_name = "N")]
    pub threads: Option<usize>,
    /// What to do.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run a scenario K times (seeds N, N+1, ...) and print the KPI table.
    Run(RunArgs),
    /// Compare variants on the same seeds: several files, several splits, or several values.
    Compare(CompareArgs),
    /// Sweep one parameter over values; write a CSV of KPIs per value.
    Sweep(SweepArgs),
    /// Check scenario (or challenge) files and report every problem.
    Validate(ValidateArgs),
    /// Print a scenario with every default filled in (the defaults alone without a file).
    Show(ShowArgs),
    /// Fit a scenario to a CRM opportunities export and compare its simulation with the export.
    Calibrate(CalibrateArgs),
    /// Training challenges: list, show, play from a decisions file, workshop of teams.
    Challenge(ChallengeArgs),
    /// Write an HTML report (charts inline) of a challenge, a workshop or a comparison.
    Report(ReportArgs),
    /// A workshop room: teams play a challenge from their browsers on this network.
    Workshop(WorkshopRoomArgs),
    /// Open the game window (the same as `salesim` with no command).
    #[cfg(feature = "gui")]
    Play(PlayArgs),
}

/// Options shared by the commands that simulate.
#[derive(Args, Debug, Clone)]
pub struct SimArgs {
    /// First seed (default: the scenario's `seed`).
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Monte Carlo runs.
    #[arg(long, value_name = "K", default_value_t = 100)]
    pub runs: usize,
    /// Simulated working days (default: the scenario's `days`).
    #[arg(long, value_name = "D")]
    pub days: Option<u32>,
    /// Override any scenario value by its path, e.g. `--set team.sellers=30` (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub sets: Vec<String>,
    /// Run even when the batch's estimate passes the limits (the memory this machine has
    /// free, 24 hours).
    #[arg(long)]
    pub force: bool,
}

/// `salesim run`.
#[derive(Args, Debug)]
pub struct RunArgs {
    /// Scenario file (RON).
    pub scenario: PathBuf,
    /// Role split to use instead of the scenario's.
    #[arg(long, value_name = "NAME", value_parser = parse_split)]
    pub split: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub sim: SimArgs,
    /// Write the KPI summary and weekly means as JSON.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// Write one CSV row per run.
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
    /// Write the simulated CRM: one row per opportunity (project) of every run, with a
    /// `seed` column, in the columns `salesim calibrate` reads plus the lead's arrival and
    /// first response, each stage's start and owner, handoffs and the loss reason (at most
    /// 100 runs).
    #[arg(long, value_name = "FILE.csv")]
    pub opportunities: Option<PathBuf>,
}

/// Runs `--opportunities` writes at most (each run is simulated again with its log).
const MAX_LOGGED_RUNS: usize = 100;

/// `salesim compare`.
#[derive(Args, Debug)]
pub struct CompareArgs {
    /// One scenario (with --splits or --param/--values), or several scenario files.
    #[arg(required = true)]
    pub scenarios: Vec<PathBuf>,
    /// Splits to compare, the first being the reference, e.g. `sales_led,marketing_front`.
    #[arg(long, value_delimiter = ',', value_name = "A,B,...", value_parser = parse_split)]
    pub splits: Vec<String>,
    /// A parameter path to vary (with --values).
    #[arg(long, value_name = "PATH", requires = "values")]
    pub param: Option<String>,
    /// Values of --param, the first being the reference.
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "V1,V2,...",
        requires = "param"
    )]
    pub values: Vec<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub sim: SimArgs,
    /// Write one CSV row per variant and run.
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
}

/// `salesim sweep`.
#[derive(Args, Debug)]
pub struct SweepArgs {
    /// Scenario file (RON).
    pub scenario: PathBuf,
    /// Parameter path, e.g. `team.sellers` or `culture.levers.shared_kpis`.
    #[arg(long, value_name = "PATH")]
    pub param: String,
    /// Values to try.
    #[arg(long, value_delimiter = ',', value_name = "V1,V2,...", required = true)]
    pub values: Vec<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub sim: SimArgs,
    /// Write the CSV here instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `salesim validate`.
#[derive(Args, Debug)]
pub struct ValidateArgs {
    /// Scenario files.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// `salesim show`.
#[derive(Args, Debug)]
pub struct ShowArgs {
    /// Scenario file (RON); omit it to print the defaults.
    pub scenario: Option<PathBuf>,
    /// Override any scenario value by its path (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub sets: Vec<String>,
}

/// Print to standard output; a reader that closed the pipe (`| head`) ends the output quietly.
fn emit(text: &str) -> Result<(), CliError> {
    use std::io::Write;
    match std::io::stdout()
        .lock()
        .write_all(report::visible(text).as_bytes())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(WriteError {
            path: "standard output".into(),
            source: e,
        }
        .into()),
        _ => Ok(()),
    }
}

fn parse_split(s: &str) -> Result<String, String> {
    match Preset::from_name(s) {
        Some(_) => Ok(s.to_owned()),
        None => {
            let names = Preset::ALL.map(|p| p.name());
            Err(format!(
                "unknown split `{s}`{}; known splits: {}",
                suggestion(s, names),
                names.join(", ")
            ))
        }
    }
}

/// Most Monte Carlo runs a command may ask for.
const MAX_RUNS: usize = 100_000;

/// A batch estimated longer than this is announced before it starts.
const LONG_BATCH_SECONDS: f64 = 60.0;

/// Longest batch run without `--force`.
const MAX_BATCH_SECONDS: f64 = 24.0 * 3600.0;

/// Most worker threads per core (`--threads`).
const THREADS_PER_CORE: usize = 4;

/// Execute a parsed command line.
pub fn run(cli: Cli) -> Result<(), CliError> {
    if let Some(n) = cli.threads {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        let most = THREADS_PER_CORE * cores;
        if !(1..=most).contains(&n) {
            return Err(CliError::Usage(format!(
                "--threads {n} is out of range; allowed: 1 to {most} \
                 ({THREADS_PER_CORE} × this machine's {cores} cores)"
            )));
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .map_err(|e| CliError::Internal(e.to_string()))?;
    }
    match cli.command {
        Some(Command::Run(a)) => cmd_run(a),
        Some(Command::Compare(a)) => cmd_compare(a),
        Some(Command::Sweep(a)) => cmd_sweep(a),
        Some(Command::Validate(a)) => cmd_validate(a),
        Some(Command::Show(a)) => cmd_show(a),
        Some(Command::Calibrate(a)) => calibrate::cmd_calibrate(a),
        Some(Command::Challenge(a)) => challenge::cmd_challenge(a),
        Some(Command::Report(a)) => challenge::cmd_report(a),
        Some(Command::Workshop(a)) => workshop::cmd_workshop(a),
        #[cfg(feature = "gui")]
        Some(Command::Play(a)) => play::cmd_play(a),
        #[cfg(feature = "gui")]
        None => play::cmd_play(PlayArgs {
            lang: crate::i18n::Language::English,
            frames: 30,
            ..PlayArgs::default()
        }),
        #[cfg(not(feature = "gui"))]
        None => Err(CliError::Usage(
            "no command given. This build has no game window (it was built without the `gui` \
             feature); simulate from the command line instead, e.g. `salesim run scenarios/default.ron --runs 200` \
             (commands: run, compare, sweep, validate, show, calibrate, challenge, report; see `salesim --help`)"
                .into(),
        )),
    }
}

/// Load with the command's overrides: `--days` and `--split` are shorthands for `--set`.
fn load(path: &Path, sim: &SimArgs, extra: &[String]) -> Result<Arc<Scenario>, CliError> {
    let mut sets = Vec::new();
    if let Some(d) = sim.days {
        sets.push(format!("days={d}"));
    }
    sets.extend(sim.sets.iter().cloned());
    sets.extend(extra.iter().cloned());
    Ok(Arc::new(scenario::load_with_overrides(path, &sets)?))
}

fn check_runs(sim: &SimArgs) -> Result<(), CliError> {
    if !(1..=MAX_RUNS).contains(&sim.runs) {
        return Err(CliError::Usage(format!(
            "--runs {} is out of range; allowed: 1 to {MAX_RUNS}",
            sim.runs
        )));
    }
    Ok(())
}

/// Before a batch of `variants` × `runs` runs of `s`: say what it will take when that is long,
/// and refuse (unless `--force`) when its runs in flight need more memory than this machine
/// has free, or its time passes a day. Estimated from the scenario's size.
fn check_batch(s: &Scenario, sim: &SimArgs, variants: usize) -> Result<(), CliError> {
    let runs = (variants * sim.runs) as u64;
    let gib = |b: u64| b as f64 / f64::from(1u32 << 30);
    // Each run's final KPIs (its weekly rows are summed and dropped as it ends).
    let kept = runs * std::mem::size_of::<crate::kpi::KpiValues>() as u64;
    let one = crate::runner::estimate(s);
    let threads = rayon::current_num_threads().min(runs as usize).max(1) as u64;
    let in_flight = threads * one.bytes;
    let seconds = one.seconds * runs as f64 / threads as f64;
    if seconds > LONG_BATCH_SECONDS {
        eprintln!(
            "estimated from the scenario's size: {runs} run(s) of about {} each on {threads} \
             thread(s), about {} in all, {:.1} GiB in use",
            duration(one.seconds),
            duration(seconds),
            gib(in_flight + kept)
        );
    }
    let refuse = |what: String| {
        Err(CliError::Usage(format!(
            "{what}, estimated from the scenario's size; use fewer runs, accounts or days \
             (or --force to run it anyway)"
        )))
    };
    if sim.force {
        return Ok(());
    }
    if let Some(free) = available_memory()
        && in_flight + kept > free
    {
        return refuse(format!(
            "this batch would need about {:.1} GiB ({threads} run(s) at a time of {:.2} GiB, and \
             the results), more than the {:.1} GiB this machine has free",
            gib(in_flight + kept),
            gib(one.bytes),
            gib(free)
        ));
    }
    if seconds > MAX_BATCH_SECONDS {
        return refuse(format!(
            "this batch would take about {} (allowed: a day)",
            duration(seconds)
        ));
    }
    Ok(())
}

/// Memory the system can give without swapping (`MemAvailable`), where it says so.
fn available_memory() -> Option<u64> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = info.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Seconds as a person reads them: `40 s`, `12 min`, `3.5 h`.
fn duration(seconds: f64) -> String {
    match seconds {
        s if s < 120.0 => format!("{s:.0} s"),
        s if s < 7200.0 => format!("{:.0} min", s / 60.0),
        s => format!("{:.1} h", s / 3600.0),
    }
}

/// Before any work starts: every output can be written (absent or a regular file, in a
/// folder that takes new files), none is one of the inputs, and no two are the same file.
fn check_outputs(outputs: &[&Path], inputs: &[PathBuf]) -> Result<(), CliError> {
    for (i, out) in outputs.iter().enumerate() {
        if inputs.iter().any(|input| same_path(out, input)) {
            return Err(CliError::Usage(format!(
                "{} is an input file; choose another output file",
                out.display()
            )));
        }
        if outputs[..i].iter().any(|earlier| same_path(out, earlier)) {
            return Err(CliError::Usage(format!(
                "{} is given for two outputs; give each its own file",
                out.display()
            )));
        }
        report::check_writable(out)?;
    }
    Ok(())
}

/// Whether two paths name the same file, existing or not (their folders resolved, then the
/// names compared).
fn same_path(a: &Path, b: &Path) -> bool {
    let resolve = |p: &Path| -> Option<PathBuf> {
        if let Ok(full) = std::fs::canonicalize(p) {
            return Some(full);
        }
        let folder = std::fs::canonicalize(report::folder_of(p)).ok()?;
        Some(folder.join(p.file_name()?))
    };
    matches!((resolve(a), resolve(b)), (Some(x), Some(y)) if x == y)
}

fn progress(total: u64, what: &str) -> ProgressBar {
    let bar = ProgressBar::new(total);
    if let Ok(style) = ProgressStyle::with_template(&format!(
        "{{bar:40}} {{pos}}/{{len}} {what} · {{elapsed}} (eta {{eta}})"
    )) {
        bar.set_style(style);
    }
    bar
}

fn batch(s: &Arc<Scenario>, seed: u64, runs: usize, bar: &ProgressBar) -> Batch {
    monte_carlo(s, seed, runs, &|| bar.inc(1))
}

fn cmd_run(a: RunArgs) -> Result<(), CliError> {
    check_runs(&a.sim)?;
    let outputs: Vec<&Path> = a
        .json
        .iter()
        .chain(a.csv.iter())
        .chain(a.opportunities.iter())
        .map(PathBuf::as_path)
        .collect();
    check_outputs(&outputs, std::slice::from_ref(&a.scenario))?;
    if a.opportunities.is_some() && a.sim.runs > MAX_LOGGED_RUNS {
        return Err(CliError::Usage(format!(
            "--opportunities with --runs {}: at most {MAX_LOGGED_RUNS} runs are written; \
             use --runs {MAX_LOGGED_RUNS} or fewer",
            a.sim.runs
        )));
    }
    let extra: Vec<String> = a.split.iter().map(|s| format!("split={s}")).collect();
    let s = load(&a.scenario, &a.sim, &extra)?;
    check_batch(&s, &a.sim, 1)?;
    let seed = a.sim.seed.unwrap_or(s.seed);
    let bar = progress(a.sim.runs as u64, "runs");
    let done = batch(&s, seed, a.sim.runs, &bar);
    let runs = &done.runs;
    bar.finish_and_clear();
    let last = seed.wrapping_add(a.sim.runs as u64 - 1);
    emit(&format!(
        "{} · split {} · {} run(s), seeds {seed}–{last} · {} days\n\n",
        s.name,
        s.split.name(),
        runs.len(),
        s.days
    ))?;
    emit(&report::run_table(&summarise(runs)))?;
    let info = BatchInfo {
        scenario: s.name.clone(),
        split: s.split.name().into(),
        seed,
        days: s.days,
    };
    if let Some(p) = &a.json {
        report::write_atomic(
            p,
            report::json_text(&report::batch_json(&info, &done)).as_bytes(),
        )?;
        eprintln!("wrote {}", p.display());
    }
    if let Some(p) = &a.csv {
        report::write_atomic(p, &report::runs_csv(&[("", runs)]))?;
        eprintln!("wrote {}", p.display());
    }
    if let Some(p) = &a.opportunities {
        // The same runs again, with their log (the log costs memory a plain batch saves).
        let bar = progress(a.sim.runs as u64, "runs logged");
        let logged: Vec<(u64, Vec<_>)> = runs
            .par_iter()
            .map(|r| {
                let (again, records) = crate::runner::simulate_logged(&s, r.seed);
                debug_assert_eq!(again.kpis.map(f64::to_bits), r.kpis.map(f64::to_bits));
                bar.inc(1);
                (r.seed, records)
            })
            .collect();
        bar.finish_and_clear();
        report::write_atomic(p, &report::opportunities::opportunities_csv(&s, &logged))?;
        eprintln!("wrote {}", p.display());
    }
    Ok(())
}

/// The variants of a comparison and their runs on the same seeds.
struct Comparison {
    variants: Vec<(String, Arc<Scenario>)>,
    results: Vec<Batch>,
    seed: u64,
}

fn compared(a: &CompareArgs) -> Result<Comparison, CliError> {
    check_runs(&a.sim)?;
    let mut variants: Vec<(String, Arc<Scenario>)> = Vec::new();
    if a.scenarios.len() > 1 {
        if !a.splits.is_empty() || a.param.is_some() {
            return Err(CliError::Usage(
                "compare several files, or one file with --splits or --param/--values, not both"
                    .into(),
            ));
        }
        for p in &a.scenarios {
            let label = p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            variants.push((label, load(p, &a.sim, &[])?));
        }
    } else if !a.splits.is_empty() {
        if a.param.is_some() {
            return Err(CliError::Usage(
                "use --splits or --param/--values, not both".into(),
            ));
        }
        for split in &a.splits {
            variants.push((
                split.clone(),
                load(&a.scenarios[0], &a.sim, &[format!("split={split}")])?,
            ));
        }
    } else if let Some(param) = &a.param {
        for v in &a.values {
            variants.push((
                format!("{param}={v}"),
                load(&a.scenarios[0], &a.sim, &[format!("{param}={v}")])?,
            ));
        }
    }
    if variants.len() < 2 {
        return Err(CliError::Usage(
            "compare needs at least two variants: two or more scenario files, --splits a,b or --param PATH --values v1,v2".into(),
        ));
    }
    check_batch(&variants[0].1, &a.sim, variants.len())?;
    let seed = a.sim.seed.unwrap_or(variants[0].1.seed);
    let bar = progress((a.sim.runs * variants.len()) as u64, "runs");
    let results: Vec<Batch> = variants
        .iter()
        .map(|(_, s)| batch(s, seed, a.sim.runs, &bar))
        .collect();
    bar.finish_and_clear();
    Ok(Comparison {
        variants,
        results,
        seed,
    })
}

impl Comparison {
    fn table(&self) -> Vec<Variant<'_>> {
        self.variants
            .iter()
            .zip(&self.results)
            .map(|((l, _), b)| Variant {
                label: l.clone(),
                runs: &b.runs,
                weekly_means: &b.weekly_means,
            })
            .collect()
    }
}

fn cmd_compare(a: CompareArgs) -> Result<(), CliError> {
    if let Some(p) = &a.csv {
        check_outputs(&[p], &a.scenarios)?;
    }
    let c = compared(&a)?;
    emit(&format!(
        "{} · {} variant(s) × {} run(s) on the same seeds {}–{} · {} days\n\n",
        c.variants[0].1.name,
        c.variants.len(),
        a.sim.runs,
        c.seed,
        c.seed.wrapping_add(a.sim.runs as u64 - 1),
        c.variants[0].1.days
    ))?;
    emit(&report::compare_table(&c.table()))?;
    if let Some(p) = &a.csv {
        let labelled: Vec<(&str, &[RunReport])> = c
            .variants
            .iter()
            .zip(&c.results)
            .map(|((l, _), b)| (l.as_str(), b.runs.as_slice()))
            .collect();
        report::write_atomic(p, &report::runs_csv(&labelled))?;
        eprintln!("wrote {}", p.display());
    }
    Ok(())
}

/// `salesim report compare`: the comparison as an HTML page with charts.
fn compare_report(a: CompareArgs, out: &Path) -> Result<(), CliError> {
    check_outputs(&[out], &a.scenarios)?;
    let c = compared(&a)?;
    let title = format!("{} — comparison", c.variants[0].1.name);
    let html = report::compare_html(
        &title,
        &c.table(),
        c.seed,
        crate::sim::kpi::quota_for(&c.variants[0].1, c.variants[0].1.days),
    );
    report::write_atomic(out, html.as_bytes())?;
    emit(&report::compare_table(&c.table()))?;
    eprintln!("wrote {}", out.display());
    Ok(())
}

fn cmd_sweep(a: SweepArgs) -> Result<(), CliError> {
    check_runs(&a.sim)?;
    if let Some(p) = &a.output {
        check_outputs(&[p], std::slice::from_ref(&a.scenario))?;
    }
    let scenarios = a
        .values
        .iter()
        .map(|v| {
            Ok((
                v.clone(),
                load(&a.scenario, &a.sim, &[format!("{}={v}", a.param)])?,
            ))
        })
        .collect::<Result<Vec<_>, CliError>>()?;
    if let Some((_, s)) = scenarios.first() {
        check_batch(s, &a.sim, scenarios.len())?;
    }
    let bar = progress((a.sim.runs * scenarios.len()) as u64, "runs");
    let rows: Vec<(String, Vec<RunReport>)> = scenarios
        .iter()
        .map(|(v, s)| {
            (
                v.clone(),
                batch(s, a.sim.seed.unwrap_or(s.seed), a.sim.runs, &bar).runs,
            )
        })
        .collect();
    bar.finish_and_clear();
    let csv = report::sweep_csv(&a.param, &rows);
    match &a.output {
        Some(p) => {
            report::write_atomic(p, &csv)?;
            eprintln!("wrote {}", p.display());
        }
        None => emit(&String::from_utf8_lossy(&csv))?,
    }
    Ok(())
}

fn cmd_validate(a: ValidateArgs) -> Result<(), CliError> {
    let mut failed = 0;
    for f in &a.files {
        if looks_like_challenge(f) {
            match crate::challenge::load(f) {
                Ok(c) => emit(&format!(
                    "ok    {} — challenge: {} ({} quarters, {} open levers)\n",
                    f.display(),
                    c.title.en,
                    c.quarters,
                    c.levers.len()
                ))?,
                Err(e) => {
                    failed += 1;
                    emit(&format!("error {e}\n"))?;
                }
            }
            continue;
        }
        match scenario::load(f) {
            Ok(s) => {
                let accounts: i64 = s.segments.iter().map(|g| g.accounts).sum();
                emit(&format!(
                    "ok    {} — {} ({} accounts, {} sellers, {} marketers, {} SDRs, split {})\n",
                    f.display(),
                    s.name,
                    accounts,
                    s.team.sellers,
                    s.team.marketers,
                    s.team.sdrs,
                    s.split.name()
                ))?;
            }
            Err(e) => {
                failed += 1;
                emit(&format!("error {e}\n"))?;
            }
        }
    }
    if failed > 0 {
        return Err(CliError::Invalid {
            failed,
            total: a.files.len(),
        });
    }
    Ok(())
}

/// A challenge file (validated as one): its top level has a `briefing` field, which no
/// scenario has (a word inside a text does not count).
fn looks_like_challenge(path: &Path) -> bool {
    let Ok(text) = scenario::read_input(path, scenario::MAX_TEXT_BYTES) else {
        return false;
    };
    match scenario::parse_ron::<ron::Value>(&text, path) {
        Ok(ron::Value::Map(fields)) => fields
            .keys()
            .any(|k| matches!(k, ron::Value::String(name) if name == "briefing")),
        _ => false,
    }
}

fn cmd_show(a: ShowArgs) -> Result<(), CliError> {
    let s = match &a.scenario {
        Some(p) => scenario::load_with_overrides(p, &a.sets)?,
        None => scenario::override_and_validate(
            scenario::RawScenario::default(),
            &a.sets,
            Path::new("(defaults)"),
        )?,
    };
    emit(&format!("{}\n", scenario::to_ron(s.raw())))?;
    Ok(())
}
