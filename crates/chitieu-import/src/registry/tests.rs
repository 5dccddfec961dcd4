use chitieu_core::plan::Date;
use chitieu_core::registry::OrgKind;

use super::*;

fn orgs(text: &str) -> Vec<OrgRecord> {
    match read_registry("don-vi.csv", text.as_bytes()).unwrap() {
        RegistryFile::Orgs(orgs) => orgs,
        RegistryFile::Groups(g) => panic!("expected units, got groups {g:?}"),
    }
}

fn err(text: &str) -> String {
    read_registry("don-vi.csv", text.as_bytes()).unwrap_err().to_string()
}

#[test]
fn a_csv_of_units_reads_every_column_by_its_vietnamese_header() {
    let text = "\u{feff}Tên đơn vị (*),Loại,Đơn vị cấp trên,Tên khác,Dân số,Từ ngày,Đến ngày,Mẫu,Ghi chú\n\
                UBND tỉnh Ninh Bình,tỉnh,,\"UBND tỉnh; Ủy ban nhân dân tỉnh Ninh Bình\",,,,,\n\
                \"Xã Gia Viễn (mẫu)\",xã,UBND tỉnh,,\"52.310\",01/07/2025,,x,demo\n\
                Thành phố Tam Điệp,commune,UBND tỉnh Ninh Bình,TP Tam Điệp,,,2025-06-30,,\n";
    let orgs = orgs(text);
    assert_eq!(orgs.len(), 3);
    assert_eq!(
        orgs[0],
        OrgRecord {
            name: "UBND tỉnh Ninh Bình".into(),
            kind: OrgKind::Province,
            parent: None,
            aliases: vec!["UBND tỉnh".into(), "Ủy ban nhân dân tỉnh Ninh Bình".into()],
            population: None,
            active_from: None,
            active_to: None,
            sample: false,
            line: 2,
        }
    );
    assert_eq!(orgs[1].parent.as_deref(), Some("UBND tỉnh"));
    assert_eq!(orgs[1].population, Some(52_310));
    assert_eq!(orgs[1].active_from, Date::new(2025, 7, 1));
    assert!(orgs[1].sample);
    assert_eq!((orgs[2].kind, orgs[2].active_to, orgs[2].line), (OrgKind::Commune, Date::new(2025, 6, 30), 4));
}

#[test]
fn a_members_column_makes_a_list_of_groups() {
    let text = "name,member_kind,scope,members,aliases\n\
                \"Các sở, ban, ngành\",department,,,\"Các Sở ban ngành; các sở, ngành\"\n\
                Các doanh nghiệp viễn thông,,,VNPT Ninh Bình; Viettel Ninh Bình,\n\
                \"Các cơ quan, đơn vị – Xã A\",office,Xã A,,\n";
    let RegistryFile::Groups(groups) = read_registry("nhom.csv", text.as_bytes()).unwrap() else { panic!() };
    assert_eq!(
        groups[0],
        GroupRecord {
            name: "Các sở, ban, ngành".into(),
            member_kind: Some(OrgKind::Department),
            scope: None,
            members: Vec::new(),
            aliases: vec!["Các Sở ban ngành".into(), "các sở, ngành".into()],
            line: 2,
        }
    );
    assert_eq!(groups[1].members, ["VNPT Ninh Bình", "Viettel Ninh Bình"]);
    assert_eq!((groups[2].member_kind, groups[2].scope.as_deref()), (Some(OrgKind::Office), Some("Xã A")));
    let vietnamese = "Tên nhóm;Loại thành viên;Thuộc;Thành viên\nUBND các xã, phường;xã;;\n";
    let RegistryFile::Groups(groups) = read_registry("nhom.csv", vietnamese.as_bytes()).unwrap() else { panic!() };
    assert_eq!((groups[0].name.as_str(), groups[0].member_kind), ("UBND các xã, phường", Some(OrgKind::Commune)));
}

