//! Laying rows out down pages: a section's title stays with its table header and first row,
//! the table header repeats at the top of every page its table continues on, a row stays with
//! the next one when it asks to, a row opening a page brings the row it carries (its item's name),
//! and a row is cut (between lines) only when taller than a page.

use super::table::Row;

/// A titled table, or just rows when it has neither title nor header.
#[derive(Debug)]
pub(super) struct Section {
    pub title: Option<Row>,
    /// The table's header rows (none for plain rows).
    pub header: Vec<Row>,
    pub rows: Vec<Row>,
}

/// A row at its place on a page.
#[derive(Debug)]
pub(super) struct Placed {
    pub y: f32,
    pub row: Row,
}

/// The rows of each page, with the body running from `top` to `bottom`.
pub(super) fn paginate(sections: Vec<Section>, top: f32, bottom: f32) -> Vec<Vec<Placed>> {
    let mut pages = Pages { done: Vec::new(), page: Vec::new(), y: top, top, bottom, header: Vec::new() };
    for section in sections {
        pages.section(section);
    }
    pages.done.push(pages.page);
    pages.done
}

struct Pages {
    done: Vec<Vec<Placed>>,
    page: Vec<Placed>,
    y: f32,
    top: f32,
    bottom: f32,
    /// The header of the table being laid out, repeated on each new page.
    header: Vec<Row>,
}

impl Pages {
    fn section(&mut self, section: Section) {
        let Section { title, header, rows } = section;
        self.header.clear();
        let lead: Vec<&Row> = title.iter().chain(&header).chain(rows.first()).collect();
        let space = lead.first().map_or(0.0, |r| r.space_above);
        if !self.page.is_empty() && !self.fits(lead.iter().map(|r| r.height()).sum::<f32>() + space) {
            self.new_page();
        }
        if let Some(title) = title {
            self.place(title);
        }
        self.header = header;
        self.place_header();
        let mut rows = rows.into_iter().peekable();
        while let Some(row) = rows.next() {
            let partner = if row.keep_with_next { rows.peek().map_or(0.0, Row::height) } else { 0.0 };
            if !self.fits(row.height() + partner) && self.breaking_gains_room() {
                let on_fresh_page = self.header_height() + row.height() + partner;
                if on_fresh_page <= self.bottom - self.top || !self.fits(row.height()) {
                    self.new_page();
                    if let Some(carry) = &row.carry {
                        self.place(Row::clone(carry));
                    }
                }
            }
            self.place_cutting(row);
        }
    }

    /// Places a row, cutting it over as many pages as it needs.
    fn place_cutting(&mut self, mut row: Row) {
        loop {
            match row.split(self.bottom - self.y) {
                Err(whole) => return self.place(whole),
                Ok((first, rest)) => {
                    self.place(first);
                    self.new_page();
                    row = rest;
                }
            }
        }
    }

    fn fits(&self, height: f32) -> bool {
        self.y + height <= self.bottom + 0.01
    }

    /// Whether a new page would offer more room than what is left on this one.
    fn breaking_gains_room(&self) -> bool {
        self.y > self.top + self.header_height() + 0.01
    }

    fn header_height(&self) -> f32 {
        self.header.iter().map(Row::height).sum()
    }

    fn place_header(&mut self) {
        for row in self.header.clone() {
            self.place(row);
        }
    }

    fn new_page(&mut self) {
        self.done.push(std::mem::take(&mut self.page));
        self.y = self.top;
        self.place_header();
    }

    fn place(&mut self, row: Row) {
        if !self.page.is_empty() {
            self.y += row.space_above;
        }
        let height = row.height();
        self.page.push(Placed { y: self.y, row });
        self.y += height;
    }
}

#[cfg(test)]
mod tests {
    use super::super::fonts::Faces;
    use super::super::table::{Cell, Style};
    use super::*;

    fn row(faces: &Faces, text: &str) -> Row {
        Row::new(vec![Cell::new(faces, 0.0, 100.0, text, Style::plain(8.0))])
    }

