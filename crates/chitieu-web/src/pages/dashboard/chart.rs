//! What a chart shows, as the JSON a page embeds in a `<script type="application/json">` for
//! `static/charts.js` to draw with Chart.js (no inline script). The page's table beside each
//! chart holds the same numbers.

use serde::Serialize;

/// How a chart draws its series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Kind {
    /// Lines over time (the labels are periods).
    Line,
    /// Horizontal bars stacked per label (counts per section), labels down the side.
    StackedBars,
}

/// A chart: its kind, the labels along its category axis and its series.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Chart {
    pub(crate) kind: Kind,
    pub(crate) labels: Vec<String>,
    pub(crate) datasets: Vec<Dataset>,
    /// The value axis is a percentage.
    pub(crate) percent: bool,
    /// The value axis runs downwards (ranks: 1 is the best).
    pub(crate) reverse: bool,
    /// Fixed bounds of the value axis, when the values have them (an index: 0..1).
    pub(crate) y_min: Option<f64>,
    pub(crate) y_max: Option<f64>,
    /// The axis title.
    pub(crate) y_title: String,
}

/// One series; `None` leaves a gap.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Dataset {
    pub(crate) label: String,
    pub(crate) data: Vec<Option<f64>>,
    pub(crate) colour: &'static str,
    /// Drawn dashed and without points (a target line).
    pub(crate) dashed: bool,
}

impl Chart {
    pub(crate) fn new(kind: Kind, labels: Vec<String>, y_title: &str) -> Self {
        Chart {
            kind,
            labels,
            datasets: Vec::new(),
            percent: false,
            reverse: false,
            y_min: None,
            y_max: None,
            y_title: y_title.to_owned(),
        }
    }

    /// The JSON to embed inside `<script type="application/json">`: `<`, `>` and `&` are
    /// written as `\u003c`… so no text in it can close the element.
    pub(crate) fn json(&self) -> String {
        let json = serde_json::to_string(self).unwrap_or_else(|_| "null".to_owned());
        let mut safe = String::with_capacity(json.len());
        for c in json.chars() {
            match c {
                '<' => safe.push_str("\\u003c"),
                '>' => safe.push_str("\\u003e"),
                '&' => safe.push_str("\\u0026"),
                '\u{2028}' => safe.push_str("\\u2028"),
                '\u{2029}' => safe.push_str("\\u2029"),
                c => safe.push(c),
            }
        }
        safe
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_json_cannot_close_its_script_element() {
        let mut chart = Chart::new(Kind::Line, vec!["</script><script>alert(1)</script>".into()], "%");
        chart.datasets.push(Dataset {
            label: "A & B".into(),
            data: vec![Some(1.5), None],
            colour: "#000",
            dashed: true,
        });
        let json = chart.json();
        assert!(!json.contains('<') && !json.contains('&'), "{json}");
        let back: serde_json::Value = serde_json::from_str(&json).expect("still JSON");
        assert_eq!(back["labels"][0], "</script><script>alert(1)</script>");
        assert_eq!(back["datasets"][0]["data"], serde_json::json!([1.5, null]));
    }
}
