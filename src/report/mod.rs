//! Outputs of runs and comparisons: terminal tables, JSON and CSV files. Files are written
//! to a temporary sibling and renamed, so a reader never sees half a file and an existing
//! file is replaced only by a complete one.

pub mod html;
pub mod opportunities;
pub mod svg;
mod table;

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use crate::kpi::Kpi;
use crate::runner::{Batch, RunReport, summarise};

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

/// `text` with its control characters made visible (`\u{1b}`), line breaks and tabs kept:
/// names and texts from files cannot move the cursor or recolour a coach's terminal.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.contains(hidden) {
        return text.into();
    }
    text.chars()
        .map(|c| {
            if hidden(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

/// Prefix of salesim's temp files (an output being written).
const TEMP_PREFIX: &str = ".salesim-";

/// A temp file this old in an output's folder is a write that was killed: it is removed.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// Whether `path` can take an output before any work starts: [`check_replaceable`], in a
/// folder where a file can be created.
pub fn check_writable(path: &Path) -> Result<(), WriteError> {
    check_replaceable(path)?;
    tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(folder_of(path))
        .map(drop)
        .map_err(|e| WriteError {
            path: path.to_owned(),
            source: std::io::Error::other(format!("its folder does not take new files ({e})")),
        })
}

/// Whether an output may replace what is at `path`: nothing, or a regular file (not a
/// folder, a device, a FIFO or a symbolic link, which a rename would replace or a write would
/// follow).
fn check_replaceable(path: &Path) -> Result<(), WriteError> {
    let err = |message: &str| WriteError {
        path: path.to_owned(),
        source: std::io::Error::other(message),
    };
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(err(
            "it is a symbolic link; give the path of the file itself",
        )),
        Ok(m) if !m.is_file() => Err(err(
            "it is not a regular file (a folder, a device or a pipe); choose a file",
        )),
        _ => Ok(()),
    }
}

/// The folder of a file's path (`.` for a bare name).
pub fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Write `bytes` to `path` whole or not at all: into a temp file created exclusively, with an
/// unpredictable name, in the target's folder (nobody can plant a link there to redirect
/// the write), synced, then renamed over the target, which must be absent or a regular file
/// ([`check_replaceable`]). Temp files of killed writes older than an hour are removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    check_replaceable(path)?;
    let err = |source| WriteError {
        path: path.to_owned(),
        source,
    };
    let folder = folder_of(path);
    remove_stale_temps(folder);
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(".tmp")
        .tempfile_in(folder)
        .map_err(err)?;
    tmp.write_all(bytes).map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}

/// Remove salesim's temp files in `folder` that a killed write left there long ago (best
/// effort: what cannot be read or removed stays).
fn remove_stale_temps(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let ours = name
            .to_str()
            .is_some_and(|n| n.starts_with(TEMP_PREFIX) && n.ends_with(".tmp"));
        let stale = entry.metadata().is_ok_and(|m| {
            m.is_file()
                && m.modified()
                    .is_ok_and(|t| t.elapsed().is_ok_and(|a| a > STALE_AFTER))
        });
        if ours && stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
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
pub fn batch_json(info: &BatchInfo, batch: &Batch) -> Value {
    let runs = &batch.runs;
    let stats = summarise(runs);
    let weeks = &batch.weekly_means;
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
    fn control_characters_are_shown_not_obeyed() {
        assert_eq!(visible("plain\ttext\n"), "plain\ttext\n");
        assert_eq!(visible("\u{1b}[2J\r"), "\\u{1b}[2J\\u{d}");
        assert_eq!(html::escape("<b>\u{7}"), "&lt;b&gt;\\u{7}");
    }

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

    #[cfg(unix)]
    #[test]
    fn links_folders_and_devices_are_never_written_through_or_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, b"keep").unwrap();
        let link = dir.path().join("out.json");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        let e = write_atomic(&link, b"evil").unwrap_err().to_string();
        assert!(e.contains("symbolic link"), "{e}");
        assert_eq!(std::fs::read(&victim).unwrap(), b"keep");
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        let e = write_atomic(dir.path(), b"x").unwrap_err().to_string();
        assert!(e.contains("not a regular file"), "{e}");
        let e = check_writable(Path::new("/dev/null"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("not a regular file"), "{e}");
    }

    #[test]
    fn a_killed_write_s_old_temp_file_is_cleaned_up_and_a_fresh_one_kept() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join(".salesim-old.tmp");
        let fresh = dir.path().join(".salesim-fresh.tmp");
        for p in [&old, &fresh] {
            std::fs::write(p, b"partial").unwrap();
        }
        let long_ago = std::time::SystemTime::now() - 2 * STALE_AFTER;
        let f = std::fs::File::options().write(true).open(&old).unwrap();
        f.set_modified(long_ago).unwrap();
        write_atomic(&dir.path().join("out.csv"), b"a,b").unwrap();
        assert!(!old.exists());
        assert!(fresh.exists(), "another write may still be using it");
    }
}