    fn texts(page: &[Placed]) -> Vec<String> {
        page.iter().map(|p| p.row.cells[0].lines.join(" ")).collect()
    }

    #[test]
    fn the_header_repeats_on_every_page_and_rows_never_overlap_or_overflow() {
        let faces = Faces::load().expect("fonts");
        let rows: Vec<Row> = (1..=40).map(|n| row(&faces, &format!("Dòng {n}"))).collect();
        let section = Section { title: Some(row(&faces, "Tiêu đề")), header: vec![row(&faces, "STT")], rows };
        let pages = paginate(vec![section], 50.0, 200.0);
        assert!(pages.len() >= 3, "{}", pages.len());
        assert_eq!(texts(&pages[0])[..2], ["Tiêu đề", "STT"]);
        for page in &pages[1..] {
            assert_eq!(texts(page)[0], "STT");
        }
        let body: Vec<String> = pages.iter().flat_map(|p| texts(p)).filter(|t| t.starts_with("Dòng")).collect();
        assert_eq!(body, (1..=40).map(|n| format!("Dòng {n}")).collect::<Vec<_>>());
        for page in &pages {
            for pair in page.windows(2) {
                assert!(pair[0].y + pair[0].row.height() <= pair[1].y + 1e-3);
            }
            let last = page.last().expect("a row");
            assert!(last.y + last.row.height() <= 200.01);
        }
    }

    #[test]
    fn a_row_that_keeps_with_the_next_is_not_left_alone_at_the_bottom() {
        let faces = Faces::load().expect("fonts");
        let mut rows: Vec<Row> = (1..=9).map(|n| row(&faces, &format!("Dòng {n}"))).collect();
        rows[8].keep_with_next = true;
        rows.push(row(&faces, "Đơn vị"));
        // Each row is 15 pt: row 9 alone fits in 145 pt, row 9 with the next does not.
        let pages = paginate(vec![Section { title: None, header: Vec::new(), rows }], 0.0, 145.0);
        assert_eq!(pages.len(), 2);
        assert_eq!(texts(&pages[1]), ["Dòng 9", "Đơn vị"]);
    }

    #[test]
    fn a_row_opening_a_page_brings_the_row_it_carries() {
        let faces = Faces::load().expect("fonts");
        let item = std::rc::Rc::new(row(&faces, "1.1. (tiếp theo)"));
        let mut rows = vec![row(&faces, "1.1.")];
        for n in 1..=12 {
            let mut unit = row(&faces, &format!("Xã {n}"));
            unit.carry = Some(item.clone());
            rows.push(unit);
        }
        let pages = paginate(vec![Section { title: None, header: vec![row(&faces, "STT")], rows }], 0.0, 100.0);
        assert!(pages.len() >= 3);
        assert_eq!(texts(&pages[0])[..3], ["STT", "1.1.", "Xã 1"]);
        for page in &pages[1..] {
            assert_eq!(texts(page)[..2], ["STT", "1.1. (tiếp theo)"]);
            assert!(texts(page)[2].starts_with("Xã "));
        }
    }

    #[test]
    fn a_row_taller_than_a_page_is_cut_between_lines() {
        let faces = Faces::load().expect("fonts");
        let long = "Ủy ban nhân dân xã Gia Viễn ".repeat(40);
        let rows = vec![row(&faces, "Dòng 1"), row(&faces, &long)];
        let pages = paginate(vec![Section { title: None, header: vec![row(&faces, "STT")], rows }], 0.0, 120.0);
        assert!(pages.len() >= 3);
        let words: Vec<String> = pages.iter().flat_map(|p| texts(p)).filter(|t| t != "STT" && t != "Dòng 1").collect();
        assert_eq!(words.join(" "), long.trim());
        assert!(pages.iter().all(|p| p.iter().all(|r| r.y + r.row.height() <= 120.01)));
    }
}
