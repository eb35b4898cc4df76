//! French and English: the strings of the game window, the CLI and the HTML reports live in
//! `assets/i18n/{en,fr}.ron` (compiled in, so salesim runs from any folder), looked up by key.
//! Catalogue names (KPIs, levers) are localised by `match` beside their definitions.

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// A language of the interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Language {
    /// English.
    #[default]
    English,
    /// Français.
    French,
}

impl Language {
    /// Both languages.
    pub const ALL: [Language; 2] = [Language::English, Language::French];

    /// `v` with `decimals` decimals, as the language writes numbers: English `1,234,567.5`,
    /// French `1 234 567,5` (a narrow no-break space between thousands, a decimal comma).
    pub fn number(self, v: f64, decimals: usize) -> String {
        if !v.is_finite() {
            return "–".into();
        }
        let text = format!("{:.*}", decimals, v.abs());
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        let (thousands, point) = match self {
            Language::English => (",", "."),
            Language::French => ("\u{202f}", ","),
        };
        let mut out = String::new();
        if v < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
            out.push('-');
        }
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                out.push_str(thousands);
            }
            out.push(c);
        }
        if !fraction.is_empty() {
            out.push_str(point);
            out.push_str(fraction);
        }
        out
    }

    /// A share (0.45) as a whole percentage: English `45 %`, French `45 %` with a narrow
    /// no-break space.
    pub fn percent(self, share: f64) -> String {
        let sign = match self {
            Language::English => " %",
            Language::French => "\u{202f}%",
        };
        format!("{}{sign}", self.number(share * 100.0, 0))
    }

    /// The language's own name.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::French => "Français",
        }
    }

    /// `en` or `fr`.
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::French => "fr",
        }
    }

    /// Parse `en` / `fr`.
    pub fn from_code(code: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.code() == code)
    }

    fn source(self) -> &'static str {
        match self {
            Language::English => include_str!("../assets/i18n/en.ron"),
            Language::French => include_str!("../assets/i18n/fr.ron"),
        }
    }
}

impl Language {
    /// The text of `key` in this language (the key itself when missing, so a gap shows
    /// instead of hiding).
    pub fn t(self, key: &str) -> &str {
        table(self).get(key).map_or(key, String::as_str)
    }
}

impl Language {
    /// Every text whose key starts with `prefix` (the web pages' `page.*` texts), by key.
    pub fn texts_with_prefix(self, prefix: &str) -> BTreeMap<&'static str, &'static str> {
        table(self)
            .iter()
            .filter(|(k, _)| k.starts_with(prefix))
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect()
    }
}

impl std::str::FromStr for Language {
    type Err = String;

    /// `en` or `fr`, as on the command line.
    fn from_str(code: &str) -> Result<Language, String> {
        Language::from_code(code)
            .ok_or_else(|| format!("unknown language `{code}`; allowed: en, fr"))
    }
}

/// The table of `language`, parsed once. The files are part of the build and checked by
/// tests, so a parse failure is a build defect: it falls back to showing keys rather than
/// failing.
fn table(language: Language) -> &'static BTreeMap<String, String> {
    static TABLES: [OnceLock<BTreeMap<String, String>>; 2] = [OnceLock::new(), OnceLock::new()];
    TABLES[language as usize].get_or_init(|| ron::from_str(language.source()).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_parse_and_have_the_same_keys() {
        let en = Language::English;
        let fr = Language::French;
        assert!(table(en).len() > 50);
        let en_keys: Vec<_> = table(en).keys().collect();
        let fr_keys: Vec<_> = table(fr).keys().collect();
        assert_eq!(en_keys, fr_keys);
        assert_eq!(fr.t("stage.demonstration"), "Démonstration");
        assert_eq!(en.t("stage.demonstration"), "Demonstration");
    }

    #[test]
    fn every_key_the_code_uses_is_translated_and_every_text_is_used() {
        let en = Language::English;
        let mut files = Vec::new();
        let mut dirs = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else {
                    files.push(path);
                }
            }
        }
        assert!(files.len() > 8, "{files:?}");
        let sources: Vec<String> = files
            .iter()
            .map(|path| std::fs::read_to_string(path).unwrap())
            .collect();
        let mut missing = Vec::new();
        for text in &sources {
            for piece in text.split(".t(\"").skip(1) {
                let key = piece.split('"').next().unwrap();
                if !key.contains('{') && en.t(key) == key {
                    missing.push(key.to_owned());
                }
            }
        }
        assert!(missing.is_empty(), "keys without text: {missing:?}");
        let code: String = sources.concat();
        let unused: Vec<_> = table(en)
            .keys()
            .filter(|k| !code.contains(&format!("\"{k}\"")))
            .collect();
        assert!(unused.is_empty(), "texts no code uses: {unused:?}");
    }
}
