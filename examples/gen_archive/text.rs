//! Varied Danish-looking Markdown for the generated archives and the benchmarks: real text
//! costs what padding does not (words of every length, æøå, lists, headings, emphasis,
//! links), so the generated archives are not copies of one text.

/// Words of a secretariat's minutes, to draw from.
const WORDS: &[&str] = &[
    "socialdirektørforum",
    "forretningsudvalget",
    "indstiller",
    "godkender",
    "drøfter",
    "rammeaftale",
    "kommunerne",
    "regionen",
    "borgere",
    "tilbud",
    "udviklingshæmmede",
    "psykiatri",
    "misbrug",
    "kompetenceudvikling",
    "evaluering",
    "økonomi",
    "budget",
    "takster",
    "styregruppe",
    "sekretariat",
    "høring",
    "kommissorium",
    "analyse",
    "på",
    "og",
    "at",
    "i",
    "af",
    "til",
    "for",
    "med",
    "der",
    "som",
    "en",
    "et",
    "de",
    "området",
    "specialiserede",
    "socialområde",
    "samarbejde",
    "opfølgning",
    "møde",
    "beslutning",
    "orientering",
    "sundhedsaftalen",
    "børn",
    "unge",
    "familier",
    "handicap",
    "botilbud",
    "myndighed",
    "koordination",
    "Syddanmark",
    "Fredericia",
    "2018",
    "2019",
    "medio",
    "ultimo",
    "§",
    "pct.",
    "mio.",
    "kr.",
    "jf.",
    "bl.a.",
];

/// How many made-up words there are.
const RARE: usize = 200_000;
const SYLLABLES: &[&str] = &[
    "bo", "sted", "for", "løb", "hand", "ling", "plan", "kom", "mune", "vær", "dag", "råd", "gi",
    "ver", "ung", "dom", "sam", "ar", "bejde", "til", "syn", "ind", "sats", "ø", "hus", "lig",
    "hed", "skole", "re", "gion", "mid", "ler", "fag", "æl", "dre", "pleje", "bør", "ne", "fa",
    "mi", "lie", "kva", "li", "tet", "stra", "te", "vej", "å",
];

/// The made-up word of number `n`: its digits in base 48, each a syllable.
pub fn rare_word(mut n: usize) -> String {
    let mut w = String::new();
    loop {
        w.push_str(SYLLABLES[n % SYLLABLES.len()]);
        n /= SYLLABLES.len();
        if n == 0 {
            break;
        }
    }
    w
}

/// A small, fast, deterministic generator (xorshift), so every run writes the same text.
pub struct Words(u64);

impl Words {
    pub fn new(seed: u64) -> Words {
        Words(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    /// Four words in five from the common words; the fifth from a vocabulary of 200,000
    /// made-up words, drawn so that a few are common and most are rare (as names, places
    /// and projects are in real minutes), so a search for one is not a search for all.
    pub fn word(&mut self) -> std::borrow::Cow<'static, str> {
        if self.next(5) > 0 {
            return WORDS[self.next(WORDS.len())].into();
        }
        // Log-uniform over 1..200,000: as likely to be in 1..10 as in 10,000..100,000.
        let exponent = self.next(1_000_000) as f64 / 1_000_000.0 * (RARE as f64).ln();
        rare_word(exponent.exp() as usize).into()
    }

    /// A sentence of 6–25 words, capitalised, some words emphasised.
    pub fn sentence(&mut self) -> String {
        let n = 6 + self.next(20);
        let mut s = String::new();
        for i in 0..n {
            if i > 0 {
                s.push(' ');
            }
            let w = self.word();
            let w = w.as_ref();
            match self.next(30) {
                0 => s.push_str(&format!("**{w}**")),
                1 => s.push_str(&format!("*{w}*")),
                _ if i == 0 => {
                    let mut c = w.chars();
                    if let Some(first) = c.next() {
                        s.extend(first.to_uppercase());
                        s.push_str(c.as_str());
                    }
                }
                _ => s.push_str(w),
            }
        }
        s.push('.');
        s
    }

    /// Markdown of about `bytes` bytes: paragraphs, with now and then a heading, a list or
    /// a link.
    pub fn markdown(&mut self, bytes: usize) -> String {
        let mut out = String::with_capacity(bytes + 512);
        while out.len() < bytes {
            match self.next(12) {
                0 => out.push_str(&format!("## {}\n\n", self.sentence().trim_end_matches('.'))),
                1 => {
                    for _ in 0..2 + self.next(4) {
                        out.push_str(&format!("- {}\n", self.sentence()));
                    }
                    out.push('\n');
                }
                2 => out.push_str(&format!(
                    "Se <https://www.example.dk/{}/{}>.\n\n",
                    self.word(),
                    self.next(10_000)
                )),
                _ => {
                    for _ in 0..2 + self.next(6) {
                        out.push_str(&self.sentence());
                        out.push(' ');
                    }
                    out.push_str("\n\n");
                }
            }
        }
        out
    }
}
