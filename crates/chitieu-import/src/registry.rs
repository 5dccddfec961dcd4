//! Unit-registry files as an administrator keeps them: a list of units or a list of groups, in
//! CSV or in a workbook's first sheet. Columns are found by their header words (Vietnamese or
//! English, case and diacritics aside): a "members"/"thành viên" or `member_kind`/"loại thành
//! viên" column makes it a list of groups. Names that point elsewhere (a parent, a group's
//! members and scope) are kept as written: the store settles them against the units it already
//! holds. What the file alone can prove wrong is refused here, with its line: an empty name, an
//! unknown kind, a bad date or population, a name given twice, a parent that leads back to itself.

mod check;
mod csv;
mod fields;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use chitieu_core::text::fold;

use crate::{Format, ImportError};

pub use chitieu_core::registry::{GroupRecord, OrgRecord};

/// What a registry file lists.
#[derive(Debug, Clone, PartialEq)]
pub enum RegistryFile {
    Orgs(Vec<OrgRecord>),
    Groups(Vec<GroupRecord>),
}

/// One non-empty row: its line (CSV) or sheet row number (workbook) and its values by column.
#[derive(Debug)]
pub(crate) struct Row {
    pub(crate) line: usize,
    pub(crate) cells: BTreeMap<usize, String>,
}

/// The fields a column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Field {
    Name,
    Kind,
    Parent,
    Aliases,
    Population,
    ActiveFrom,
    ActiveTo,
    Sample,
    MemberKind,
    Scope,
    Members,
}

impl Field {
    /// How the messages name the field.
    fn as_str(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Kind => "kind",
            Field::Parent => "parent",
            Field::Aliases => "aliases",
            Field::Population => "population",
            Field::ActiveFrom => "active_from",
            Field::ActiveTo => "active_to",
            Field::Sample => "sample",
            Field::MemberKind => "member_kind",
            Field::Scope => "scope",
            Field::Members => "members",
        }
    }
}

/// Header words (diacritics folded) and the field they name. A header is read by the longest
/// of these it starts with, so "tên khác" is aliases, not name, and "Tên đơn vị (*)" is name.
const HEADERS: &[(&str, Field)] = &[
    ("name", Field::Name),
    ("ten", Field::Name),
    ("ten don vi", Field::Name),
    ("ten nhom", Field::Name),
    ("don vi", Field::Name),
    ("kind", Field::Kind),
    ("loai", Field::Kind),
    ("loai don vi", Field::Kind),
    ("parent", Field::Parent),
    ("don vi cap tren", Field::Parent),
    ("cap tren", Field::Parent),
    ("truc thuoc", Field::Parent),
    ("aliases", Field::Aliases),
    ("alias", Field::Aliases),
    ("ten khac", Field::Aliases),
    ("ten goi khac", Field::Aliases),
    ("ten viet tat", Field::Aliases),
    ("population", Field::Population),
    ("dan so", Field::Population),
    ("active from", Field::ActiveFrom),
    ("tu ngay", Field::ActiveFrom),
    ("hieu luc tu", Field::ActiveFrom),
    ("active to", Field::ActiveTo),
    ("den ngay", Field::ActiveTo),
    ("hieu luc den", Field::ActiveTo),
    ("sample", Field::Sample),
    ("mau", Field::Sample),
    ("du lieu mau", Field::Sample),
    ("member kind", Field::MemberKind),
    ("loai thanh vien", Field::MemberKind),
    ("scope", Field::Scope),
    ("thuoc", Field::Scope),
    ("pham vi", Field::Scope),
    ("members", Field::Members),
    ("thanh vien", Field::Members),
    ("cac thanh vien", Field::Members),
    ("don vi thanh vien", Field::Members),
];

/// Reads a registry file; `file` names it in every error.
pub fn read_registry(file: &str, bytes: &[u8]) -> Result<RegistryFile, ImportError> {
    let not_a_registry = |detail: &str| ImportError::NotARegistry { file: file.into(), detail: detail.into() };
    let expected = "expected a CSV file (UTF-8 text) or an .xlsx workbook whose first row names the columns \
                    (tên đơn vị, loại, đơn vị cấp trên, tên khác, …)";
    let rows = match Format::detect(file, bytes) {
        Format::Docx => return Err(not_a_registry(&format!("this is a Word document; {expected}"))),
        Format::Pdf => return Err(not_a_registry(&format!("this is a PDF; {expected}"))),
        Format::Workbook => crate::xlsx::first_sheet_rows(file, bytes)?,
        Format::Text => match crate::decode::decode(file, bytes) {
            Ok(text) => csv::rows(file, &text)?,
            Err(ImportError::Empty { .. }) => Vec::new(),
            Err(ImportError::NotADocument { .. }) => {
                return Err(not_a_registry(&format!("binary data, not text; {expected}")));
            }
            Err(e) => return Err(e),
        },
    };
    let Some((header, body)) = rows.split_first() else {
        return Err(not_a_registry(&format!("the file is empty; {expected}")));
    };
    let columns = Columns::read(file, header)?;
    if columns.has(Field::Members) || columns.has(Field::MemberKind) {
        let groups = body.iter().map(|row| columns.group(file, row)).collect::<Result<Vec<_>, _>>()?;
        check::groups(file, &groups)?;
        Ok(RegistryFile::Groups(groups))
    } else {
        if !columns.has(Field::Kind) {
            return Err(columns.missing(file, Field::Kind, "\"Loại\" (or \"kind\")"));
        }
        let orgs = body.iter().map(|row| columns.org(file, row)).collect::<Result<Vec<_>, _>>()?;
        check::orgs(file, &orgs)?;
        Ok(RegistryFile::Orgs(orgs))
    }
}

