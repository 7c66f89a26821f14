//! `--help` in Danish. clap takes its texts from the doc comments in `cli.rs`, which are
//! English; where Danish is the language, the built command has each text replaced by its
//! Danish one from the tables here, and clap's own headings ("Usage", "Options") with
//! Danish headings. What clap writes itself and lets no one change (its error messages,
//! "[default: …]", "[possible values: …]") stays as clap writes it.

use clap::Command;

/// Which language `--help` is in, decided before the command line is parsed: `--lang`,
/// else `lang` in the configuration file, else Danish.
pub fn help_lang(args: &[std::ffi::OsString]) -> dagsorden::lang::Lang {
    let args: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let value_of = |flag: &str| {
        args.iter().enumerate().find_map(|(i, a)| {
            a.strip_prefix(&format!("{flag}="))
                .map(str::to_owned)
                .or_else(|| (a == flag).then(|| args.get(i + 1).cloned()).flatten())
        })
    };
    if let Some(lang) = value_of("--lang").and_then(|l| l.parse().ok()) {
        return lang;
    }
    let config = value_of("--config")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("DAGSORDEN_CONFIG").map(Into::into));
    dagsorden::config::Config::load(config.as_deref())
        .ok()
        .and_then(|c| c.lang.as_deref().and_then(|l| l.parse().ok()))
        .unwrap_or_default()
}

/// The command with its help in Danish.
pub fn danish(mut cmd: Command) -> Command {
    // Built first, so the generated `help` and `version` flags and the `help` subcommand
    // exist to be worded too, and global options have been copied into every subcommand.
    cmd.build();
    localize(cmd, "")
}

fn localize(cmd: Command, path: &str) -> Command {
    let mut cmd = cmd
        .help_template("{before-help}{about-with-newline}\nBrug: {usage}\n\n{all-args}{after-help}")
        .subcommand_help_heading("Kommandoer")
        .subcommand_value_name("KOMMANDO");
    // Every command with subcommands has clap's own `help` subcommand.
    let key = if path == "help" || path.ends_with(" help") {
        "help"
    } else {
        path
    };
    if let Some((_, about, long)) = COMMANDS.iter().find(|(p, _, _)| *p == key) {
        cmd = cmd.about(*about);
        cmd = match long {
            Some(l) => cmd.long_about(format!("{about}\n\n{l}")),
            None => cmd.long_about(clap::builder::Resettable::Reset),
        };
    }
    cmd = cmd.mut_args(|arg| {
        let id = arg.get_id().as_str().to_owned();
        let mut arg = match help_of(path, &id) {
            Some(help) => arg.help(help).long_help(None::<&str>),
            None => arg,
        };
        if let Some((_, name)) = VALUE_NAMES.iter().find(|(i, _)| *i == id) {
            arg = arg.value_name(*name);
        }
        let heading = if arg.is_positional() {
            "Argumenter"
        } else {
            "Tilvalg"
        };
        arg.help_heading(heading)
    });
    // clap's usage line (with the Danish value names), its placeholders in Danish too.
    let usage = cmd.render_usage().to_string();
    let usage = usage
        .trim_start_matches("Usage:")
        .trim()
        .replace("[OPTIONS]", "[TILVALG]")
        .replace("[COMMAND]", "[KOMMANDO]")
        .replace("<COMMAND>", "<KOMMANDO>");
    cmd = cmd.override_usage(usage);
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in names {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(&name, |sub| localize(sub, &sub_path));
    }
    cmd
}

/// An argument's help: the one for this command, else the one for every command.
fn help_of(path: &str, id: &str) -> Option<&'static str> {
    let find = |p: &str| {
        ARGS.iter()
            .find(|(cp, i, _)| *cp == p && *i == id)
            .map(|(_, _, h)| *h)
    };
    find(path).or_else(|| find("*"))
}

