//! `salesim calibrate`: fit a scenario to a CRM export, then check it by simulation.

use std::path::PathBuf;

use clap::Args;

use super::{CliError, check_outputs, emit, progress};
use crate::calibrate::{self, Export, Inputs, chart};
use crate::report::visible;
use crate::report::write_atomic;
use crate::scenario;

/// `salesim calibrate`.
#[derive(Args, Debug)]
pub struct CalibrateArgs {
    /// Opportunities export (CSV: one row per opportunity).
    #[arg(long, value_name = "FILE.csv")]
    pub pipeline: PathBuf,
    /// Accounts table (optional; described in the scenario's comments).
    #[arg(long, value_name = "FILE.csv")]
    pub accounts: Option<PathBuf>,
    /// Sellers with manager and regional office (optional; described in the comments).
    #[arg(long, value_name = "FILE.csv")]
    pub teams: Option<PathBuf>,
    /// Products with their list price (optional; described in the comments).
    #[arg(long, value_name = "FILE.csv")]
    pub products: Option<PathBuf>,
    /// Read FIELD from COLUMN (repeatable). Fields: id, owner, account, product, stage,
    /// engage_date, close_date, value.
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub maps: Vec<String>,
    /// Where to write the fitted scenario (RON).
    #[arg(short, long, value_name = "FILE.ron")]
    pub output: Option<PathBuf>,
    /// Only check: simulate an existing scenario (--scenario, else --output) against the
    /// export, without fitting.
    #[arg(long)]
    pub check: bool,
    /// The scenario to check.
    #[arg(long, value_name = "FILE.ron", requires = "check")]
    pub scenario: Option<PathBuf>,
    /// Monte Carlo runs of the check.
    #[arg(long, value_name = "K", default_value_t = 100)]
    pub runs: usize,
    /// Write the observed vs simulated cycle-length chart (SVG).
    #[arg(long, value_name = "FILE.svg")]
    pub chart: Option<PathBuf>,
    /// Write the side-by-side figures as JSON.
    #[arg(long, value_name = "FILE.json")]
    pub json: Option<PathBuf>,
}

pub(super) fn cmd_calibrate(a: CalibrateArgs) -> Result<(), CliError> {
    if a.runs == 0 {
        return Err(CliError::Usage("--runs must be at least 1".into()));
    }
    let inputs = Inputs {
        pipeline: a.pipeline.clone(),
        accounts: a.accounts.clone(),
        teams: a.teams.clone(),
        products: a.products.clone(),
        maps: a.maps.clone(),
    };
    let mut read_only: Vec<PathBuf> = vec![a.pipeline.clone()];
    read_only.extend(
        [&a.accounts, &a.teams, &a.products]
            .into_iter()
            .flatten()
            .cloned(),
    );
    if a.check {
        read_only.extend(a.scenario.iter().cloned());
    }
    let mut outputs: Vec<&PathBuf> = a.chart.iter().chain(a.json.iter()).collect();
    let checked = match (a.check, &a.scenario, &a.output) {
        (true, Some(p), _) | (true, None, Some(p)) => p.clone(),
        (true, None, None) => {
            return Err(CliError::Usage(
                "--check needs the scenario to check: --scenario FILE.ron (or -o FILE.ron)".into(),
            ));
        }
        (false, _, Some(p)) => {
            outputs.push(p);
            p.clone()
        }
        (false, _, None) => {
            return Err(CliError::Usage(
                "where should the fitted scenario go? Give -o FILE.ron (or --check to only check \
                 an existing scenario)"
                    .into(),
            ));
        }
    };
    let outputs: Vec<&std::path::Path> = outputs.iter().map(|p| p.as_path()).collect();
    check_outputs(&outputs, &read_only)?;

    let export = Export::read(&a.pipeline, &a.maps)?;
    report_skipped(&export, &a.pipeline);
    let scenario = if a.check {
        scenario::load(&checked)?
    } else {
        let bar = progress(calibrate::calibration_runs(&export) as u64, "fitting runs");
        let fitted = calibrate::calibrate(&export, &inputs, &|| bar.inc(1))?;
        bar.finish_and_clear();
        write_atomic(&checked, fitted.text.as_bytes())?;
        eprintln!("wrote {}", checked.display());
        fitted.scenario
    };
    let bar = progress(a.runs as u64, "check runs");
    let check = calibrate::check(&scenario, &export, a.runs, &|| bar.inc(1))?;
    bar.finish_and_clear();
    let scale_note = if check.scale < 1.0 {
        format!(", organisation simulated at scale {:.4}", check.scale)
    } else {
        String::new()
    };
    emit(&format!(
        "Observed ({}) vs simulated ({}, {} runs from seed {}{scale_note}); cycles in calendar \
         days:\n\n{}",
        a.pipeline.display(),
        checked.display(),
        check.runs,
        scenario.seed,
        check.table()
    ))?;
    let worst = check.worst_gap();
    emit(&if worst <= calibrate::TOLERANCE + 1e-9 {
        format!(
            "\nEvery figure within 10 % (largest gap {:.1} %).\n",
            worst * 100.0
        )
    } else {
        format!(
            "\nSome figures are more than 10 % off (largest gap {:.1} %): read docs/calibration.md \
             on what the model can and cannot reproduce.\n",
            worst * 100.0
        )
    })?;
    if let Some(p) = &a.chart {
        write_atomic(p, chart::cycle_chart(&check.cycles).as_bytes())?;
    }
    if let Some(p) = &a.json {
        let json =
            serde_json::to_string_pretty(&check).map_err(|e| CliError::Internal(e.to_string()))?;
        write_atomic(p, format!("{json}\n").as_bytes())?;
    }
    Ok(())
}

/// Rows that could not be used, on standard error: count per reason and a few examples.
fn report_skipped(export: &Export, path: &std::path::Path) {
    let crm = &export.crm;
    let skipped: u64 = crm.skipped.values().map(|s| s.count).sum();
    eprintln!(
        "read {}: {} rows, {} used, {skipped} skipped; {} sellers, {} products, {} engaged \
         opportunities",
        path.display(),
        crm.rows_read,
        crm.rows.len(),
        crm.owners.len(),
        crm.products.len(),
        export.engaged()
    );
    for (reason, s) in &crm.skipped {
        eprintln!("  skipped {} row(s): {}", s.count, visible(reason));
        for e in &s.examples {
            eprintln!("    {}", visible(e));
        }
    }
}
