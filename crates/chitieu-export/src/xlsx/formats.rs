//! The cell formats of the workbook, built once per export: bordered, wrapped, top-aligned
//! cells; bold groups; status cells filled by tone; numbers shown the way their text words them.

use std::collections::HashMap;

use chitieu_core::evaluate::Status;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder};

use super::number_format::number_format;
use crate::tone::{PALETTES, tone_index};

const HEADER_FILL: u32 = 0x00DD_E6F1;
const GROUP_FILL: u32 = 0x00F2_F2F2;

#[derive(Debug)]
pub(super) struct Formats {
    /// The plan's title above the table.
    pub title: Format,
    /// The lines under the title (reference, period, date).
    pub subtitle: Format,
    /// Column headings.
    pub header: Format,
    /// Ordinary text cells.
    pub text: Format,
    /// Short centred cells: STT, deadline.
    pub center: Format,
    /// A group row's cells.
    pub group: Format,
    /// A cell with nothing to say (a unit that owes nothing).
    pub blank: Format,
    /// Counts of reports.
    pub count: Format,
    /// Rates of reports, as percentages of a fraction.
    pub percent: Format,
    /// A totals row's label, count and rate.
    pub total_text: Format,
    pub total_count: Format,
    pub total_percent: Format,
    status: [Format; 4],
    numbers: HashMap<String, Format>,
}

fn cell() -> Format {
    Format::new().set_border(FormatBorder::Thin).set_text_wrap().set_align(FormatAlign::Top)
}

impl Formats {
    pub fn new() -> Formats {
        let count = cell().set_num_format("#,##0");
        let percent = cell().set_num_format("0.0%");
        Formats {
            title: Format::new().set_bold().set_font_size(14).set_align(FormatAlign::Center).set_text_wrap(),
            subtitle: Format::new().set_align(FormatAlign::Center).set_text_wrap(),
            header: cell()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(HEADER_FILL),
            text: cell(),
            center: cell().set_align(FormatAlign::Center),
            group: cell().set_bold().set_background_color(GROUP_FILL),
            blank: cell(),
            total_text: cell().set_bold(),
            total_count: count.clone().set_bold(),
            total_percent: percent.clone().set_bold(),
            count,
            percent,
            status: PALETTES.map(|palette| cell().set_background_color(palette.fill).set_font_color(palette.ink)),
            numbers: HashMap::new(),
        }
    }

    /// The cell format of a verdict, filled by its tone.
    pub fn status(&self, status: Status) -> &Format {
        &self.status[tone_index(status)]
    }

    /// The cell format of a result written as a number, showing it as `actual` words it.
    pub fn number(&mut self, actual: &str, number: f64) -> &Format {
        let code = number_format(actual, number);
        self.numbers.entry(code).or_insert_with_key(|code| cell().set_align(FormatAlign::Right).set_num_format(code))
    }
}
