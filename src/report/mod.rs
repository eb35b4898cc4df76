//! Outputs of runs and comparisons: terminal tables, JSON and CSV files. Files are written
//! to a temporary sibling and renamed, so a reader never sees half a file and an existing
//! file is replaced only by a complete one.

pub mod html;
pub mod svg;
mod table;

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use crate::kpi::Kpi;
use crate::runner::{RunReport, summarise, weekly_means};

pub use html::compare_html;
pub use table::{Variant, compare_table, fmt_num, run_table};

/// Writing an output failed.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {}: {source}", path.display())]
pub struct WriteError {
    /// The output path.
    pub path: PathBuf,
    /// The OS error.
    pub source: std::io::Error,
}

/// Write `bytes` to `path` atomically (temp file in the same folder, then rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let err = |source| WriteError {
        path: path.to_owned(),
        source,
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| err(std::io::Error::other("not a file name")))?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(err)
}

/// Identification of a batch in the outputs.
#[derive(Clone, Debug)]
pub struct BatchInfo {
    /// Scenario name.
    pub scenario: String,
    /// Split name.
    pub split: String,
    /// First seed.
    pub seed: u64,
    /// Simulated days.
    pub days: u32,
}

/// The JSON document of a Monte Carlo batch: per-KPI mean/p05/p50/p95 and the per-week mean
/// of every KPI. No wall-clock value, so equal runs give equal bytes.
pub fn batch_json(info: &BatchInfo, runs: &[RunReport]) -> Value {
    let stats = summarise(runs);
    let weeks = weekly_means(runs);
    let mut kpis = Map::new();
    let mut weekly = Map::new();
    for k in Kpi::ALL {
        kpis.insert(k.name().into(), json!(stats[k]));
        weekly.insert(
            k.name().into(),
            json!(weeks.iter().map(|w| w[k]).collect::<Vec<_>>()),
        );
    }
    json!({
        "scenario": info.scenario,
        "split": info.split,
        "seed": info.seed,
        "runs": runs.len(),
        "days": info.days,
        "kpis": kpis,
        "weekly": weekly,
    })
}

/// Pretty JSON text with a final newline.
pub fn json_text(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

/// CSV with one row per run: `variant` (if given), `run_id`, `seed`, then every KPI.
pub fn runs_csv(variants: &[(&str, &[RunReport])]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let labelled = variants.len() > 1;
    let mut header: Vec<&str> = Vec::new();
    if labelled {
        header.push("variant");
    }
    header.extend(["run_id", "seed"]);
    header.extend(Kpi::ALL.iter().map(|k| k.name()));
    let _ = w.write_record(&header);
    for (label, runs) in variants {
        for (i, r) in runs.iter().enumerate() {
            let mut row: Vec<String> = Vec::new();
            if labelled {
                row.push((*label).to_owned());
            }
            row.push(i.to_string());
            row.push(r.seed.to_string());
            row.extend(r.kpis.iter().map(|v| v.to_string()));
            let _ = w.write_record(&row);
        }
    }
    w.into_inner().unwrap_or_default()
}

/// CSV of a sweep: one row per value, each KPI's mean, p05 and p95.
pub fn sweep_csv(param: &str, rows: &[(String, Vec<RunReport>)]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["param".to_owned(), "value".to_owned(), "runs".to_owned()];
    for k in Kpi::ALL {
        header.extend([
            k.name().to_owned(),
            format!("{}_p05", k.name()),
            format!("{}_p95", k.name()),
        ]);
    }
    let _ = w.write_record(&header);
    for (value, runs) in rows {
        let stats = summarise(runs);
        let mut row = vec![param.to_owned(), value.clone(), runs.len().to_string()];
        for s in &stats {
            row.extend([s.mean.to_string(), s.p05.to_string(), s.p95.to_string()]);
        }
        let _ = w.write_record(&row);
    }
    w.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_whole_file_and_leaves_no_temp() {
        let dir = std::env::temp_dir().join(format!("salesim-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("out.json");
        write_atomic(&p, b"first").unwrap();
        write_atomic(&p, b"second").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"second");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        let bad = dir.join("missing-dir").join("x.json");
        assert!(write_atomic(&bad, b"x").is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
