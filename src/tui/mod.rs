//! The terminal UI. `run` owns the real terminal; [`event_loop`] is generic over the ratatui
//! backend and the event source, so tests drive the real app on a `TestBackend`.
//!
//! The loop blocks on the next event and draws only after an event that changed something:
//! an idle TUI uses no CPU.

pub mod app;
pub mod calendar;
pub mod calendar_labels;
pub mod complete;
pub mod doc;
pub mod edit_labels;
pub mod editing;
pub mod export;
pub mod followup_labels;
pub mod followups;
pub mod git;
pub mod git_reader;
pub mod history;
pub mod item_history;
pub mod keymap;
pub mod labels;
pub mod layout;
pub mod merge_window;
pub mod palette;
pub mod save_errors;
pub mod search;
pub mod search_worker;
pub mod settings;
pub mod signals;
pub mod theme;
pub mod typed;
pub mod views;
pub mod watch;
pub mod widgets;

use std::io;
use std::time::Duration;

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
};
use crossterm::execute;
use ratatui::Terminal;
use ratatui::backend::Backend;

pub use app::{App, Effect, EffectOutcome, Message, Options};

/// Runs the app on the user's terminal until it quits. The terminal is given back as it was,
/// also after an error or a panic.
pub fn run(archive: crate::archive::Archive, options: Options, mouse: bool) -> anyhow::Result<()> {
    // Runs after ratatui's own hook has left the alternate screen.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave_input_modes(mouse);
        previous(info);
    }));
    let mut terminal = ratatui::init();
    enter_input_modes(mouse)?;
    signals::install(mouse)?;
    let size = terminal.size()?;
    let mut app = App::new(archive, options, (size.width, size.height));
    app.watch_disk();
    app.start_git();
    if app.message.is_none() {
        app.message = typed::drafts_notice(app.lang).map(Message::Info);
    }
    let result = event_loop(&mut terminal, &mut app, next_event, |effect| {
        run_effect(effect, mouse)
    });
    app.release_locks();
    leave_input_modes(mouse);
    ratatui::restore();
    // The last saves are committed after the terminal is given back.
    app.finish_git();
    result.map_err(Into::into)
}

/// The next terminal event; with a timeout, `None` when none came in that time.
fn next_event(timeout: Option<Duration>) -> io::Result<Option<Event>> {
    match timeout {
        None => crossterm::event::read().map(Some),
        Some(t) if crossterm::event::poll(t)? => crossterm::event::read().map(Some),
        Some(_) => Ok(None),
    }
}