/// Which column holds which field, and the header as written (for messages).
struct Columns {
    line: usize,
    by_field: BTreeMap<Field, (usize, String)>,
}

impl Columns {
    fn read(file: &str, header: &Row) -> Result<Columns, ImportError> {
        let mut by_field: BTreeMap<Field, (usize, String)> = BTreeMap::new();
        for (&column, text) in &header.cells {
            let words = fold(text).replace(|c: char| !c.is_alphanumeric(), " ");
            let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
            let found = HEADERS
                .iter()
                .filter(|(phrase, _)| words == *phrase || words.starts_with(&format!("{phrase} ")))
                .max_by_key(|(phrase, _)| phrase.len());
            let Some(&(_, field)) = found else { continue };
            if let Some((first, first_text)) = by_field.get(&field) {
                return Err(ImportError::Registry {
                    file: file.into(),
                    line: header.line,
                    detail: format!(
                        "columns {} (\"{first_text}\") and {} (\"{text}\") both give the {}; keep one",
                        first + 1,
                        column + 1,
                        field.as_str()
                    ),
                });
            }
            by_field.insert(field, (column, text.clone()));
        }
        let columns = Columns { line: header.line, by_field };
        if !columns.has(Field::Name) {
            return Err(columns.missing(file, Field::Name, "\"Tên đơn vị\" (or \"name\")"));
        }
        Ok(columns)
    }

    fn has(&self, field: Field) -> bool {
        self.by_field.contains_key(&field)
    }

    fn missing(&self, file: &str, field: Field, words: &str) -> ImportError {
        ImportError::Registry {
            file: file.into(),
            line: self.line,
            detail: format!("no {} column; expected the first row to name one {words}", field.as_str()),
        }
    }

    /// The cell of `field` in `row`, if the file has the column and the cell holds text.
    fn get<'a>(&self, row: &'a Row, field: Field) -> Option<&'a str> {
        self.by_field.get(&field).and_then(|(column, _)| row.cells.get(column)).map(String::as_str)
    }

    fn name(&self, file: &str, row: &Row) -> Result<String, ImportError> {
        if let Some(name) = self.get(row, Field::Name) {
            return Ok(name.to_owned());
        }
        let header = self.by_field.get(&Field::Name).map(|(_, h)| h.as_str()).unwrap_or_default();
        Err(error(file, row, format!("the name (column \"{header}\") is empty; every row needs one")))
    }

    /// The cell of `field` in `row` read by `read`, `None` when empty.
    fn parse<T>(
        &self,
        file: &str,
        row: &Row,
        field: Field,
        read: impl Fn(&str) -> Result<T, String>,
    ) -> Result<Option<T>, ImportError> {
        self.get(row, field).map(|text| read(text).map_err(|detail| error(file, row, detail))).transpose()
    }

    fn org(&self, file: &str, row: &Row) -> Result<OrgRecord, ImportError> {
        let name = self.name(file, row)?;
        let Some(kind) = self.parse(file, row, Field::Kind, |t| fields::kind("kind", t))? else {
            let detail = format!("the kind of \"{name}\" is empty; expected one of {}", fields::kinds());
            return Err(error(file, row, detail));
        };
        let active_from = self.parse(file, row, Field::ActiveFrom, |t| fields::date("active_from", t))?;
        let active_to = self.parse(file, row, Field::ActiveTo, |t| fields::date("active_to", t))?;
        if let (Some(from), Some(to)) = (active_from, active_to)
            && from > to
        {
            let detail = format!("active_from {} is after active_to {}", fields::show(from), fields::show(to));
            return Err(error(file, row, detail));
        }
        Ok(OrgRecord {
            name,
            kind,
            // "Thuộc" in a list of units means the unit above.
            parent: self.get(row, Field::Parent).or_else(|| self.get(row, Field::Scope)).map(str::to_owned),
            aliases: self.get(row, Field::Aliases).map(fields::list).unwrap_or_default(),
            population: self.parse(file, row, Field::Population, fields::population)?,
            active_from,
            active_to,
            sample: self.parse(file, row, Field::Sample, |t| fields::flag("sample", t))?.unwrap_or(false),
            line: row.line,
        })
    }

    fn group(&self, file: &str, row: &Row) -> Result<GroupRecord, ImportError> {
        Ok(GroupRecord {
            name: self.name(file, row)?,
            member_kind: self.parse(file, row, Field::MemberKind, |t| fields::kind("member_kind", t))?,
            scope: self.get(row, Field::Scope).or_else(|| self.get(row, Field::Parent)).map(str::to_owned),
            members: self.get(row, Field::Members).map(fields::list).unwrap_or_default(),
            aliases: self.get(row, Field::Aliases).map(fields::list).unwrap_or_default(),
            line: row.line,
        })
    }
}

fn error(file: &str, row: &Row, detail: String) -> ImportError {
    ImportError::Registry { file: file.into(), line: row.line, detail }
}
