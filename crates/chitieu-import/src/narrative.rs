//! Narrative plans (seed 002, markdown-ish text): the targets are the bullets under the
//! numbered headings of "Mục tiêu cụ thể" (2.1 … 2.8); the bullets of the parts on tasks and
//! organisation (nhiệm vụ, giải pháp, tổ chức thực hiện) are tasks, and under "Tổ chức thực
//! hiện" each heading names the unit that leads its tasks. Legal bases (căn cứ), general goals,
//! funding and the recipients' list are not items.

use chitieu_core::target::read_sentence;
use chitieu_core::text::fold;
use chitieu_core::{Item, ItemKind, Roles, Warning};

use crate::block::Block;
use crate::code::Code;
use crate::markup::plain;
use crate::units::split_units;

/// What a narrative plan yields.
#[derive(Debug)]
pub struct NarrativePlan {
    pub preamble: Vec<(usize, String)>,
    pub items: Vec<Item>,
    pub warnings: Vec<Warning>,
}

/// One line of a narrative document.
#[derive(Debug)]
enum Line {
    Heading { number: Code, title: String },
    Bullet(String),
    Text(String),
}

/// What the bullets under the current heading are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// Before the first part heading, or a part whose bullets are no items.
    Other,
    Targets,
    Tasks,
    /// Tasks whose heading names the lead unit.
    Assignments,
}

/// Reads a narrative plan; `None` when the text has no "Mục tiêu cụ thể" with bullets.
pub fn read_narrative(blocks: &[Block]) -> Option<NarrativePlan> {
    let mut state = State::default();
    let mut preamble = Vec::new();
    for block in blocks {
        let Block::Paragraph { line, text } = block else { continue };
        // Headings are matched on base letters: a scan's OCR misreads tone marks ("cụ thế").
        if text.len() < 200 && fold(&plain(text)).trim_matches(['*', ':']).starts_with("noi nhan") {
            break;
        }
        let parsed = classify(text);
        match parsed {
            Line::Heading { number, title } => state.heading(*line, &number, title),
            Line::Bullet(text) => state.bullet(*line, text),
            Line::Text(text) => {
                if state.roman.is_none() {
                    preamble.push((*line, text));
                } else if text.chars().next().is_some_and(char::is_lowercase) {
                    state.continue_last(*line, &text);
                } else {
                    state.last_was_bullet = false;
                }
            }
        }
    }
    for item in state.items.iter().filter(|i| i.kind == ItemKind::Indicator && i.targets.is_empty()) {
        state.warnings.push(Warning::at(
            item.line,
            "no target level found in this objective; kept as an indicator without target",
        ));
    }
    state.items.iter().any(|i| i.kind == ItemKind::Indicator).then_some(NarrativePlan {
        preamble,
        items: state.items,
        warnings: state.warnings,
    })
}

#[derive(Default)]
struct State {
    items: Vec<Item>,
    warnings: Vec<Warning>,
    roman: Option<String>,
    part: Option<Part>,
    /// Inside "Mục tiêu cụ thể" (its own number, e.g. "2"), whose sub-headings hold targets.
    targets_heading: Option<String>,
    heading_section: Option<String>,
    heading_part: Option<Part>,
    lead: Vec<String>,
    running: usize,
    last_was_bullet: bool,
}

impl State {
    fn heading(&mut self, line: usize, number: &Code, title: String) {
        let label = number.label().to_owned();
        let k = fold(&title);
        self.last_was_bullet = false;
        self.running = 0;
        match number {
            Code::Roman(numeral) => {
                self.roman = Some(numeral.clone());
                self.targets_heading = None;
                self.part = Some(part_of(&k));
                self.heading_section = Some(numeral.clone());
                self.heading_part = self.part;
                self.lead.clear();
            }
            Code::Number(n) => {
                let roman = self.roman.clone().unwrap_or_default();
                if k.contains("muc tieu cu the") {
                    self.targets_heading = Some(n.clone());
                }
                let under_targets = self.targets_heading.as_ref().is_some_and(|t| n.starts_with(&format!("{t}.")));
                if !under_targets && !n.contains('.') && self.targets_heading.as_deref() != Some(n) {
                    self.targets_heading = None;
                }
                self.heading_part = if under_targets { Some(Part::Targets) } else { self.part };
                self.heading_section = Some(if n.contains('.') { n.clone() } else { format!("{roman}.{n}") });
                self.lead = if self.part == Some(Part::Assignments) { split_units(&title) } else { Vec::new() };
            }
            Code::Letter(_) => {}
        }
        self.items.push(Item {
            section: self.roman.clone(),
            code: Some(label),
            kind: ItemKind::Group,
            text: title,
            unit: None,
            targets: Vec::new(),
            deadline: None,
            roles: Roles::default(),
            note: None,
            line,
        });
    }

    fn bullet(&mut self, line: usize, text: String) {
        let kind = match self.heading_part {
            Some(Part::Targets) => ItemKind::Indicator,
            Some(Part::Tasks | Part::Assignments) => ItemKind::Task,
            Some(Part::Other) | None => {
                self.last_was_bullet = false;
                return;
            }
        };
        self.running += 1;
        self.last_was_bullet = true;
        let roles = Roles { lead: self.lead.clone(), ..Roles::default() };
        self.items.push(Item {
            section: self.heading_section.clone(),
            code: Some(self.running.to_string()),
            kind,
            text,
            unit: None,
            targets: Vec::new(),
            deadline: None,
            roles,
            note: None,
            line,
        });
        self.finish_last();
    }

