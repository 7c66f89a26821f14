//! A generated archive at the scale of a municipality, shared by the benchmarks.

use std::path::Path;

use chrono::{Days, NaiveDate};

pub const MEETINGS: u64 = 1_000;

/// Writes an archive of `MEETINGS` copies of the reference meeting, padded to ~50 KB each.
pub fn generated_archive() -> tempfile::TempDir {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("agendas");
    let reference = std::fs::read_to_string(sample.join("2017/2017-09-08-sdf.toml")).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(sample.join("forum.toml"), tmp.path().join("forum.toml")).unwrap();
    let first = NaiveDate::from_ymd_opt(2000, 1, 3).unwrap();
    let padding = format!("\n# {}\n", "padding ".repeat(2_500));
    for n in 0..MEETINGS {
        let date = first + Days::new(n * 7);
        let dir = tmp.path().join(date.format("%Y").to_string());
        std::fs::create_dir_all(&dir).unwrap();
        let text = reference
            .replace("date = 2017-09-08", &format!("date = {date}"))
            .replace("weekday = \"fredag\"\n", "")
            .replace("id = \"", &format!("id = \"m{n}-"))
            .replace("refs = [\"2017-06-23-sdf\"]", "")
            .replace("refs = [\"2017-03-24-sdf\"]", "")
            .replace("refs = [\"2016-08-15-sdf\"]", "")
            .replace("refs = [\"2017-11-16-sdf\"]", "")
            .replace(
                "kind = \"meeting\", meeting = \"2017-11-16-sdf\"",
                "kind = \"report-back\"",
            )
            .replace(
                "kind = \"event\", event = \"doegnseminar-2017\"",
                "kind = \"report-back\"",
            )
            + &padding;
        std::fs::write(dir.join(format!("{date}-sdf.toml")), text).unwrap();
    }
    tmp
}