const VALUE_NAMES: &[(&str, &str)] = &[
    ("dir", "MAPPE"),
    ("config", "FIL"),
    ("output", "FIL"),
    ("theme", "NAVN"),
    ("today", "ÅÅÅÅ-MM-DD"),
    ("date", "ÅÅÅÅ-MM-DD"),
    ("outcome", "UDFALD"),
    ("state", "TILSTAND"),
    ("meeting", "MØDE"),
    ("year", "ÅR"),
    ("body", "UDVALG"),
    ("paths", "STIER"),
    ("query", "SØGNING"),
    ("shell", "SKAL"),
    ("owner", "ANSVARLIG"),
    ("tag", "EMNE"),
    ("name", "NAVN"),
    ("place", "STED"),
    ("subcommand", "KOMMANDO"),
    ("what", "MØDE[#PUNKT]"),
];

/// (command path, about, longer description).
const COMMANDS: &[(&str, &str, Option<&str>)] = &[
    (
        "",
        "Dagsordener, beslutninger, opfølgninger og mødekalender for Socialdirektørforum",
        Some(
            "Socialdirektørforum og Forretningsudvalget, opbevaret som TOML-filer i en arkivmappe.\n\n\
             Uden underkommando åbner dagsorden arkivet i skærmene; tryk ? dér for tasterne.\n\n\
             Arkivmappen er --dir, ellers $DAGSORDEN_DIR, ellers `dir` i konfigurationsfilen, \
             ellers ./agendas, når den findes.",
        ),
    ),
    (
        "check",
        "Kontrollér alle arkivets filer, og skriv de problemer, der findes",
        Some(
            "Slutstatus: 0 når arkivet er fejlfrit, 1 når der er fundet problemer, 2 når \
             kontrollen ikke kunne køre.",
        ),
    ),
    ("list", "Vis møderne, fra mødefiler og årsplaner", None),
    (
        "export",
        "Skriv et mødes referat eller dagsorden som Markdown",
        None,
    ),
    (
        "export minutes",
        "Referatet: dagsordenen med alle beslutninger og de opfølgninger, de satte i gang",
        None,
    ),
    (
        "export agenda",
        "Dagsordenen: punkter, baggrund og indstillinger, uden beslutninger",
        None,
    ),
    (
        "new",
        "Opret filen til et nyt møde med udvalgets standarder og de faste punkter",
        Some(
            "Dagsordenen får godkendelse af sidste referat (med henvisning til det møde), \
             Orienteringer, Eventuelt og Næste møde. Opfølgninger, der skal forelægges udvalget \
             inden mødet, vises; --include-followups gør dem til punkter.",
        ),
    ),
    (
        "import",
        "Importér offentliggjorte referater (sider gemt som tekst eller som websider) som mødefiler",
        Some(
            "Hver fil læses efter det layout, den er skrevet i (indtil videre forummets egen \
             hjemmeside: tekst kopieret fra en browser, eller siden gemt som HTML), og skrives som \
             én mødefil i årets mappe. Hvad importen er i tvivl om, meldes med fil og linje og \
             markeres \"check\" i filen. Et møde, arkivet allerede har, skrives ikke igen.\n\n\
             Slutstatus: 0 når alle filer er importeret (eller findes i arkivet), 1 når en ikke \
             kunne importeres, 2 når kommandoen ikke kunne køre.",
        ),
    ),
    (
        "search",
        "Søg i titler, baggrund, indstillinger, beslutninger, bemærkninger, bilag, deltagere og \
         opfølgninger",
        Some(
            "Ord matcher i begyndelsen af ord, uanset store og små bogstaver (\"stjernen\" finder \
             \"Stjernen\"; \"aa\", \"ae\", \"oe\" finder også \"å\", \"æ\", \"ø\"). Ord i \
             \"anførselstegn\" skal stå efter hinanden. Filtre: `body:fu`, `year:2017`, \
             `outcome:afvist` (eller godkendt, ændret, …), `tag:stjernen`, \
             `route:kommunalbestyrelsen` (sagen går gennem den), `before:2018-01-01`, `after:2017-06`. \
             Fundene grupperes efter møde, nyeste først.\n\n\
             Slutstatus: 0 med fund, 1 uden, 2 når søgningen ikke kunne læses.",
        ),
    ),
    (
        "decisions",
        "Alle arkivets beslutninger, nyeste først, med hvert leds udfald",
        Some(
            "--deviations viser kun de led, hvis udfald ikke er det indstillede (godkendt med \
             ændringer, afvist, udsat, trukket), hver med indstilling og beslutning side om side.",
        ),
    ),
    (
        "followups",
        "Vis de opfølgninger, beslutninger og årsplaner har sat i gang, og hvor hver står i dag",
        Some(
            "Hver opfølgning er én linje; en årlig frist har én linje pr. år. Tilstande: \
             `overdue` (datoen er passeret), `due` (inden for 14 dage, eller et antal er nået), \
             `waiting` (et antal ikke nået, eller \"vender tilbage\" uden dato), `later`, `answered` \
             (et punkt på et afholdt møde svarer på den; luk den), `done`, `cancelled`. \
             Vage perioder regnes med en fast dag: primo = 31. marts, medio = 30. juni, \
             ultimo = 31. december (i en måned: den 10., den 20., den sidste).\n\n\
             Slutstatus: 1 når en opfølgning for den --owner og --body, der er spurgt om, er \
             overskredet (uanset hvad --state viser), ellers 0; til et morgenjob, der mailer \
             listen.",
        ),
    ),
    (
        "calendar",
        "Et års mødekalender: FU→SDF-parrene med dagene imellem, hvert møde med ISO-uge og \
         arbejdsdatoer, seminarer, flytninger, frister og kontrollerne",
        Some(
            "--format ics skriver en iCalendar-fil til Outlook, Google eller Apple Kalender: tider \
             i Europe/Copenhagen, ét fast UID pr. møde, og et flyttet møde har en højere \
             SEQUENCE, så en ny import opdaterer den gamle aftale i stedet for at tilføje en. \
             --format md giver tabellen \"Mødeplan\" til et dagsordenspunkt.\n\n\
             --propose laver et udkast til året ud fra reglerne i forum.toml (meetings_per_year, \
             weekday, gap_days, avoid_months), uden om weekender, helligdage og datoer, der \
             allerede er optaget; --write gemmer udkastet som calendar/ÅR.toml, så det kan \
             tilpasses på skærmen Kalender.",
        ),
    ),
    (
        "init",
        "Start et nyt arkiv i MAPPE: forum.toml ud fra nogle få spørgsmål, formatets README og \
         kalendermappen (aldrig oven i et arkiv, der er der), lagt i git",
        Some(
            "Hvert spørgsmål viser sit standardsvar i klammer; Enter tager det. --yes tager alle \
             standardsvar uden at spørge; svarene kan også komme ét pr. linje på standard input.\n\n\
             Mappen gøres til et git-arkiv (medmindre --no-git) med en .gitattributes, der giver \
             arkivets filer til dagsordens sammenfletning, en .gitignore for låsehint og \
             eksporter, og sammenfletningen registreret i arkivet. På et arkiv, der er der, eller \
             en ny klon af et, tilføjer init kun det, der mangler.",
        ),
    ),
    (
        "completions",
        "Skriv kommandolinje-fuldførelse for bash, zsh, fish, elvish eller powershell",
        Some(
            "fx `dagsorden completions bash > ~/.local/share/bash-completion/completions/dagsorden`",
        ),
    ),
    (
        "man",
        "Skriv manualsiden (roff), fx `dagsorden man > ~/.local/share/man/man1/dagsorden.1`",
        None,
    ),
    (
        "help",
        "Vis denne hjælp eller hjælpen til en underkommando",
        None,
    ),
    (
        "log",
        "Hvem ændrede et møde eller et punkt, og hvornår: dets udgaver fra gits historik",
        Some(
            "For MØDE#PUNKT punktets titel, indstilling og beslutning; for MØDE dets titel, \
             status, sted, tid og fremmøde. Hver udgave med forfatter, dato og commit-besked, \
             nyeste først, med de felter, den ændrede.",
        ),
    ),
    (
        "sync",
        "Synkronisér arkivet med dets git-fjernkopi: gem det ventende som commits, hent de andres \
         ændringer, læg vores ovenpå (mødefiler flettes felt for felt), og send",
        Some(
            "Aldrig en tvungen push, og en synkronisering, der ikke kan gøres færdig, tages \
             tilbage, så ingen ændring går tabt. Uden forbindelse siger den det: ændringerne \
             bliver her som commits og sendes næste gang.\n\n\
             Slutstatus: 0 når alt er synkroniseret, 1 når det ikke kunne lade sig gøre (uden \
             forbindelse, ingen fjernkopi, afvist), 2 når arkivet ikke er i git.",
        ),
    ),
    (
        "cache",
        "Indlæsningscachen: hvor den er og hvor stor, eller ryd den",
        Some(
            "Hver mødefils indlæsning gemmes i brugerens cachemappe (aldrig i arkivet), så en \
             start læser det tilbage, den læste sidst, i stedet for hver fil. Filerne er stadig \
             sandheden: en ændret fil læses igen, og at rydde cachen mister intet. \
             `--no-cache` på enhver kommando lader den være.",
        ),
    ),
    (
        "cache status",
        "Hvor arkivets cache er, hvor mange filer den har, og hvor stor den er",
        None,
    ),
    (
        "cache clear",
        "Slet arkivets cache (næste start læser alle filer)",
        None,
    ),
    (
        "merge-file",
        "Flet en mødefil felt for felt, for git (registreres som merge driver af init)",
        Some(
            "git kører den som `dagsorden merge-file %O %A %B %P`: BASE er den fælles udgave, \
             OURS vores (sammenfletningen skrives dér), THEIRS den andens. Punkter parres efter \
             nummer, opfølgninger efter id; kun et felt, der er ændret to steder, er en konflikt, \
             og den skrives i filen som [[conflicts]], så filen stadig kan læses. En fil, der ikke \
             kan læses, overlades til gits egen linjefletning (med dens konfliktmarkeringer).",
        ),
    ),
];