/// A workbook whose first sheet holds a title (when given) above a header and one unit, with a
/// number and a date cell; a second sheet that must not be read.
fn workbook(title: Option<&str>) -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let top = u32::from(title.is_some());
    if let Some(title) = title {
        sheet.write_string(0, 0, title).unwrap();
    }
    for (c, h) in ["Tên đơn vị", "Loại", "Đơn vị cấp trên", "Dân số", "Đến ngày", "Mẫu"].iter().enumerate()
    {
        sheet.write_string(top, c as u16, *h).unwrap();
    }
    for (c, v) in ["Thành phố Tam Điệp", "Xã", "UBND tỉnh Ninh Bình"].iter().enumerate() {
        sheet.write_string(top + 3, c as u16, *v).unwrap();
    }
    sheet.write_number(top + 3, 3, 104_000.0).unwrap();
    let date = ExcelDateTime::from_ymd(2025, 6, 30).unwrap();
    sheet.write_datetime_with_format(top + 3, 4, &date, &Format::new().set_num_format("dd/mm/yyyy")).unwrap();
    sheet.write_string(top + 3, 5, "có").unwrap();
    book.add_worksheet().write_string(0, 0, "other sheet").unwrap();
    book.save_to_buffer().unwrap()
}

#[test]
fn a_workbook_reads_its_first_sheet() {
    let RegistryFile::Orgs(orgs) = read_registry("don-vi.xlsx", &workbook(None)).unwrap() else { panic!() };
    assert_eq!(
        orgs,
        [OrgRecord {
            name: "Thành phố Tam Điệp".into(),
            kind: OrgKind::Commune,
            parent: Some("UBND tỉnh Ninh Bình".into()),
            aliases: Vec::new(),
            population: Some(104_000),
            active_from: None,
            active_to: Date::new(2025, 6, 30),
            sample: true,
            line: 4,
        }]
    );
    // A title above the header is not a header: the first row must name the columns.
    assert_eq!(
        read_registry("don-vi.xlsx", &workbook(Some("Danh mục đơn vị"))).unwrap_err().to_string(),
        "don-vi.xlsx: line 1: no name column; expected the first row to name one \"Tên đơn vị\" (or \"name\")"
    );
}

const HEAD: &str = "name,kind,parent,population,active_from,active_to,sample\n";

#[test]
fn bad_cells_are_refused_with_file_line_and_field() {
    let kinds = "province, department, commune, office, party_body, enterprise, police, bank, school, other \
                 (or tỉnh, sở, xã, phòng, đảng, doanh nghiệp, công an, ngân hàng, trường, khác)";
    assert_eq!(
        err(&format!("{HEAD}Tỉnh,province\nA,sở\nB,sở\nC,sở\nD,sở\nE,sở\nF,sở x\n")),
        format!("don-vi.csv: line 8: kind \"sở x\" is not one of {kinds}")
    );
    assert_eq!(
        err(&format!("{HEAD}A,\n")),
        format!("don-vi.csv: line 2: the kind of \"A\" is empty; expected one of {kinds}")
    );
    assert_eq!(
        err(&format!("{HEAD}A,sở\n,sở,A\n")),
        "don-vi.csv: line 3: the name (column \"name\") is empty; every row needs one"
    );
    assert_eq!(
        err(&format!("{HEAD}A,sở,,,,31/02/2025\n")),
        "don-vi.csv: line 2: active_to \"31/02/2025\" is not a date; expected dd/mm/yyyy or yyyy-mm-dd"
    );
    assert_eq!(
        err(&format!("{HEAD}A,sở,,,01/07/2025,30/06/2025\n")),
        "don-vi.csv: line 2: active_from 01/07/2025 is after active_to 30/06/2025"
    );
    assert_eq!(
        err(&format!("{HEAD}A,xã,,52.3\n")),
        "don-vi.csv: line 2: population \"52.3\" is not a whole number of people; expected digits, thousands \
         grouped by dots (52.310)"
    );
    assert_eq!(
        err(&format!("{HEAD}A,xã,,,,,maybe\n")),
        "don-vi.csv: line 2: sample \"maybe\" is not yes or no; expected x, có, 1 or true (or empty for no)"
    );
}

