//! Importing published minutes: 1,000 generated pages in the forum's layout (varied text,
//! five to twelve items each), read and written as meeting files in parallel, as
//! `dagsorden import` does with a folder of them.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use rayon::prelude::*;

#[path = "../examples/gen_archive/text.rs"]
mod text;

const PAGES: u64 = 1_000;

fn page(n: u64) -> String {
    let mut w = text::Words::new(n + 1);
    let items = 5 + w.next(8);
    let date = chrono::NaiveDate::from_ymd_opt(2007, 1, 5).unwrap() + chrono::Days::new(n * 14);
    let mut page = format!(
        "Møde i Socialdirektørforum {date}\n\nUdgivet {}\n\nUDVALG\n\nSocialdirektørforum\n\n\
         STED\n\nFredericia\n\nSTARTTIDSPUNKT\n\n{date} 09:00\n\nSLUTTIDSPUNKT\n\n{date} 12:00\n\nPUNKTER\n\n",
        date.format("%d.%m.%Y")
    );
    let titles: Vec<String> = (0..items)
        .map(|_| w.sentence().trim_end_matches('.').to_owned())
        .collect();
    for (i, t) in titles.iter().enumerate() {
        page.push_str(&format!("{}. {t}\n\n", i + 1));
    }
    for (i, t) in titles.iter().enumerate() {
        page.push_str(&format!("{}. {t}\n\n{t}\n\n{t}\n\nBaggrund\n\n", i + 1));
        let size = 1_500 + w.next(4_000);
        page.push_str(&w.markdown(size).replace("## ", "").replace("- ", " • "));
        page.push_str(
            "\nIndstilling\n\nForretningsudvalget indstiller, at Socialdirektørforum:\n\n",
        );
        let clauses = 1 + w.next(3);
        for _ in 0..clauses {
            page.push_str(&format!("– godkender {}\n\n", w.sentence()));
        }
        page.push_str("Beslutning\n\n");
        for _ in 0..clauses {
            let verb = ["godkendte", "tog til efterretning", "drøftede", "udsatte"][w.next(4)];
            page.push_str(&format!(
                "– Socialdirektørforum {verb} {}\n\n",
                w.sentence()
            ));
        }
        page.push_str(&format!("Bilag\n\n{}.pdf\n\n", w.sentence()));
    }
    page
}

fn import(c: &mut Criterion) {
    let pages: Vec<String> = (0..PAGES).into_par_iter().map(page).collect();
    let bytes: usize = pages.iter().map(String::len).sum();
    let party = |name: &str| (name == "Socialdirektørforum").then(|| "sdf".to_owned());
    let known = dagsorden::import::write::Known::default();
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.bench_function(
        format!(
            "{PAGES} pages ({} MB), read and written as meeting files, in parallel",
            bytes >> 20
        ),
        |b| {
            b.iter(|| {
                let files: Vec<String> = pages
                    .par_iter()
                    .map(|p| {
                        let (lines, _) = dagsorden::import::normalise::page(p.as_bytes());
                        let m = dagsorden::import::forum_text::read(&lines, &party);
                        dagsorden::import::write::meeting_file(&m, "page.txt", &known).unwrap()
                    })
                    .collect();
                black_box(files)
            })
        },
    );
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