/// (command path or "*" for every command, argument id, help).
const ARGS: &[(&str, &str, &str)] = &[
    ("*", "help", "Vis hjælpen (mere med --help)"),
    ("*", "version", "Vis versionen"),
    ("*", "dir", "Arkivmappen"),
    (
        "*",
        "today",
        "Regn denne dato som i dag (ÅÅÅÅ-MM-DD); standard: den rigtige dato",
    ),
    (
        "*",
        "lang",
        "Sprog i skærme og dokumenter: da (dansk) eller en (engelsk); standard: forummets",
    ),
    (
        "*",
        "config",
        "Konfigurationsfilen (standard: ~/.config/dagsorden/config.toml)",
    ),
    (
        "*",
        "no_cache",
        "Læs alle arkivets filer, uden indlæsningscachen (og skriv ikke i den)",
    ),
    (
        "",
        "theme",
        "Farvetema: default, light, dark, mono eller et NAVN.toml i konfigurationsmappens themes/",
    ),
    (
        "",
        "no_mouse",
        "Lad musen være terminalens (så markering af tekst virker)",
    ),
    ("*", "format", "Formatet"),
    (
        "*",
        "output",
        "Skriv til denne fil i stedet for standard output",
    ),
    ("list", "year", "Kun møder i dette år"),
    ("list", "body", "Kun møder i dette udvalg (fx sdf, fu)"),
    ("cache clear", "all", "Slet cachen for alle arkiver"),
    ("export minutes", "meeting", "Mødets id, fx 2017-09-08-sdf"),
    ("export agenda", "meeting", "Mødets id, fx 2017-09-08-sdf"),
    (
        "export minutes",
        "public",
        "Udelad lukkede punkter (de andre punkters numre bevares)",
    ),
    (
        "export agenda",
        "public",
        "Udelad lukkede punkter (de andre punkters numre bevares)",
    ),
    ("new", "body", "Udvalget, der holder mødet (fx sdf, fu)"),
    ("new", "date", "Mødets dato (ÅÅÅÅ-MM-DD)"),
    (
        "new",
        "include_followups",
        "Tilføj hver opfølgning, der forfalder inden mødet, som et punkt",
    ),
    (
        "import",
        "paths",
        "Filer, eller mapper med filer, med offentliggjorte referater",
    ),
    (
        "import",
        "body",
        "Udvalget, møderne er i (fx sdf), hvor en side ikke nævner et, forum.toml kender",
    ),
    (
        "import",
        "dry_run",
        "Fortæl, hvad der ville blive skrevet, og skriv intet",
    ),
    (
        "import",
        "update",
        "For et møde, arkivet har: skriv sidens værdier, hvor de afviger fra filen (felt for \
         felt; kommentarer og filens egne felter bliver)",
    ),
    (
        "search",
        "query",
        "Søgningen: ord, \"sætninger\" og filtre (sæt anførselstegn om den for skallen)",
    ),
    (
        "decisions",
        "body",
        "Kun beslutninger i dette udvalg (fx sdf, fu)",
    ),
    ("decisions", "year", "Kun beslutninger truffet i dette år"),
    (
        "decisions",
        "outcome",
        "Kun beslutninger med et led, der blev besluttet sådan",
    ),
    (
        "decisions",
        "tag",
        "Kun punkter med dette emne (eller et emne, der begynder sådan)",
    ),
    (
        "decisions",
        "deviations",
        "Kun de led, der afviger fra indstillingen",
    ),
    (
        "followups",
        "state",
        "Hvilke der vises: `overdue`, `due`, `waiting`, `open` (alle ikke lukkede), `done`, `cancelled` eller `all`",
    ),
    (
        "followups",
        "owner",
        "Kun opfølgninger, hvis ansvarlige indeholder dette (store eller små bogstaver)",
    ),
    (
        "followups",
        "body",
        "Kun opfølgninger, der skal forelægges dette udvalg (fx sdf, fu)",
    ),
    ("calendar", "year", "Året, fx 2018"),
    (
        "calendar",
        "propose",
        "Lav i stedet et udkast til årets plan ud fra reglerne i forum.toml (text, md eller json)",
    ),
    (
        "calendar",
        "write",
        "Med --propose: gem udkastet som calendar/ÅR.toml (aldrig oven i en plan, der findes)",
    ),
    (
        "init",
        "dir",
        "Det nye arkivs mappe (oprettes, hvis den mangler)",
    ),
    ("init", "name", "Forummets navn"),
    (
        "init",
        "body",
        "Id for det udvalg, der holder møder (fx sdf, bu)",
    ),
    ("init", "place", "Hvor udvalget holder møde"),
    (
        "init",
        "no_git",
        "Udelad git: mappen gøres ikke til et git-arkiv, og ingen sammenfletning registreres",
    ),
    (
        "init",
        "yes",
        "Tag standardsvaret på hvert spørgsmål, en indstilling ikke besvarer",
    ),
    (
        "completions",
        "shell",
        "Skallen: bash, zsh, fish, elvish eller powershell",
    ),
    ("help", "subcommand", "Underkommandoen, hjælpen gælder"),
    (
        "log",
        "what",
        "Mødet eller punktet, fx 2017-09-08-sdf eller 2017-09-08-sdf#9",
    ),
    ("merge-file", "base", "Den fælles udgave (gits %O)"),
    (
        "merge-file",
        "ours",
        "Vores udgave, hvor sammenfletningen skrives (gits %A)",
    ),
    ("merge-file", "theirs", "Den andens udgave (gits %B)"),
    (
        "merge-file",
        "path",
        "Filens sti i arkivet (gits %P), til meddelelser",
    ),
];
