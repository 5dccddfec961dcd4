//! Markup that text extraction leaves in cells: LaTeX math (`$\geq 95\%$` is "≥ 95%"), HTML
//! tags (`<b>I.</b>`) and markdown emphasis (`**…**`). [`plain`] turns a cell into the words.

/// The text of a cell with its markup converted and white space folded.
pub fn plain(s: &str) -> String {
    if !s.contains(['$', '\\', '<', '&', '*', '_']) {
        return chitieu_core::text::clean(s);
    }
    let s = latex(s);
    let s = html(&s);
    let s = emphasis(&s);
    chitieu_core::text::clean(&s)
}

const COMMANDS: [(&str, &str); 14] = [
    ("\\geqslant", "≥"),
    ("\\leqslant", "≤"),
    ("\\geq", "≥"),
    ("\\leq", "≤"),
    ("\\ge", "≥"),
    ("\\le", "≤"),
    ("\\neq", "≠"),
    ("\\times", "×"),
    ("\\pm", "±"),
    ("\\%", "%"),
    ("\\,", " "),
    ("\\;", " "),
    ("\\ ", " "),
    ("\\cdot", "·"),
];

/// `$ … $` spans with their commands replaced by the symbols they stand for.
fn latex(s: &str) -> String {
    if !s.contains('$') && !s.contains('\\') {
        return s.to_owned();
    }
    let mut out = s.replace('$', "");
    for (command, symbol) in COMMANDS {
        out = out.replace(command, symbol);
    }
    // \text{…} and \mathrm{…} keep their content.
    for wrapper in ["\\text{", "\\mathrm{", "\\textbf{"] {
        while let Some(start) = out.find(wrapper) {
            let inner = start + wrapper.len();
            let Some(len) = out[inner..].find('}') else { break };
            out = format!("{}{}{}", &out[..start], &out[inner..inner + len], &out[inner + len + 1..]);
        }
    }
    out
}

/// HTML tags removed (a line break becomes a space) and the common entities decoded.
fn html(s: &str) -> String {
    if !s.contains('<') && !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        match after.find('>') {
            Some(close) if is_tag(&after[1..close]) => {
                if after[1..close].trim_start_matches('/').to_ascii_lowercase().starts_with("br") {
                    out.push(' ');
                }
                rest = &after[close + 1..];
            }
            _ => {
                out.push('<');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    for (entity, ch) in
        [("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")]
    {
        out = out.replace(entity, ch);
    }
    out
}

/// Whether `inner` (between `<` and `>`) is an HTML tag, so "< 10" and "a<b" stay text.
fn is_tag(inner: &str) -> bool {
    let name = inner.trim_start_matches('/');
    let name = name.split(|c: char| c.is_whitespace() || c == '/').next().unwrap_or("");
    matches!(
        name.to_ascii_lowercase().as_str(),
        "b" | "i" | "u" | "em" | "strong" | "br" | "p" | "span" | "sup" | "sub" | "div" | "td" | "th" | "tr"
    )
}

/// Markdown emphasis markers removed. A run of three or more `*`/`_` between two words was the
/// seam of two emphasised spans ("01:****Phân") and becomes a space.
fn emphasis(s: &str) -> String {
    if !s.contains('*') && !s.contains("__") {
        return s.to_owned();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '*' || (c == '_' && chars.get(i + 1) == Some(&'_')) {
            let mut j = i;
            while j < chars.len() && chars[j] == c {
                j += 1;
            }
            let run = j - i;
            let before = out.chars().last().is_some_and(|b| !b.is_whitespace());
            let after = chars.get(j).is_some_and(|a| !a.is_whitespace());
            if run >= 3 && before && after {
                out.push(' ');
            }
            i = j;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn latex_comparators_become_symbols() {
        assert_eq!(plain("Tỷ lệ phủ sóng 5G trên dân số $\\geq 95\\%$"), "Tỷ lệ phủ sóng 5G trên dân số ≥ 95%");
        assert_eq!(plain("$\\leq 15$"), "≤ 15");
        assert_eq!(plain("$\\text{Đạt}$"), "Đạt");
    }

    #[test]
    fn html_tags_go_and_comparisons_stay() {
        assert_eq!(plain("<b>I.</b>"), "I.");
        assert_eq!(plain("a<br/>b"), "a b");
        assert_eq!(plain("< 10"), "< 10");
        assert_eq!(plain("VP &amp; HĐND"), "VP & HĐND");
    }

    #[test]
    fn markdown_emphasis_goes_and_seams_become_spaces() {
        assert_eq!(
            plain("**Phụ lục 01:****Phân công phụ trách***(Kèm theo Kế hoạch)*"),
            "Phụ lục 01: Phân công phụ trách (Kèm theo Kế hoạch)"
        );
        assert_eq!(plain("### *2.1. Về hạ tầng số*"), "### 2.1. Về hạ tầng số");
        assert_eq!(plain("**“Hành động đột phá”**, làm"), "“Hành động đột phá”, làm");
    }
}
