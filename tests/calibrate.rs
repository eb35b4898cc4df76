//! `salesim calibrate` end to end on the public CRM sample, and its bad inputs.

use std::path::PathBuf;

use crate::support::{salesim, scratch, stderr, stdout, user_error, write};

fn sample(file: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("data/crm-sample")
        .join(file)
        .display()
        .to_string()
}

/// A calibration of `pipeline` into `out` with few runs, which must succeed; its report.
fn quick_calibration(pipeline: &str, out: &std::path::Path) -> String {
    let o = salesim(&[
        "calibrate",
        "--pipeline",
        pipeline,
        "-o",
        out.to_str().unwrap(),
        "--runs",
        "2",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    stderr(&o)
}

#[test]
fn the_sample_calibrates_within_ten_percent_on_every_figure() {
    let dir = scratch("calibrate-sample");
    let out = dir.join("crm.ron");
    let json = dir.join("check.json");
    let chart = dir.join("cycles.svg");
    let pipeline = sample("sales_pipeline.csv");
    let before = std::fs::read(&pipeline).unwrap();
    let o = salesim(&[
        "calibrate",
        "--pipeline",
        &pipeline,
        "--teams",
        &sample("sales_teams.csv"),
        "--products",
        &sample("products.csv"),
        "--accounts",
        &sample("accounts.csv"),
        "-o",
        out.to_str().unwrap(),
        "--runs",
        "40",
        "--json",
        json.to_str().unwrap(),
        "--chart",
        chart.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(&pipeline).unwrap(),
        before,
        "the export was modified"
    );
    let table = stdout(&o);
    assert!(table.contains("Every figure within 10 %"), "{table}");

    // The JSON figures, checked one by one.
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    let fields = [
        "win_rate",
        "won_cycle_median",
        "won_cycle_p90",
        "lost_cycle_median",
        "lost_cycle_p90",
        "opportunities_per_seller_quarter",
        "value_mean",
        "value_median",
        "open_pipeline",
    ];
    for f in fields {
        let obs = v["observed"][f].as_f64().unwrap();
        let sim = v["simulated"][f].as_f64().unwrap();
        assert!(
            ((sim - obs) / obs).abs() <= 0.10,
            "{f}: observed {obs}, simulated {sim}"
        );
    }
    // The sample's own figures, as docs/calibration.md reports them.
    assert!((v["observed"]["win_rate"].as_f64().unwrap() - 0.6315).abs() < 1e-3);
    assert_eq!(v["observed"]["won_cycle_median"].as_f64().unwrap(), 57.0);
    assert_eq!(v["observed"]["open_pipeline"].as_f64().unwrap(), 1589.0);

    // The scenario is commented, valid, and says where its values come from.
    let ron = std::fs::read_to_string(&out).unwrap();
    assert!(ron.contains("// Calibrated by `salesim calibrate` from sales_pipeline.csv"));
    assert!(ron.contains("Teams: 35 sellers listed, 6 managers, 3 regional offices"));
    assert!(ron.contains("sellers: 30"));
    let o = salesim(&["validate", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stdout(&o));
    let svg = std::fs::read_to_string(&chart).unwrap();
    assert!(svg.contains("won deals (4238 observed") && svg.contains("lost deals (2473 observed"));

    // --check alone reproduces the same table from the written scenario.
    let o = salesim(&[
        "calibrate",
        "--check",
        "--scenario",
        out.to_str().unwrap(),
        "--pipeline",
        &pipeline,
        "--runs",
        "40",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let again = stdout(&o);
    let rows = |t: &str| {
        t.lines()
            .filter(|l| l.contains('%'))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(rows(&again), rows(&table));

    // And the manager's next step: compare another split on their own organisation.
    let o = salesim(&[
        "compare",
        out.to_str().unwrap(),
        "--splits",
        "sales_led,marketing_front",
        "--runs",
        "4",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("marketing_front"));
}

const HEADER: &str =
    "opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value\n";

#[test]
fn bad_exports_get_clear_errors_and_nothing_is_written() {
    let dir = scratch("calibrate-bad");
    let out = dir.join("out.ron");
    let o_path = out.to_str().unwrap();
    let cases = [
        ("empty.csv", String::new(), "the file is empty"),
        ("header.csv", HEADER.to_owned(), "the file is empty"),
        (
            "nodate.csv",
            "sales_agent,deal_stage,close_date,close_value\nAnn,Won,2017-01-01,5\n".to_owned(),
            "no column for `engage_date`",
        ),
        (
            "ragged.csv",
            format!("{HEADER}A,Ann,X\n"),
            ":2: this row has 3 fields but the header has 8",
        ),
        (
            "unusable.csv",
            format!("{HEADER}A,Ann,X,,Won,2017-01-05,2017-01-01,10\n"),
            "nothing to calibrate on",
        ),
    ];
    for (name, body, expected) in cases {
        let p = write(&dir, name, &body);
        let e = user_error(&salesim(&["calibrate", "--pipeline", &p, "-o", o_path]));
        assert!(e.contains(expected), "{name}: {e}");
        assert!(!out.exists(), "{name}: an output was written");
        assert_eq!(
            std::fs::read_to_string(&p).unwrap(),
            body,
            "{name} was modified"
        );
    }
    let missing = dir.join("absent.csv");
    let e = user_error(&salesim(&[
        "calibrate",
        "--pipeline",
        missing.to_str().unwrap(),
        "-o",
        o_path,
    ]));
    assert!(e.contains("cannot read"), "{e}");
    let e = user_error(&salesim(&[
        "calibrate",
        "--pipeline",
        &sample("sales_pipeline.csv"),
        "--map",
        "Amount=valeu",
        "-o",
        o_path,
    ]));
    assert!(e.contains("did you mean `value`"), "{e}");
    let e = user_error(&salesim(&[
        "calibrate",
        "--pipeline",
        &sample("sales_pipeline.csv"),
    ]));
    assert!(e.contains("-o FILE.ron"), "{e}");
    // The output may not be an input.
    let copy = write(
        &dir,
        "copy.csv",
        &std::fs::read_to_string(sample("sales_pipeline.csv")).unwrap(),
    );
    let e = user_error(&salesim(&["calibrate", "--pipeline", &copy, "-o", &copy]));
    assert!(e.contains("is an input"), "{e}");
}

#[test]
fn skipped_rows_are_counted_and_named_by_line_and_column() {
    let dir = scratch("calibrate-skips");
    let mut body = std::fs::read_to_string(sample("sales_pipeline.csv")).unwrap();
    body.push_str("BAD1,Ann,X,,Won,2017-02-30,2017-03-01,10\n");
    body.push_str("BAD2,Ann,X,,Lost,2017-03-05,2017-03-01,0\n");
    let p = write(&dir, "pipeline.csv", &body);
    let e = quick_calibration(&p, &dir.join("out.ron"));
    assert!(e.contains("8802 rows, 8800 used, 2 skipped"), "{e}");
    assert!(
        e.contains(
            "line 8802, column `engage_date` (opportunity BAD1): `2017-02-30` is not a date"
        ),
        "{e}"
    );
    assert!(
        e.contains("line 8803, column `close_date` (opportunity BAD2): 2017-03-01 is before"),
        "{e}"
    );
}

#[test]
fn degenerate_exports_are_refused_with_what_is_missing() {
    let dir = scratch("calibrate-degenerate");
    let out = dir.join("never.ron");
    let full = std::fs::read_to_string(sample("sales_pipeline.csv")).unwrap();
    let mut lines = full.lines();
    let header = lines.next().unwrap().to_owned();
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let file = |name: &str, keep: &dyn Fn(&[&str]) -> Option<String>| {
        let body: Vec<String> = rows.iter().filter_map(|r| keep(r)).collect();
        write(&dir, name, &format!("{header}\n{}\n", body.join("\n")))
    };
    // Columns: id, agent, product, account, stage, engage, close, value.
    let lost_only = file("lost.csv", &|r| (r[4] == "Lost").then(|| r.join(",")));
    let same_day = file("same_day.csv", &|r| {
        (r[4] == "Won").then(|| [&r[..6], &[r[5], r[7]]].concat().join(","))
    });
    for csv in [lost_only, same_day] {
        let e = user_error(&salesim(&[
            "calibrate",
            "--pipeline",
            &csv,
            "-o",
            out.to_str().unwrap(),
        ]));
        assert!(
            e.contains("nothing to calibrate on") && e.contains("at least 10 such wins"),
            "{e}"
        );
        assert!(!out.exists());
    }
}

#[test]
fn two_columns_mapped_to_one_field_are_refused() {
    let e = user_error(&salesim(&[
        "calibrate",
        "--pipeline",
        &sample("sales_pipeline.csv"),
        "--map",
        "close_value=value",
        "--map",
        "product=value",
        "-o",
        "never.ron",
    ]));
    assert!(
        e.contains("already mapped from column `close_value`"),
        "{e}"
    );
}

#[test]
fn a_date_typo_far_from_the_others_is_skipped_and_named() {
    let dir = scratch("calibrate-typo");
    let full = std::fs::read_to_string(sample("sales_pipeline.csv")).unwrap();
    let typo = write(
        &dir,
        "typo.csv",
        &full.replacen("2017-03-01,1054", "2107-03-01,1054", 1),
    );
    let out = dir.join("typo.ron");
    let e = quick_calibration(&typo, &out);
    assert!(
        e.contains("line 2, column `close_date`: 2107-03-01 is more than two years"),
        "{e}"
    );
    // The fitted span is the export's, not the typo's: under two years of working days.
    let text = std::fs::read_to_string(&out).unwrap();
    let days: u32 = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("days: "))
        .and_then(|v| v.trim_end_matches(',').parse().ok())
        .expect("a days field");
    assert!(days < 520, "{days}");
}

/// Export `scenario` (with `sets`) as a simulated CRM (`salesim run --opportunities`),
/// calibrate on that export, and require every line of the table within 10 % and the fitted
/// run's `close_rate` within 10 % of the export's won / closed.
fn calibrates_back(name: &str, scenario: &str, sets: &[&str]) {
    let dir = scratch(name);
    let export = dir.join("export.csv");
    let fitted = dir.join("fitted.ron");
    let json = dir.join("fitted.json");
    let mut run = vec!["run", scenario, "--runs", "1", "--opportunities"];
    run.push(export.to_str().unwrap());
    for set in sets {
        run.extend(["--set", set]);
    }
    let o = salesim(&run);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = salesim(&[
        "calibrate",
        "--pipeline",
        export.to_str().unwrap(),
        "-o",
        fitted.to_str().unwrap(),
        "--runs",
        "40",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let table = stdout(&o);
    assert!(
        table.contains("Every figure within 10 %"),
        "{name}:\n{table}"
    );
    let text = std::fs::read_to_string(&export).unwrap();
    let (won, lost) = (
        text.matches(",Won,").count(),
        text.matches(",Lost,").count(),
    );
    let observed = won as f64 / (won + lost) as f64;
    let o = salesim(&[
        "run",
        fitted.to_str().unwrap(),
        "--runs",
        "20",
        "--json",
        json.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let close_rate = v["kpis"]["close_rate"]["mean"].as_f64().unwrap();
    assert!(
        (close_rate / observed - 1.0).abs() < 0.10,
        "{name}: close_rate {close_rate:.4} vs the export's won / closed {observed:.4}"
    );
}

#[test]
fn a_simulated_export_calibrates_back_to_its_scenario_s_figures() {
    // default.ron at five times its size: one run's open pipeline is then a few hundred
    // deals, whose own sampling noise stays well under the 10 % tolerance.
    let default = crate::support::scenario_path("default.ron");
    calibrates_back(
        "calibrate-round-trip",
        default.to_str().unwrap(),
        &[
            "segments.0.accounts=100000",
            "team.sellers=100",
            "team.marketers=30",
        ],
    );
}

#[test]
fn calibration_generalises_to_an_export_it_was_not_tuned_on() {
    // Two products with their own cycle shapes and win rates, 60 sellers, most losses early.
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/two_products.ron");
    calibrates_back("calibrate-two-products", fixture.to_str().unwrap(), &[]);
}
