//! Themes: TOML files that name colours by meaning. Bundled themes live in `themes/`; a file
//! `NAME.toml` in the user's `themes/` folder takes precedence. A theme may `inherits` another
//! and name colours in a `[palette]`. A broken theme never stops the app: the default is used
//! and the problem is shown.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

use crate::lang::Said;
use crate::said;
use crate::text::line_col;

/// The bundled themes, by name.
const BUNDLED: &[(&str, &str)] = &[
    ("default", include_str!("../../themes/default.toml")),
    ("light", include_str!("../../themes/light.toml")),
    ("dark", include_str!("../../themes/dark.toml")),
    ("mono", include_str!("../../themes/mono.toml")),
];

/// The theme used when `NO_COLOR` is set.
pub const MONOCHROME: &str = "mono";
pub const DEFAULT: &str = "default";

/// Styles by meaning.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: String,
    pub title: Style,
    pub text: Style,
    pub muted: Style,
    pub accent: Style,
    pub selection: Style,
    pub success: Style,
    pub warning: Style,
    pub error: Style,
    /// Words that match the search.
    pub highlight: Style,
    bodies: HashMap<String, Style>,
    other_body: Style,
}

impl Theme {
    /// The style of a body's name and marks.
    pub fn body(&self, id: &str) -> Style {
        self.bodies.get(id).copied().unwrap_or(self.other_body)
    }

    /// The bundled default theme; it always loads.
    pub fn fallback() -> Theme {
        resolve(DEFAULT, None).expect("the bundled default theme is valid")
    }
}

/// A theme file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    inherits: Option<String>,
    #[serde(default)]
    palette: HashMap<String, String>,
    #[serde(default)]
    styles: HashMap<String, StyleSpec>,
    #[serde(default)]
    bodies: HashMap<String, StyleSpec>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleSpec {
    fg: Option<String>,
    bg: Option<String>,
    bold: Option<bool>,
    italic: Option<bool>,
    underline: Option<bool>,
    reversed: Option<bool>,
    dim: Option<bool>,
}

const STYLE_NAMES: [&str; 9] = [
    "title",
    "text",
    "muted",
    "accent",
    "selection",
    "success",
    "warning",
    "error",
    "highlight",
];

/// Which theme to load and what went wrong, if anything.
#[derive(Debug)]
pub struct Chosen {
    pub theme: Theme,
    /// Problems to show the user (the theme fell back to the default).
    pub problems: Vec<Said>,
}

/// Picks the theme: `--theme`, then the config file's `theme`, then monochrome when
/// `NO_COLOR` is set, then the default.
pub fn choose(requested: Option<&str>, no_color: bool, user_dir: Option<&Path>) -> Chosen {
    let name = requested.unwrap_or(if no_color { MONOCHROME } else { DEFAULT });
    match resolve(name, user_dir) {
        Ok(theme) => Chosen {
            theme,
            problems: vec![],
        },
        Err(problem) => Chosen {
            theme: Theme::fallback(),
            problems: vec![said!(
                "{}; standardfarverne bruges", problem.da;
                "{}; using the default theme", problem.en
            )],
        },
    }
}

/// The names of every theme available: bundled and the user's.
pub fn available(user_dir: Option<&Path>) -> Vec<String> {
    let mut names: Vec<String> = BUNDLED.iter().map(|(n, _)| (*n).to_owned()).collect();
    if let Some(dir) = user_dir.and_then(|d| std::fs::read_dir(d.join("themes")).ok()) {
        for entry in dir.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "toml")
                && let Some(stem) = path.file_stem().and_then(|s| s.to_str())
            {
                names.push(stem.to_owned());
            }
        }
    }
    names.sort();
    names.dedup();
    names
}

