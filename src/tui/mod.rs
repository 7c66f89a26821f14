//! The terminal UI. `run` owns the real terminal; [`event_loop`] is generic over the ratatui
//! backend and the event source, so tests drive the real app on a `TestBackend`.
//!
//! The loop blocks on the next event and draws only after an event that changed something:
//! an idle TUI uses no CPU.

pub mod app;
pub mod doc;
pub mod keymap;
pub mod labels;
pub mod layout;
pub mod theme;
pub mod views;
pub mod widgets;

use std::io;

use crossterm::event::{DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::execute;
use ratatui::Terminal;
use ratatui::backend::Backend;

pub use app::{App, Effect, Message, Options};

/// Runs the app on the user's terminal until it quits. The terminal is given back as it was,
/// also after an error or a panic.
pub fn run(archive: crate::archive::Archive, options: Options, mouse: bool) -> anyhow::Result<()> {
    if mouse {
        // Runs after ratatui's own hook has left the alternate screen.
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(io::stdout(), DisableMouseCapture);
            previous(info);
        }));
    }
    let mut terminal = ratatui::init();
    if mouse {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    let size = terminal.size()?;
    let mut app = App::new(archive, options, (size.width, size.height));
    let result = event_loop(
        &mut terminal,
        &mut app,
        crossterm::event::read,
        open_detached,
    );
    if mouse {
        let _ = execute!(io::stdout(), DisableMouseCapture);
    }
    ratatui::restore();
    result.map_err(Into::into)
}

/// Hands a file to the system's opener without a shell, and does not wait for it.
fn open_detached(effect: Effect) -> Result<(), String> {
    match effect {
        Effect::Open(path) => open::that_detached(&path).map_err(|e| e.to_string()),
    }
}

/// Draws, then waits for an event, updates and draws again, until the app quits.
pub fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    mut next_event: impl FnMut() -> io::Result<Event>,
    mut run_effect: impl FnMut(Effect) -> Result<(), String>,
) -> io::Result<()>
where
    B::Error: Into<io::Error>,
{
    terminal
        .draw(|frame| views::draw(app, frame))
        .map_err(Into::into)?;
    while !app.quit {
        let event = next_event()?;
        if !app.handle_event(&event) {
            continue;
        }
        for effect in app.take_effects() {
            if let Err(e) = run_effect(effect) {
                app.message = Some(Message::Error(format!("{}: {e}", app.ui().cannot_open)));
            }
        }
        if app.quit {
            break;
        }
        if let Event::Resize(..) = event {
            terminal.autoresize().map_err(Into::into)?;
        }
        terminal
            .draw(|frame| views::draw(app, frame))
            .map_err(Into::into)?;
    }
    Ok(())
}
