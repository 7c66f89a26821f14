//! `dagsorden cache status|clear`: the load cache, seen and cleared.

use std::process::ExitCode;

use super::Context;
use super::out;
use crate::cli::CacheCommand;
use dagsorden::archive::cache::{Cache, Usage, all_caches, remove_folder};
use dagsorden::said;
use dagsorden::search::stored::SegmentStore;
use dagsorden::search::words::WordIndex;
use dagsorden::text::{Medium, byte_size};

pub fn cache(ctx: &Context, what: &CacheCommand) -> anyhow::Result<ExitCode> {
    let lang = ctx.asked_lang();
    let Some(cache) = Cache::for_archive(&ctx.dir) else {
        let none = said!(
            "der er ingen cachemappe på denne maskine; arkivet læses fra filerne hver gang\n";
            "there is no cache folder on this machine; the archive is read from its files every time\n"
        );
        out::stdout(Medium::Terminal, none.get(lang))?;
        return Ok(ExitCode::SUCCESS);
    };
    match what {
        CacheCommand::Status => {
            // Loaded through the cache, to tell how much of it holds for the files as they
            // are (and to bring it up to date).
            let report = if ctx.no_cache {
                None
            } else {
                ctx.load()?.cache_report
            };
            let Usage { entries, bytes } = cache.usage();
            let all = all_caches();
            let total: u64 = all.iter().map(|(_, _, u)| u.bytes).sum();
            let base = Cache::base_dir().unwrap_or_default();
            let archive = ctx.dir.display();
            let folder = cache.dir().display();
            let size = byte_size(bytes);
            let others = all.len();
            let total = byte_size(total);
            let base = base.display();
            let archive_lines = said!(
                "Arkivet {archive}\n  cache: {folder}\n  {entries} {}, {size} i alt\n", if entries == 1 { "mødefil" } else { "mødefiler" };
                "Archive {archive}\n  cache: {folder}\n  {entries} meeting {}, {size} in all\n", if entries == 1 { "file" } else { "files" }
            );
            out::stdout(Medium::Terminal, archive_lines.get(lang))?;
            let store = SegmentStore::new(&cache);
            let words = match WordIndex::open(store.dir()) {
                Ok(w) if w.archive_state(&ctx.dir).is_some_and(|s| w.holds_for(&s)) => {
                    let n = w.meeting_count();
                    said!(
                        "  søgeindeks: {n} {}; gælder for arkivet, som det er nu\n", if n == 1 { "møde" } else { "møder" };
                        "  search index: {n} {}; holds for the archive as it is\n", if n == 1 { "meeting" } else { "meetings" }
                    )
                }
                Ok(_) => said!(
                    "  søgeindeks: forældet; bygges igen ved næste søgning\n";
                    "  search index: out of date; built again by the next search\n"
                ),
                Err(_) => said!(
                    "  søgeindeks: ikke bygget; bygges ved næste søgning\n";
                    "  search index: not built; built by the next search\n"
                ),
            };
            out::stdout(Medium::Terminal, words.get(lang))?;
            let every = said!(
                "Alle arkivers cache: {base} ({others} {}, {total})\n", if others == 1 { "arkiv" } else { "arkiver" };
                "Every archive's cache: {base} ({others} {}, {total})\n", if others == 1 { "archive" } else { "archives" }
            );
            out::stdout(Medium::Terminal, every.get(lang))?;
            if let Some(r) = report {
                let (used, read, corrupt) = (r.from_cache, r.read, r.corrupt);
                let line = said!(
                    "Denne indlæsning: {used} fra cachen, {read} læst fra filerne, {corrupt} beskadigede\n";
                    "This load: {used} from the cache, {read} read from the files, {corrupt} damaged\n"
                );
                out::stdout(Medium::Terminal, line.get(lang))?;
            }
        }
        CacheCommand::Clear { all } => {
            let cleared = if *all {
                // Only the folders that are archive caches: the cache folder may be one the
                // user named (DAGSORDEN_CACHE_DIR) and hold other things.
                for (dir, _, _) in all_caches() {
                    remove_folder(&dir)?;
                }
                let base = Cache::base_dir().unwrap_or_default();
                let base = base.display();
                said!("Alle arkivers cache slettet ({base})\n"; "Every archive's cache deleted ({base})\n")
            } else {
                cache.clear()?;
                let folder = cache.dir().display();
                said!("Arkivets cache slettet ({folder})\n"; "The archive's cache deleted ({folder})\n")
            };
            out::stdout(Medium::Terminal, cleared.get(lang))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