/// Loads a theme by name with everything it inherits.
pub fn resolve(name: &str, user_dir: Option<&Path>) -> Result<Theme, Said> {
    let mut chain: Vec<(String, ThemeFile)> = Vec::new();
    let mut next = Some(name.to_owned());
    while let Some(current) = next {
        if chain.iter().any(|(n, _)| *n == current) {
            return Err(said!(
                "farvetemaet `{name}`: `inherits` går i ring gennem `{current}`";
                "theme `{name}`: `inherits` goes round in a circle through `{current}`"
            ));
        }
        let file = read_theme(&current, user_dir)?;
        next = file.inherits.clone();
        chain.push((current, file));
    }
    // Apply from the root ancestor to the theme itself.
    let mut palette: HashMap<String, String> = HashMap::new();
    let mut styles: HashMap<String, StyleSpec> = HashMap::new();
    let mut bodies: HashMap<String, StyleSpec> = HashMap::new();
    for (_, file) in chain.into_iter().rev() {
        palette.extend(file.palette);
        styles.extend(file.styles);
        bodies.extend(file.bodies);
    }
    let style = |key: &str, spec: Option<&StyleSpec>| -> Result<Style, Said> {
        spec.map_or(Ok(Style::default()), |s| {
            to_style(s, &palette).map_err(|e| {
                said!(
                    "farvetemaet `{name}`, `{key}`: {}", e.da;
                    "theme `{name}`, `{key}`: {}", e.en
                )
            })
        })
    };
    let mut body_styles = HashMap::new();
    for (id, spec) in &bodies {
        body_styles.insert(id.clone(), style(id, Some(spec))?);
    }
    let other_body = body_styles.get("other").copied().unwrap_or_default();
    Ok(Theme {
        name: name.to_owned(),
        title: style("title", styles.get("title"))?,
        text: style("text", styles.get("text"))?,
        muted: style("muted", styles.get("muted"))?,
        accent: style("accent", styles.get("accent"))?,
        selection: style("selection", styles.get("selection"))?,
        success: style("success", styles.get("success"))?,
        warning: style("warning", styles.get("warning"))?,
        error: style("error", styles.get("error"))?,
        highlight: style("highlight", styles.get("highlight"))?,
        bodies: body_styles,
        other_body,
    })
}

fn read_theme(name: &str, user_dir: Option<&Path>) -> Result<ThemeFile, Said> {
    let valid_name = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    if !valid_name {
        return Err(said!(
            "`{name}` er ikke et navn på et farvetema (bogstaver, cifre, - og _)";
            "`{name}` is not a theme name (letters, digits, - and _)"
        ));
    }
    let user_file: Option<PathBuf> = user_dir
        .map(|d| d.join("themes").join(format!("{name}.toml")))
        .filter(|p| p.is_file());
    let (text, origin) = match user_file {
        Some(path) => (
            std::fs::read_to_string(&path).map_err(|e| {
                let e = Said::io(&e);
                said!("{}: {}", path.display(), e.da; "{}: {}", path.display(), e.en)
            })?,
            path.display().to_string(),
        ),
        None => match BUNDLED.iter().find(|(n, _)| *n == name) {
            Some((_, text)) => ((*text).to_owned(), format!("themes/{name}.toml")),
            None => {
                let known = available(user_dir).join(", ");
                return Err(said!(
                    "der er intet farvetema `{name}` (der er: {known})";
                    "no theme called `{name}` (there are: {known})"
                ));
            }
        },
    };
    let file: ThemeFile = toml::from_str(&text).map_err(|e| {
        let (line, col) = e.span().map_or((0, 0), |s| line_col(&text, s.start));
        let m = crate::archive::toml_said(e.message());
        said!("{origin}:{line}:{col}: {}", m.da; "{origin}:{line}:{col}: {}", m.en)
    })?;
    if let Some(unknown) = file
        .styles
        .keys()
        .find(|k| !STYLE_NAMES.contains(&k.as_str()))
    {
        let names = STYLE_NAMES.join(", ");
        return Err(said!(
            "{origin}: ukendt stil `{unknown}` (stilene er {names})";
            "{origin}: unknown style `{unknown}` (styles are {names})"
        ));
    }
    Ok(file)
}

