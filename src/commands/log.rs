//! `dagsorden log MEETING[#ITEM]`: who changed a meeting or an item, and when.

use std::fmt::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::json;

use super::{Context, Told};
use crate::cli::{ListFormat, LogArgs};
use dagsorden::git::Repo;
use dagsorden::git::history::{field_word, history};
use dagsorden::lang::Lang;
use dagsorden::model::ItemRef;
use dagsorden::text::{Medium, one_line};

pub fn log(ctx: &Context, args: &LogArgs) -> anyhow::Result<ExitCode> {
    let archive = ctx.load()?;
    let lang = ctx.lang(&archive);
    let target: ItemRef = args.what.parse()?;
    let Some(repo) = Repo::find(&ctx.dir) else {
        return Err(Told::error(dagsorden::said!(
            "arkivet er ikke i git, så der er ingen historik; gør det til et git-arkiv med dagsorden init";
            "the archive is not in git, so there is no history; make it one with dagsorden init"
        )));
    };
    let rel = archive.meeting(&target.meeting).map_or_else(
        || {
            PathBuf::from(format!(
                "{}/{}.toml",
                target.meeting.date.format("%Y"),
                target.meeting
            ))
        },
        |m| m.file.clone(),
    );
    let item = target.item.as_ref().map(ToString::to_string);
    let versions = history(&repo, &rel, item.as_deref(), lang).map_err(Told::error)?;
    let text = match args.format {
        ListFormat::Json => dagsorden::export::json::pretty(&json!(versions
            .iter()
            .map(|v| json!({
                "commit": v.commit,
                "author": v.author,
                "date": v.date,
                "message": v.message,
                "changed": v.changed,
                "fields": v.fields.iter().map(|(k, val)| (k.clone(), json!(val))).collect::<serde_json::Map<_, _>>(),
            }))
            .collect::<Vec<_>>()))?,
        ListFormat::Text => {
            let mut out = String::new();
            writeln!(out, "{}", lang.item_phrase(&archive.forum, &target))?;
            if versions.is_empty() {
                let none = match lang {
                    Lang::Da => "  Ingen ændringer i historikken.",
                    Lang::En => "  No changes in the history.",
                };
                writeln!(out, "{none}")?;
            }
            for (i, v) in versions.iter().enumerate() {
                let when = v.date.get(..16).unwrap_or(&v.date).replace('T', " ");
                writeln!(out, "\n  {when}  {}  {}", v.author, v.message)?;
                // Against the version before: only the lines that changed ("-" then "+").
                let before = versions.get(i + 1);
                for (k, val) in v.fields.iter().filter(|(k, _)| v.changed.contains(k)) {
                    let old = before
                        .and_then(|b| b.fields.iter().find(|(bk, _)| bk == k))
                        .and_then(|(_, t)| t.as_deref());
                    let new = val.as_deref().unwrap_or("");
                    match old {
                        Some(old) => {
                            writeln!(out, "    {}:", field_word(k, lang))?;
                            for (sign, line) in dagsorden::store::diff_lines(
                                &format!("{old}\n"),
                                &format!("{new}\n"),
                                0,
                            ) {
                                if sign == '-' || sign == '+' {
                                    writeln!(out, "      {sign} {}", one_line(&line))?;
                                }
                            }
                        }
                        None if new.contains('\n') => {
                            writeln!(out, "    {}:", field_word(k, lang))?;
                            for line in new.lines() {
                                writeln!(out, "      {}", one_line(line))?;
                            }
                        }
                        None if val.is_none() => writeln!(out, "    {}: —", field_word(k, lang))?,
                        None => writeln!(out, "    {}: {}", field_word(k, lang), one_line(new))?,
                    }
                }
            }
            out
        }
    };
    let medium = match args.format {
        ListFormat::Text => Medium::Terminal,
        ListFormat::Json => Medium::Json,
    };
    super::out::stdout(medium, &text)?;
    Ok(ExitCode::SUCCESS)
}