#[test]
fn names_given_twice_and_parents_in_a_circle_are_refused() {
    assert_eq!(
        err(&format!("{HEAD}Tỉnh,tỉnh\nSở Y tế,sở,Tỉnh\nSở Y Tế,sở,Tỉnh\n")),
        "don-vi.csv: line 4: \"Sở Y Tế\" is already on line 3; units under one parent need different names"
    );
    // One office name under two communes is two units.
    let ok = format!("{HEAD}Xã A,xã\nXã B,xã\nVăn phòng HĐND - UBND,phòng,Xã A\nVP HĐND-UBND,phòng,Xã B\n");
    assert_eq!(orgs(&ok).len(), 4);
    assert_eq!(
        err(&format!("{ok}Bộ phận một cửa,phòng,Văn phòng HĐND - UBND\n")),
        "don-vi.csv: line 6: parent \"Văn phòng HĐND - UBND\" names 2 units of this file (lines 4, 5); give the \
         parent a name of its own"
    );
    assert_eq!(
        err(&format!("{HEAD}Tỉnh,tỉnh\nA,sở,C\nB,sở,A\nC,sở,B\n")),
        "don-vi.csv: line 3: parent \"C\" leads back to \"A\" (A → C → B → A); a unit cannot be under itself"
    );
    assert_eq!(
        err(&format!("{HEAD}A,sở,a\n")),
        "don-vi.csv: line 2: parent \"a\" leads back to \"A\" (A → A); a unit cannot be under itself"
    );
    // A parent the file does not hold is the store's to find.
    assert_eq!(
        orgs(&format!("{HEAD}Sở Y tế,sở,UBND tỉnh Ninh Bình\n"))[0].parent.as_deref(),
        Some("UBND tỉnh Ninh Bình")
    );
    assert_eq!(
        read_registry("nhom.csv", "name,members\nCác sở,A\ncác Sở,B\n".as_bytes()).unwrap_err().to_string(),
        "nhom.csv: line 3: group \"các Sở\" is already on line 2; groups need different names"
    );
}

#[test]
fn headers_that_do_not_make_a_registry_are_refused() {
    assert_eq!(
        err("Đơn vị cấp trên,Loại\nA,sở\n"),
        "don-vi.csv: line 1: no name column; expected the first row to name one \"Tên đơn vị\" (or \"name\")"
    );
    assert_eq!(
        err("\n\nTên đơn vị,Dân số\nA,5\n"),
        "don-vi.csv: line 3: no kind column; expected the first row to name one \"Loại\" (or \"kind\")"
    );
    assert_eq!(
        err("Tên,Name,Loại\n"),
        "don-vi.csv: line 1: columns 1 (\"Tên\") and 2 (\"Name\") both give the name; keep one"
    );
    assert_eq!(
        read_registry("nhom.csv", "tên,loại thành viên\nA,sở x\n".as_bytes()).unwrap_err().to_string(),
        "nhom.csv: line 2: member_kind \"sở x\" is not one of province, department, commune, office, party_body, \
         enterprise, police, bank, school, other (or tỉnh, sở, xã, phòng, đảng, doanh nghiệp, công an, ngân hàng, \
         trường, khác)"
    );
}

#[test]
fn empty_binary_and_word_files_are_not_registries() {
    let expected = "expected a CSV file (UTF-8 text) or an .xlsx workbook whose first row names the columns \
                    (tên đơn vị, loại, đơn vị cấp trên, tên khác, …)";
    assert_eq!(err(""), format!("don-vi.csv: not a unit registry: the file is empty; {expected}"));
    assert_eq!(err(" \n,,\n"), format!("don-vi.csv: not a unit registry: the file is empty; {expected}"));
    assert_eq!(
        read_registry("x.bin", &[0, 1, 2, 3, 200, 5, 6, 7, 8]).unwrap_err().to_string(),
        format!("x.bin: not a unit registry: binary data, not text; {expected}")
    );
    assert_eq!(
        read_registry("x.docx", b"PK\x03\x04").unwrap_err().to_string(),
        format!("x.docx: not a unit registry: this is a Word document; {expected}")
    );
    assert!(read_registry("x.xlsx", b"PK\x03\x04broken").unwrap_err().to_string().starts_with("x.xlsx: damaged"));
    assert_eq!(orgs("name,kind\n").len(), 0);
}