fn to_style(spec: &StyleSpec, palette: &HashMap<String, String>) -> Result<Style, Said> {
    let mut style = Style::default();
    if let Some(fg) = &spec.fg {
        style = style.fg(color(fg, palette)?);
    }
    if let Some(bg) = &spec.bg {
        style = style.bg(color(bg, palette)?);
    }
    let flags = [
        (spec.bold, Modifier::BOLD),
        (spec.italic, Modifier::ITALIC),
        (spec.underline, Modifier::UNDERLINED),
        (spec.reversed, Modifier::REVERSED),
        (spec.dim, Modifier::DIM),
    ];
    for (on, modifier) in flags {
        if on == Some(true) {
            style = style.add_modifier(modifier);
        }
    }
    Ok(style)
}

fn color(name: &str, palette: &HashMap<String, String>) -> Result<Color, Said> {
    let name = palette.get(name).map_or(name, String::as_str);
    Color::from_str(name).map_err(|_| {
        said!(
            "`{name}` er ikke en farve: brug et ANSI-navn (blue, lightred, …), #rrggbb eller 0–255";
            "`{name}` is not a colour: use an ANSI name (blue, lightred, …), #rrggbb or 0–255"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_theme_loads() {
        for (name, _) in BUNDLED {
            let theme = resolve(name, None).unwrap();
            assert_eq!(theme.name, *name);
        }
    }

    #[test]
    fn the_default_uses_the_terminals_own_background() {
        let theme = resolve("default", None).unwrap();
        assert_eq!(theme.text.bg, None);
        assert_eq!(theme.title.fg, Some(Color::Blue));
        assert_ne!(theme.body("sdf"), theme.body("fu"));
    }

    #[test]
    fn monochrome_has_no_colours() {
        let theme = resolve("mono", None).unwrap();
        for style in [
            theme.title,
            theme.text,
            theme.muted,
            theme.accent,
            theme.selection,
            theme.success,
            theme.warning,
            theme.error,
            theme.body("sdf"),
        ] {
            assert_eq!((style.fg, style.bg), (None, None));
        }
    }

    #[test]
    fn no_color_chooses_monochrome_unless_a_theme_is_named() {
        assert_eq!(choose(None, true, None).theme.name, "mono");
        assert_eq!(choose(Some("light"), true, None).theme.name, "light");
        assert_eq!(choose(None, false, None).theme.name, "default");
    }

    #[test]
    fn user_themes_inherit_and_take_precedence() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("themes")).unwrap();
        std::fs::write(
            dir.path().join("themes/mine.toml"),
            "inherits = \"light\"\n[palette]\nred = \"#ff0000\"\n[styles]\nerror = { fg = \"red\" }\n",
        )
        .unwrap();
        let theme = resolve("mine", Some(dir.path())).unwrap();
        assert_eq!(theme.error.fg, Some(Color::Rgb(255, 0, 0)));
        assert_eq!(theme.title, resolve("light", None).unwrap().title);
        std::fs::write(
            dir.path().join("themes/default.toml"),
            "[styles]\ntext = { bold = true }\n",
        )
        .unwrap();
        let overridden = resolve("default", Some(dir.path())).unwrap();
        assert!(overridden.text.add_modifier.contains(Modifier::BOLD));
    }

    #[test]
    fn broken_themes_fall_back_with_a_message() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("themes")).unwrap();
        let cases = [
            (
                "bad-colour",
                "[styles]\ntitle = { fg = \"blurple\" }\n",
                "`blurple` is not a colour",
            ),
            (
                "bad-key",
                "[styles]\ntitel = { bold = true }\n",
                "unknown style `titel`",
            ),
            ("bad-toml", "[styles\n", "bad-toml.toml:1:"),
            ("loop-a", "inherits = \"loop-b\"\n", "circle"),
            ("loop-b", "inherits = \"loop-a\"\n", "circle"),
        ];
        for (name, text, _) in &cases {
            std::fs::write(dir.path().join(format!("themes/{name}.toml")), text).unwrap();
        }
        for (name, _, expected) in cases {
            let chosen = choose(Some(name), false, Some(dir.path()));
            assert_eq!(chosen.theme.name, "default", "{name}");
            assert!(
                chosen.problems[0].contains(expected),
                "{name}: {:?}",
                chosen.problems
            );
        }
        let unknown = choose(Some("nonesuch"), false, None);
        assert!(unknown.problems[0].contains("no theme called `nonesuch`"));
        assert!(unknown.problems[0].contains("light"));
    }
}
