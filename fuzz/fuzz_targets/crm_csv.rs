//! CRM exports never panic: any bytes, read as a CSV export, either fail with a located
//! error or give an export whose first guess (the closed-form fit) is computed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use salesim::calibrate::{Export, first_guess};

fuzz_target!(|data: &[u8]| {
    // The reader takes a path: each case goes through one file of this process's own.
    let path = std::env::temp_dir().join(format!("salesim-fuzz-{}.csv", std::process::id()));
    if std::fs::write(&path, data).is_err() {
        return;
    }
    if let Ok(export) = Export::read(&path, &[]) {
        let _ = first_guess(&export);
    }
});
