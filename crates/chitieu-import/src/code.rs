//! Item numbers as printed in the first column: Roman section numerals ("I.", "<b>IV</b>"),
//! dotted numbers ("1.", "2.1.", "1.1"), and lettered sub-items ("a)", "b.").

/// What a number cell holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Code {
    /// A section numeral, without its dot ("IV").
    Roman(String),
    /// A dotted number, without its trailing dot ("2.1").
    Number(String),
    /// A lettered sub-item, without its bracket or dot ("a").
    Letter(String),
}

impl Code {
    /// Reads a cleaned number cell; `None` for anything that is no item number.
    pub fn parse(cell: &str) -> Option<Code> {
        let s = cell.trim();
        let marked = s.ends_with([')', '.']);
        let s = s.strip_suffix(')').or_else(|| s.strip_suffix('.')).unwrap_or(s).trim();
        if s.is_empty() {
            return None;
        }
        if is_roman(s) {
            return Some(Code::Roman(s.to_owned()));
        }
        if s.split('.').all(|part| !part.is_empty() && part.len() <= 3 && part.bytes().all(|b| b.is_ascii_digit())) {
            return Some(Code::Number(s.to_owned()));
        }
        let mut chars = s.chars();
        if let (Some(c), None) = (chars.next(), chars.next())
            && marked
            && c.is_alphabetic()
            && c.is_lowercase()
        {
            return Some(Code::Letter(s.to_owned()));
        }
        None
    }

    pub fn label(&self) -> &str {
        match self {
            Code::Roman(s) | Code::Number(s) | Code::Letter(s) => s,
        }
    }

    /// Whether `other` is numbered beneath `self` ("2.1" under "2", "a" under any number).
    pub fn has_child(&self, other: &Code) -> bool {
        match (self, other) {
            (Code::Number(parent), Code::Number(child)) => child.starts_with(&format!("{parent}.")),
            (Code::Number(_), Code::Letter(_)) => true,
            _ => false,
        }
    }
}

/// Whether `s` is a Roman numeral from I to XXXIX (plan sections never run further).
fn is_roman(s: &str) -> bool {
    const ONES: [&str; 10] = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"];
    let tens = s.chars().take_while(|&c| c == 'X').count();
    tens <= 3 && !s.is_empty() && ONES.contains(&&s[tens..]) && (tens > 0 || !s[tens..].is_empty())
}

#[cfg(test)]
mod tests {
    use super::Code;

    #[test]
    fn number_cells_read_as_codes() {
        assert_eq!(Code::parse("I."), Some(Code::Roman("I".into())));
        assert_eq!(Code::parse("IV"), Some(Code::Roman("IV".into())));
        assert_eq!(Code::parse("XIV."), Some(Code::Roman("XIV".into())));
        assert_eq!(Code::parse("1."), Some(Code::Number("1".into())));
        assert_eq!(Code::parse("5.12."), Some(Code::Number("5.12".into())));
        assert_eq!(Code::parse("37"), Some(Code::Number("37".into())));
        assert_eq!(Code::parse("a)"), Some(Code::Letter("a".into())));
        assert_eq!(Code::parse("b."), Some(Code::Letter("b".into())));
        assert_eq!(Code::parse("x"), None);
        assert_eq!(Code::parse("IIII"), None);
        assert_eq!(Code::parse("Tổng"), None);
        assert_eq!(Code::parse(""), None);
        assert_eq!(Code::parse("1..2"), None);
    }

    #[test]
    fn children_are_numbered_beneath_their_parent() {
        let two = Code::Number("2".into());
        assert!(two.has_child(&Code::Number("2.1".into())));
        assert!(!two.has_child(&Code::Number("21".into())));
        assert!(two.has_child(&Code::Letter("a".into())));
        assert!(!Code::Roman("I".into()).has_child(&Code::Number("1".into())));
    }
}