    /// A paragraph that starts in lower case continues the bullet before it (a page break).
    fn continue_last(&mut self, line: usize, text: &str) {
        if !self.last_was_bullet {
            return;
        }
        if let Some(item) = self.items.last_mut() {
            item.text.push(' ');
            item.text.push_str(text);
            self.warnings
                .push(Warning::at(line, format!("joined to the item on line {} (a page break cut it)", item.line)));
        }
        self.finish_last();
    }

    /// Reads the targets of the last item from its (possibly grown) text.
    fn finish_last(&mut self) {
        let Some(item) = self.items.last_mut() else { return };
        if item.kind == ItemKind::Group {
            return;
        }
        item.targets = read_sentence(&item.text);
        let mut units = item.targets.iter().filter(|t| t.value.is_some()).map(|t| t.unit.clone());
        item.unit = units.next().flatten().filter(|first| units.all(|u| u.as_ref() == Some(first)));
    }
}

fn part_of(title_key: &str) -> Part {
    if title_key.contains("to chuc thuc hien") {
        Part::Assignments
    } else if ["nhiem vu", "giai phap", "phan cong"].iter().any(|w| title_key.contains(w)) {
        Part::Tasks
    } else {
        Part::Other
    }
}

fn classify(raw: &str) -> Line {
    let trimmed = raw.trim();
    let is_markdown_heading = trimmed.starts_with('#');
    let text = plain(trimmed.trim_start_matches('#'));
    for marker in ["- ", "+ ", "• ", "– ", "* "] {
        if let Some(rest) = trimmed.strip_prefix(marker) {
            return Line::Bullet(plain(rest));
        }
    }
    let bold = trimmed.starts_with("**") || trimmed.trim_start_matches('#').trim().starts_with("**");
    if let Some((first, rest)) = text.split_once(' ')
        && let Some(number) = Code::parse(first)
        && first.ends_with(['.', ')'])
        && (is_markdown_heading || bold || text.chars().count() < 150)
        && !text.ends_with([';', ','])
    {
        return Line::Heading { number, title: rest.trim().to_owned() };
    }
    Line::Text(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<Block> {
        crate::text::blocks(text)
    }

    #[test]
    fn targets_are_the_bullets_under_mục_tiêu_cụ_thể() {
        let plan = read_narrative(&blocks(
            "## II. MỤC TIÊU\n### 1. Mục tiêu chung\n- Thống nhất phương châm.\n## **2. Mục tiêu cụ thể**\n\
             ### *2.1. Về hạ tầng số*\n- Tỷ lệ phủ sóng 5G trên dân số: Đạt tối thiểu 70%.\n\
             - Tỷ lệ hộ gia đình có cáp quang: Đạt 100%.\n#### 2.2. Về dữ liệu số\n- Số hóa di tích: Đạt tối thiểu 50%.\n\
             ### **III. NHIỆM VỤ, GIẢI PHÁP**\n#### **1. Thể chế**\n- Rà soát quy định.\n",
        ))
        .unwrap();
        let summary: Vec<(ItemKind, Option<&str>, Option<&str>)> =
            plan.items.iter().map(|i| (i.kind, i.section.as_deref(), i.code.as_deref())).collect();
        assert_eq!(
            summary,
            [
                (ItemKind::Group, Some("II"), Some("II")),
                (ItemKind::Group, Some("II"), Some("1")),
                (ItemKind::Group, Some("II"), Some("2")),
                (ItemKind::Group, Some("II"), Some("2.1")),
                (ItemKind::Indicator, Some("2.1"), Some("1")),
                (ItemKind::Indicator, Some("2.1"), Some("2")),
                (ItemKind::Group, Some("II"), Some("2.2")),
                (ItemKind::Indicator, Some("2.2"), Some("1")),
                (ItemKind::Group, Some("III"), Some("III")),
                (ItemKind::Group, Some("III"), Some("1")),
                (ItemKind::Task, Some("III.1"), Some("1")),
            ]
        );
        assert_eq!(plan.items[4].targets.len(), 1);
        assert_eq!(plan.items[4].line, 6);
    }

    #[test]
    fn a_lower_case_paragraph_continues_the_bullet_a_page_break_cut() {
        let plan = read_narrative(&blocks(
            "## II. MỤC TIÊU\n## 2. Mục tiêu cụ thể\n### 2.1. Hạ tầng\n- Tỷ lệ phủ sóng 5G trên dân\n\nsố: Đạt tối thiểu 70%.\n",
        ))
        .unwrap();
        let item = plan.items.last().unwrap();
        assert_eq!(item.text, "Tỷ lệ phủ sóng 5G trên dân số: Đạt tối thiểu 70%.");
        assert_eq!(item.targets.len(), 1);
        assert_eq!(plan.warnings[0].line, Some(6));
    }

    #[test]
    fn tổ_chức_thực_hiện_headings_name_the_lead_units() {
        let plan = read_narrative(&blocks(
            "## II. MỤC TIÊU\n## 2. Mục tiêu cụ thể\n### 2.1. Hạ tầng\n- Phủ sóng 5G: Đạt 70%.\n\
             ## VI. TỔ CHỨC THỰC HIỆN\n### **7. Các Sở, ban, ngành và UBND các xã, phường**\n- Ban hành kế hoạch.\n",
        ))
        .unwrap();
        let task = plan.items.last().unwrap();
        assert_eq!(task.kind, ItemKind::Task);
        assert_eq!(task.section.as_deref(), Some("VI.7"));
        assert_eq!(task.roles.lead, ["Các Sở, ban, ngành", "UBND các xã, phường"]);
    }
}
