//! The command line as a user meets it: outputs, determinism of files, and every class of bad
//! input (message and exit code), never a panic.

use std::process::Command;

use crate::support::{salesim, scenario_path, scratch, stderr, stdout, user_error, write};

#[test]
fn run_prints_both_families_and_writes_json_and_csv() {
    let d = scratch("run");
    let json = d.join("out.json");
    let csv = d.join("runs.csv");
    let default = scenario_path("default.ron");
    let o = salesim(&[
        "run",
        default.to_str().unwrap(),
        "--runs",
        "3",
        "--days",
        "40",
        "--seed",
        "5",
        "--json",
        json.to_str().unwrap(),
        "--csv",
        csv.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for word in [
        "Quantitative",
        "Qualitative",
        "new_projects",
        "common_language",
        "scorecard",
        "p95",
    ] {
        assert!(out.contains(word), "{word} missing from\n{out}");
    }
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(v["runs"], 3);
    assert_eq!(v["seed"], 5);
    assert_eq!(v["days"], 40);
    assert_eq!(v["split"], "sales_led");
    for k in salesim::kpi::Kpi::ALL {
        for stat in ["mean", "p05", "p50", "p95"] {
            assert!(
                v["kpis"][k.name()][stat].is_number(),
                "kpis.{}.{stat}",
                k.name()
            );
        }
        assert_eq!(
            v["weekly"][k.name()].as_array().unwrap().len(),
            8,
            "weekly.{}",
            k.name()
        );
    }
    let rows = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(rows.lines().count(), 4);
    assert!(rows.starts_with("run_id,seed,engaged_contacts"));
}

#[test]
fn json_is_byte_identical_across_runs_and_thread_counts() {
    let d = scratch("det");
    let default = scenario_path("default.ron");
    let mut outputs = Vec::new();
    for (i, threads) in ["1", "2", "2"].iter().enumerate() {
        let p = d.join(format!("{i}.json"));
        let o = salesim(&[
            "--threads",
            threads,
            "run",
            default.to_str().unwrap(),
            "--runs",
            "4",
            "--days",
            "30",
            "--json",
            p.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        outputs.push(std::fs::read(&p).unwrap());
    }
    assert_eq!(outputs[0], outputs[1]);
    assert_eq!(outputs[1], outputs[2]);
}

#[test]
fn compare_shows_differences_with_intervals() {
    let default = scenario_path("default.ron");
    let o = salesim(&[
        "compare",
        default.to_str().unwrap(),
        "--splits",
        "sales_led,marketing_front",
        "--runs",
        "12",
        "--days",
        "120",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("marketing_front") && out.contains("Δ") && out.contains(" *"),
        "{out}"
    );
    let o = salesim(&[
        "compare",
        default.to_str().unwrap(),
        "--param",
        "team.sellers",
        "--values",
        "10,20",
        "--runs",
        "3",
        "--days",
        "20",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("team.sellers=20"));
}

#[test]
fn sweep_writes_one_row_per_value() {
    let default = scenario_path("default.ron");
    let o = salesim(&[
        "sweep",
        default.to_str().unwrap(),
        "--param",
        "team.sellers",
        "--values",
        "5,10,15",
        "--runs",
        "2",
        "--days",
        "20",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = stdout(&o);
    assert_eq!(csv.lines().count(), 4, "{csv}");
    assert!(csv.lines().nth(1).unwrap().starts_with("team.sellers,5,2,"));
}

#[test]
fn show_prints_a_complete_scenario_that_validates_again() {
    let d = scratch("show");
    let default = scenario_path("default.ron");
    let o = salesim(&[
        "show",
        default.to_str().unwrap(),
        "--set",
        "team.sellers=33",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("sellers: 33") && text.contains("idle_hazard"),
        "{text}"
    );
    let f = write(&d, "full.ron", &text);
    assert!(salesim(&["validate", &f]).status.success());
    assert!(salesim(&["show"]).status.success());
}

#[test]
fn every_subcommand_has_help() {
    for sub in ["run", "compare", "sweep", "validate", "show"] {
        let o = salesim(&[sub, "--help"]);
        assert!(o.status.success());
        assert!(stdout(&o).contains("Usage: salesim"), "{sub}");
    }
}

#[test]
fn validate_accepts_shipped_and_reports_every_bad_file() {
    let d = scratch("validate");
    let bad = write(&d, "bad.ron", "(team: (sellers: -4))");
    let good = scenario_path("default.ron");
    let o = salesim(&["validate", good.to_str().unwrap(), &bad]);
    let msg = user_error(&o);
    assert!(msg.contains("ok    ") && msg.contains("1 of 2"), "{msg}");
}

#[test]
fn syntax_error_reports_file_line_column_and_expectation() {
    let d = scratch("syntax");
    let f = write(
        &d,
        "broken.ron",
        "(\n    name: \"x\",\n    days: 250\n    seed: 3,\n)\n",
    );
    let msg = user_error(&salesim(&["validate", &f]));
    assert!(msg.contains("broken.ron:4:"), "{msg}");
    assert!(msg.to_lowercase().contains("expected"), "{msg}");
    let f = write(&d, "type.ron", "(days: \"many\")");
    let msg = user_error(&salesim(&["run", &f]));
    assert!(
        msg.contains("type.ron:1:") && msg.to_lowercase().contains("expected"),
        "{msg}"
    );
}

#[test]
fn out_of_range_names_the_field_path_and_the_allowed_range() {
    let d = scratch("range");
    let f = write(
        &d,
        "range.ron",
        "(segments: [(need_share: 1.4)], outcomes: (p_demo: -0.1))",
    );
    let msg = user_error(&salesim(&["run", &f, "--runs", "1"]));
    assert!(
        msg.contains("segments[0].need_share: 1.4 is out of range; allowed: 0 to 1"),
        "{msg}"
    );
    assert!(msg.contains("outcomes.p_demo"), "{msg}");
}

#[test]
fn unknown_field_suggests_the_closest_known_name() {
    let d = scratch("unknown");
    let f = write(&d, "typo.ron", "(team: (selers: 10))");
    let msg = user_error(&salesim(&["validate", &f]));
    assert!(
        msg.contains("unknown field `selers`") && msg.contains("did you mean `sellers`"),
        "{msg}"
    );
    let default = scenario_path("default.ron");
    let msg = user_error(&salesim(&[
        "run",
        default.to_str().unwrap(),
        "--set",
        "culture.levers.shared_kpi=1",
    ]));
    assert!(msg.contains("did you mean `shared_kpis`"), "{msg}");
}

#[test]
fn stage_without_owner_and_unstaffed_role_are_rejected() {
    let d = scratch("owners");
    let f = write(
        &d,
        "custom.ron",
        "(split: custom((preparation: shared, prospection: marketing, detection: marketing, qualification: shared, demonstration: sales, negotiation: sales)))",
    );
    let msg = user_error(&salesim(&["validate", &f]));
    assert!(msg.contains("split.custom.closing: no owner"), "{msg}");
    let f = write(&d, "nosdr.ron", "(split: sdr_bridge, team: (sdrs: 0))");
    let msg = user_error(&salesim(&["validate", &f]));
    assert!(
        msg.contains("team.sdrs") && msg.contains("sdr owns detection, qualification"),
        "{msg}"
    );
}

#[test]
fn negative_headcount_is_a_range_error() {
    let d = scratch("negative");
    let f = write(&d, "neg.ron", "(team: (marketers: -2))");
    let msg = user_error(&salesim(&["validate", &f]));
    assert!(
        msg.contains("team.marketers: -2 is out of range; allowed: 0 to"),
        "{msg}"
    );
}

#[test]
fn bad_flags_and_missing_files_are_user_errors() {
    let default = scenario_path("default.ron");
    let d = default.to_str().unwrap();
    let msg = user_error(&salesim(&["run", d, "--split", "marketing_frnt"]));
    assert!(msg.contains("did you mean `marketing_front`"), "{msg}");
    let msg = user_error(&salesim(&["run", "/nonexistent/scenario.ron"]));
    assert!(
        msg.contains("cannot read /nonexistent/scenario.ron"),
        "{msg}"
    );
    let msg = user_error(&salesim(&["run", d, "--set", "team.sellers=lots"]));
    assert!(
        msg.contains("team.sellers=lots") && msg.contains("invalid type"),
        "{msg}"
    );
    let msg = user_error(&salesim(&["run", d, "--runs", "0"]));
    assert!(msg.contains("--runs"), "{msg}");
    let msg = user_error(&salesim(&["compare", d, "--runs", "2"]));
    assert!(msg.contains("at least two variants"), "{msg}");
    user_error(&salesim(&["run"]));
    // No command: the game window, or where there is no display (or no window in this
    // build), a pointer to the command line.
    let bare = Command::new(env!("CARGO_BIN_EXE_salesim"))
        .env_remove("DISPLAY")
        .output()
        .unwrap();
    let msg = user_error(&bare);
    assert!(msg.contains("salesim run scenarios/default.ron"), "{msg}");
}

#[test]
fn outputs_never_overwrite_an_input_or_leave_half_files() {
    let d = scratch("overwrite");
    let f = write(&d, "mine.ron", "(days: 10, segments: [(accounts: 300)])");
    let before = std::fs::read(&f).unwrap();
    let msg = user_error(&salesim(&["run", &f, "--runs", "1", "--json", &f]));
    assert!(msg.contains("is an input file"), "{msg}");
    assert_eq!(std::fs::read(&f).unwrap(), before);
    let unwritable = d.join("no-such-dir").join("out.json");
    let msg = user_error(&salesim(&[
        "run",
        &f,
        "--runs",
        "1",
        "--json",
        unwritable.to_str().unwrap(),
    ]));
    assert!(msg.contains("cannot write"), "{msg}");
    let left: Vec<_> = std::fs::read_dir(&d)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left.len(), 1, "{left:?}");
}

#[cfg(unix)]
#[test]
fn outputs_are_checked_before_the_work_and_never_written_through_a_link() {
    let d = scratch("redirect");
    let f = write(&d, "mine.ron", "(days: 10, segments: [(accounts: 300)])");
    // A link planted where an output will go: refused, and what it points to is untouched.
    let victim = write(&d, "victim.txt", "keep");
    let link = d.join("out.json");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    let run = |out: &str, csv: &str| {
        user_error(&salesim(&[
            "run", &f, "--runs", "1", "--json", out, "--csv", csv,
        ]))
    };
    let other = d.join("other.csv");
    let msg = run(link.to_str().unwrap(), other.to_str().unwrap());
    assert!(msg.contains("symbolic link"), "{msg}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
    // Two outputs on one file, a device, a folder: refused before any run.
    let same = d.join("same.out");
    let msg = run(same.to_str().unwrap(), same.to_str().unwrap());
    assert!(msg.contains("given for two outputs"), "{msg}");
    let msg = run("/dev/null", other.to_str().unwrap());
    assert!(msg.contains("not a regular file"), "{msg}");
    let msg = run(d.to_str().unwrap(), other.to_str().unwrap());
    assert!(msg.contains("not a regular file"), "{msg}");
    assert!(!same.exists() && !other.exists(), "nothing written");
    // A challenge's template may not overwrite the challenge file itself.
    let challenge = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios/challenges/speed_to_lead.ron");
    let before = std::fs::read(&challenge).unwrap();
    let msg = user_error(&salesim(&[
        "challenge",
        "show",
        challenge.to_str().unwrap(),
        "--template",
        challenge.to_str().unwrap(),
    ]));
    assert!(msg.contains("is an input file"), "{msg}");
    assert_eq!(std::fs::read(&challenge).unwrap(), before);
}

#[test]
fn work_is_bounded_before_it_starts() {
    let d = scratch("bounds");
    let f = write(&d, "mine.ron", "(days: 10, segments: [(accounts: 300)])");
    for (args, expected) in [
        (
            vec!["run", &f, "--runs", "0"],
            "--runs 0 is out of range; allowed: 1 to 100000",
        ),
        (
            vec!["run", &f, "--runs", "1000000000"],
            "allowed: 1 to 100000",
        ),
        (
            vec!["--threads", "100000", "run", &f],
            "--threads 100000 is out of range",
        ),
        (
            vec![
                "run",
                &f,
                "--runs",
                "20000",
                "--set",
                "segments.0.accounts=10000000",
            ],
            "would take about",
        ),
        (
            vec!["run", &f, "--set", "segments.0.value_median=1e300"],
            "value_median: 1e300 is out of range; allowed: 0.01 to 1e12",
        ),
        (
            vec!["run", &f, "--set", "prospecting.cooldown_days=4000000000"],
            "prospecting.cooldown_days: 4000000000 is out of range; allowed: 0 to 100000",
        ),
        (
            vec!["challenge", "play", "speed_to_lead", "--seeds", "1000000"],
            "--seeds 1000000 is out of range; allowed: 1 to 1000",
        ),
    ] {
        let msg = user_error(&salesim(&args));
        assert!(msg.contains(expected), "{args:?}: {msg}");
    }
    let msg = user_error(&salesim(&["run", &f, "--runs", "99999999999999999999999"]));
    assert!(msg.contains("--runs"), "{msg}");
}

#[test]
fn texts_from_files_cannot_drive_the_terminal_and_odd_files_read_as_expected() {
    let d = scratch("texts");
    // A team name with terminal escapes is shown, not obeyed.
    let decisions = write(
        &d,
        "esc.ron",
        "(challenge: \"speed_to_lead\", team: \"\\u{1b}[31mRED\\u{1b}]0;owned\\u{7}\", quarters: [[]])",
    );
    let challenge = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios/challenges/speed_to_lead.ron");
    let o = salesim(&[
        "challenge",
        "play",
        challenge.to_str().unwrap(),
        "--decisions",
        &decisions,
        "--seeds",
        "1",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("\\u{1b}[31mRED"), "{out}");
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'));
    // A byte-order mark is not an error; a description that says "briefing:" is no challenge.
    let bom = write(
        &d,
        "bom.ron",
        "\u{feff}(days: 10, segments: [(accounts: 300)])",
    );
    let word = write(
        &d,
        "word.ron",
        "(description: \"briefing: Monday\", days: 10, segments: [(accounts: 300)])",
    );
    let o = salesim(&["validate", &bom, &word]);
    assert!(o.status.success(), "{}", stdout(&o));
    assert_eq!(stdout(&o).matches("ok ").count(), 2, "{}", stdout(&o));
    assert!(!stdout(&o).contains("challenge"), "{}", stdout(&o));
}

#[cfg(unix)]
#[test]
fn inputs_are_regular_files_of_bounded_size() {
    let d = scratch("inputs");
    let fifo = d.join("pipe.ron");
    let made = Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let big = d.join("big.ron");
    std::fs::write(&big, " ".repeat(17 << 20)).unwrap();
    for (args, expected) in [
        (
            vec!["run", fifo.to_str().unwrap(), "--runs", "1"],
            "not a regular file",
        ),
        (
            vec!["validate", fifo.to_str().unwrap()],
            "not a regular file",
        ),
        (
            vec!["run", "/dev/zero", "--runs", "1"],
            "not a regular file",
        ),
        (
            vec![
                "calibrate",
                "--pipeline",
                fifo.to_str().unwrap(),
                "-o",
                "x.ron",
            ],
            "not a regular file",
        ),
        (
            vec!["run", big.to_str().unwrap(), "--runs", "1"],
            "allowed: at most 16777216",
        ),
    ] {
        // A pipe that was opened would wait for a writer: the test would hang, not fail.
        let msg = user_error(&salesim(&args));
        assert!(msg.contains(expected), "{args:?}: {msg}");
    }
}

#[test]
fn run_writes_the_simulated_crm_that_calibrate_reads() {
    let d = scratch("opportunities");
    let opps = d.join("opportunities.csv");
    let default = scenario_path("default.ron");
    let o = salesim(&[
        "run",
        default.to_str().unwrap(),
        "--runs",
        "2",
        "--opportunities",
        opps.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&opps).unwrap();
    let header = text.lines().next().unwrap();
    for column in [
        "seed",
        "opportunity_id",
        "sales_agent",
        "product",
        "deal_stage",
        "engage_date",
        "close_date",
        "close_value",
        "lead_arrival",
        "first_response_hours",
        "demonstration_start",
        "demonstration_owner",
        "handoffs",
        "loss_reason",
    ] {
        assert!(
            header.split(',').any(|c| c == column),
            "{column} missing: {header}"
        );
    }
    let rows: Vec<&str> = text.lines().skip(1).collect();
    assert!(rows.iter().any(|r| r.starts_with("1,")) && rows.iter().any(|r| r.starts_with("2,")));
    assert!(rows.iter().any(|r| r.contains(",Won,")));
    assert!(rows.iter().any(|r| r.contains(",disqualified")));
    // The export is an export: calibrate reads every row of it.
    let o = salesim(&[
        "calibrate",
        "--pipeline",
        opps.to_str().unwrap(),
        "-o",
        d.join("fitted.ron").to_str().unwrap(),
        "--runs",
        "5",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("0 skipped"), "{}", stderr(&o));
    // Too many runs to log is a user error, and nothing is written.
    let big = d.join("big.csv");
    let o = salesim(&[
        "run",
        default.to_str().unwrap(),
        "--runs",
        "101",
        "--opportunities",
        big.to_str().unwrap(),
    ]);
    assert!(user_error(&o).contains("at most 100 runs"));
    assert!(!big.exists());
}

#[test]
fn shipped_content_runs_from_any_folder_and_a_local_file_wins() {
    let d = scratch("anywhere");
    let here = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_salesim"))
            .current_dir(&d)
            .args(args)
            .output()
            .expect("salesim runs")
    };
    // By name, and by the repository path the README uses, from a folder with no scenarios.
    for scenario in ["default", "scenarios/default.ron"] {
        let o = here(&["run", scenario, "--runs", "1", "--days", "20"]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(stdout(&o).starts_with("Mid-size B2B software company"));
    }
    let o = here(&["challenge", "list"]);
    assert!(o.status.success(), "{}", stderr(&o));
    for name in ["new_seller", "speed_to_lead", "sla_alignment"] {
        assert!(stdout(&o).contains(name), "{}", stdout(&o));
    }
    let o = here(&["challenge", "show", "speed_to_lead"]);
    assert!(o.status.success() && stdout(&o).contains("Speed to lead"));
    // A file of that name in the folder is the one run.
    write(&d, "default.ron", "(name: \"Local company\", days: 20)");
    let o = here(&["run", "default.ron", "--runs", "1"]);
    assert!(stdout(&o).starts_with("Local company"), "{}", stdout(&o));
    // An unknown name is still a user error.
    let o = here(&["run", "no_such_company", "--runs", "1"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn the_four_splits_compare_in_one_command_at_equal_cost() {
    let default = scenario_path("default.ron");
    let o = salesim(&[
        "compare",
        default.to_str().unwrap(),
        "--splits",
        "sales_led,marketing_front,shared_qualification,sdr_bridge",
        "--runs",
        "4",
        "--days",
        "60",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("sdr_bridge") && out.contains("unanswered_share"),
        "{out}"
    );
    // The SDR bridge's staffing moves salaries, it does not add any.
    let cost: Vec<&str> = out
        .lines()
        .filter(|l| l.trim_start().starts_with("cost "))
        .collect();
    assert_eq!(cost.len(), 1, "{out}");
    // A staffing that adds people is refused when it is used, naming the field and the rule
    // (a bigger team with its usual split runs as before).
    let o = salesim(&[
        "run",
        default.to_str().unwrap(),
        "--split",
        "sdr_bridge",
        "--set",
        "staffing.0.sdrs=9",
    ]);
    let e = user_error(&o);
    assert!(
        e.contains("staffing[0].split") && e.contains("same cost within 5 %"),
        "{e}"
    );
}
