//! `salesim`: parse the command line, run, map errors to exit codes (2 user, 1 internal).

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    salesim::fast::heap::huge_pages();
    let cli = salesim::cli::Cli::parse();
    match salesim::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "salesim: error: {}",
                salesim::report::visible(&e.to_string())
            );
            ExitCode::from(e.exit_code())
        }
    }
}
