//! Signals that stop or end the app while it owns the terminal. SIGTERM, SIGHUP, SIGINT and
//! SIGQUIT give the terminal back (raw mode off, main screen, no mouse capture, no bracketed
//! paste, cursor shown), keep the text being typed (see `typed`) and remove this process's
//! lock hints before it exits. SIGTSTP (from
//! `kill`, or Ctrl-Z typed into the screens) gives the terminal back, stops, and on `fg` sets
//! the terminal up again and has the screen drawn anew.

use std::io;

/// Gives the terminal back as the shell expects it.
pub fn leave_terminal(mouse: bool) {
    super::leave_input_modes(mouse);
    ratatui::restore();
    // ratatui shows the cursor when its terminal is dropped, which an exit skips.
    let _ = crossterm::execute!(io::stdout(), crossterm::cursor::Show);
}

/// Sets the terminal up for the screens again, and asks for a full redraw (a resize event).
fn enter_terminal(mouse: bool) {
    let _ = crossterm::terminal::enable_raw_mode();
    let _ = crossterm::execute!(
        io::stdout(),
        crossterm::terminal::EnterAlternateScreen,
        crossterm::cursor::Hide
    );
    let _ = super::enter_input_modes(mouse);
    #[cfg(unix)]
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGWINCH);
}

/// Stops the process as the shell's job control expects, with the terminal given back
/// first; returns when it is continued (`fg`).
pub fn suspend(mouse: bool) {
    leave_terminal(mouse);
    #[cfg(unix)]
    let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP);
    enter_terminal(mouse);
}

/// Starts the thread that answers the signals.
#[cfg(unix)]
pub fn install(mouse: bool) -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                if signal == SIGTSTP {
                    suspend(mouse);
                    continue;
                }
                crate::store::lock::release_all();
                let draft = super::typed::save_draft(chrono::Local::now().naive_local());
                leave_terminal(mouse);
                // Not eprintln!: after SIGHUP the terminal may be gone, and a failed write
                // must not stop the exit.
                if let Some(line) = draft {
                    use std::io::Write;
                    let _ = writeln!(io::stderr(), "{line}");
                }
                // As a shell reports a process ended by a signal.
                std::process::exit(128 + signal);
            }
        })?;
    Ok(())
}

#[cfg(not(unix))]
pub fn install(_mouse: bool) -> io::Result<()> {
    Ok(())
}