/// Bracketed paste (a paste arrives as one event, typed as text, never run as keys) and,
/// when wanted, the mouse.
fn enter_input_modes(mouse: bool) -> io::Result<()> {
    execute!(io::stdout(), EnableBracketedPaste)?;
    if mouse {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    Ok(())
}

fn leave_input_modes(mouse: bool) {
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    if mouse {
        let _ = execute!(io::stdout(), DisableMouseCapture);
    }
}

/// Opens a file with the system's opener (without a shell, not waiting for it), or hands
/// the terminal to the user's editor for a text and takes it back after.
fn run_effect(effect: Effect, mouse: bool) -> Result<EffectOutcome, String> {
    match effect {
        Effect::EditFile {
            editor,
            path,
            line,
            column,
        } => {
            let program = editor.split_whitespace().next().unwrap_or_default();
            let args = at_line(program, &path, line, column);
            run_editor(&editor, &args, mouse)?;
            Ok(EffectOutcome::Edited(path.display().to_string()))
        }
        Effect::Copy(text) => {
            use crossterm::clipboard::CopyToClipboard;
            execute!(io::stdout(), CopyToClipboard::to_clipboard_from(text))
                .map(|()| EffectOutcome::Done)
                .map_err(|e| e.to_string())
        }
        Effect::Suspend => {
            signals::suspend(mouse);
            Ok(EffectOutcome::Done)
        }
        Effect::Open(path) => open::that_detached(&path)
            .map(|()| EffectOutcome::Done)
            .map_err(|e| e.to_string()),
        Effect::Edit { editor, text } => {
            let file = tempfile::Builder::new()
                .prefix("dagsorden-")
                .suffix(".md")
                .tempfile()
                .map_err(|e| e.to_string())?;
            std::fs::write(file.path(), &text).map_err(|e| e.to_string())?;
            run_editor(&editor, &[file.path().as_os_str().to_owned()], mouse)?;
            std::fs::read_to_string(file.path())
                .map(EffectOutcome::Edited)
                .map_err(|e| e.to_string())
        }
    }
}

/// Gives the terminal to the user's editor with `args` after its own, waits for it, and
/// takes the terminal back. `$EDITOR` may carry arguments ("code --wait"); it is run
/// without a shell.
fn run_editor(editor: &str, args: &[std::ffi::OsString], mouse: bool) -> Result<(), String> {
    leave_input_modes(mouse);
    ratatui::restore();
    let mut words = editor.split_whitespace();
    let status = match words.next() {
        Some(program) => std::process::Command::new(program)
            .args(words)
            .args(args)
            .status()
            .map_err(|e| format!("{editor}: {e}")),
        None => Err("$EDITOR is empty".to_owned()),
    };
    // Back to the screens' terminal modes (ratatui::init again would add a panic hook).
    let _ = crossterm::terminal::enable_raw_mode();
    let _ = execute!(io::stdout(), crossterm::terminal::EnterAlternateScreen);
    let _ = enter_input_modes(mouse);
    match status? {
        s if s.success() => Ok(()),
        s => Err(format!("{editor}: {s}")),
    }
}

/// The arguments that open `path` at a line in the editors that say how: `+LINE` for the
/// vi family, nano, emacs, micro, helix and kakoune; `--goto` for VS Code; else the path.
fn at_line(
    program: &str,
    path: &std::path::Path,
    line: usize,
    column: usize,
) -> Vec<std::ffi::OsString> {
    let name = std::path::Path::new(program)
        .file_name()
        .map_or(program.to_owned(), |n| n.to_string_lossy().into_owned());
    let at = || format!("{}:{line}:{column}", path.display()).into();
    match name.as_str() {
        "vi" | "vim" | "nvim" | "nano" | "emacs" | "emacsclient" | "micro" | "kak" | "mg" => {
            vec![format!("+{line}").into(), path.as_os_str().to_owned()]
        }
        "hx" | "helix" => vec![at()],
        "code" | "codium" => vec!["--goto".into(), at()],
        _ => vec![path.as_os_str().to_owned()],
    }
}

/// While a search runs, the loop looks for its results this often between key presses.
const SEARCH_POLL: Duration = Duration::from_millis(5);
/// While the archive folder is watched, the loop looks at what the watcher saw this often
/// (crossterm cannot be woken from another thread; a look at an empty channel costs
/// nothing measurable).
const DISK_POLL: Duration = Duration::from_millis(250);

/// Draws, then waits for an event, updates and draws again, until the app quits.
/// `next_event(None)` blocks; `next_event(Some(t))` gives up after `t` with `None`. The loop
/// blocks unless a search is under way, so an idle screen uses no CPU.
pub fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    mut next_event: impl FnMut(Option<Duration>) -> io::Result<Option<Event>>,
    mut run_effect: impl FnMut(Effect) -> Result<EffectOutcome, String>,
) -> io::Result<()>
where
    B::Error: Into<io::Error>,
{
    terminal
        .draw(|frame| views::draw(app, frame))
        .map_err(Into::into)?;
    // Only now does the search index take the cores: the first frame came first.
    app.begin_background();
    while !app.quit {
        let timeout = if app.search_pending() {
            Some(SEARCH_POLL)
        } else {
            (app.watching() || app.git_running()).then_some(DISK_POLL)
        };
        let Some(event) = next_event(timeout)? else {
            let found = app.poll_search();
            let git = app.poll_git();
            if app.poll_disk() || found || git {
                terminal
                    .draw(|frame| views::draw(app, frame))
                    .map_err(Into::into)?;
            }
            continue;
        };
        let changed = app.handle_event(&event);
        app.record_git();
        if changed {
            typed::remember(
                app.input
                    .as_ref()
                    .map(|i| (i.title.as_str(), i.area.text())),
                app.lang,
            );
        }
        let found = app.poll_search();
        // Files changed on disk while a prompt was open are read once it closes.
        let disk = app.poll_disk();
        if !changed && !found && !disk {
            continue;
        }
        for effect in app.take_effects() {
            // The editor, or the shell after a suspend, drew over the screen.
            let editing = matches!(
                effect,
                Effect::Edit { .. } | Effect::Suspend | Effect::EditFile { .. }
            );
            let file = match &effect {
                Effect::EditFile { path, .. } => Some(path.clone()),
                _ => None,
            };
            match run_effect(effect) {
                Ok(EffectOutcome::Done) => {}
                // A file of the archive corrected in the editor: read it again.
                Ok(EffectOutcome::Edited(_)) if file.is_some() => {
                    app.file_edited(file.as_deref().unwrap_or(std::path::Path::new("")));
                }
                Ok(EffectOutcome::Edited(text)) => app.finish_external_edit(Some(text)),
                Err(e) if editing => {
                    app.finish_external_edit(None);
                    app.message = Some(Message::Error(e));
                }
                Err(e) => {
                    app.message = Some(Message::Error(format!("{}: {e}", app.ui().cannot_open)));
                }
            }
            if editing {
                // The editor drew over the screen: draw all of it again.
                terminal.clear().map_err(Into::into)?;
            }
        }
        if app.quit {
            break;
        }
        if let Event::Resize(..) = event {
            terminal.autoresize().map_err(Into::into)?;
            // Also how a resumed process (fg) asks to be drawn again: all of it.
            terminal.clear().map_err(Into::into)?;
        }
        terminal
            .draw(|frame| views::draw(app, frame))
            .map_err(Into::into)?;
    }
    Ok(())
}
