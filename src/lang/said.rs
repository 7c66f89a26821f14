//! A message said in both languages, for text made before the reader's language is known.
//!
//! The archive is loaded once and shown in Danish or English (and switched live in the
//! screens), so its diagnostics carry both wordings from the moment they are made; the
//! screen or command picks one when it shows them.

use super::Lang;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub da: String,
    pub en: String,
}

impl Said {
    pub fn new(da: impl Into<String>, en: impl Into<String>) -> Self {
        Said {
            da: da.into(),
            en: en.into(),
        }
    }

    /// The wording in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Da => &self.da,
            Lang::En => &self.en,
        }
    }

    /// Whether either wording contains `needle` (for tests and filters that do not care
    /// which language they meet).
    pub fn contains(&self, needle: &str) -> bool {
        self.da.contains(needle) || self.en.contains(needle)
    }
}

/// `said!("dansk {x}"; "English {x}")`, each side a `format!` with its own arguments:
/// `said!("punkt {}", n; "item {}", n)`.
#[macro_export]
macro_rules! said {
    ($da:literal $(, $da_arg:expr)* ; $en:literal $(, $en_arg:expr)* $(,)?) => {
        $crate::lang::Said::new(format!($da $(, $da_arg)*), format!($en $(, $en_arg)*))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_gets_its_own_wording() {
        let n = 3;
        let s = crate::said!("punkt {n} mangler"; "item {} is missing", n);
        assert_eq!(s.get(Lang::Da), "punkt 3 mangler");
        assert_eq!(s.get(Lang::En), "item 3 is missing");
    }
}
