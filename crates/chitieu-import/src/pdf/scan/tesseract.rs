//! The `tesseract` command: whether it is there with its Vietnamese model, and one run over a
//! batch of images (a list file, so the model loads once) whose TSV output gives each word's
//! image, box and confidence. OpenMP is kept to one thread per process: on a busy two-core
//! machine Tesseract's own threads made a page six times slower (5.8 s against 0.9 s).

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use image::GrayImage;

use super::ScanError;

const PROGRAM: &str = "tesseract";

/// Whether OCR can run: the `tesseract` command answers and lists the `vie` model.
pub fn ocr_available() -> Result<(), ScanError> {
    check(PROGRAM)
}

fn check(program: &str) -> Result<(), ScanError> {
    let output = Command::new(program).arg("--list-langs").stdin(Stdio::null()).output().map_err(|e| {
        ScanError::TesseractMissing(if e.kind() == std::io::ErrorKind::NotFound {
            format!("no `{program}` on PATH")
        } else {
            format!("`{program} --list-langs` could not start: {e}")
        })
    })?;
    let listed = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(ScanError::TesseractMissing(format!(
            "`tesseract --list-langs` failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    if !listed.lines().any(|l| l.trim() == "vie") {
        let langs: Vec<&str> = listed.lines().skip(1).map(str::trim).collect();
        return Err(ScanError::TesseractMissing(format!(
            "it lists {} but not `vie`",
            if langs.is_empty() { "no languages".to_owned() } else { langs.join(", ") }
        )));
    }
    Ok(())
}

/// One word as Tesseract read it, in the pixels of the image it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Read {
    /// Index of the image in the batch.
    pub image: usize,
    pub text: String,
    pub left: u32,
    pub top: u32,
    pub width: u32,
    pub height: u32,
    pub confidence: f32,
}

/// Whether Tesseract lists the model `lang` (e.g. "eng"), asked once per process.
pub fn has_model(lang: &'static str) -> bool {
    static LISTED: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let listed = LISTED.get_or_init(|| {
        Command::new(PROGRAM)
            .arg("--list-langs")
            .stdin(Stdio::null())
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).lines().skip(1).map(|l| l.trim().to_owned()).collect())
            .unwrap_or_default()
    });
    listed.iter().any(|l| l == lang)
}

/// Reads `images` with model `lang` and page segmentation mode `psm` in one `tesseract`
/// process, its work files in `dir`.
pub fn read(images: &[&GrayImage], lang: &str, psm: u8, dpi: f32, dir: &Path) -> Result<Vec<Read>, ScanError> {
    if images.is_empty() {
        return Ok(Vec::new());
    }
    let mut list = String::new();
    for (i, image) in images.iter().enumerate() {
        let path = dir.join(format!("{i}.pgm"));
        write_pgm(image, &path)?;
        list.push_str(&path.to_string_lossy());
        list.push('\n');
    }
    let input = if images.len() == 1 {
        dir.join("0.pgm")
    } else {
        let path = dir.join("list.txt");
        std::fs::write(&path, list)?;
        path
    };
    let output = Command::new(PROGRAM)
        .arg(&input)
        .arg("stdout")
        .args(["-l", lang, "--psm", &psm.to_string(), "--dpi", &format!("{}", dpi.round())])
        .arg("tsv")
        .env("OMP_THREAD_LIMIT", "1")
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                ScanError::TesseractMissing(format!("no `{PROGRAM}` on PATH"))
            } else {
                ScanError::Io(e)
            }
        })?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        if stderr.contains("Failed loading language") {
            return Err(ScanError::TesseractMissing(format!("its `{lang}` model did not load: {}", stderr.trim())));
        }
        let stderr = stderr.trim();
        let tail = stderr.char_indices().rev().nth(2000).map_or(stderr, |(i, _)| &stderr[i..]);
        return Err(ScanError::TesseractFailed { status: output.status.to_string(), stderr: tail.to_owned() });
    }
    parse_tsv(&String::from_utf8_lossy(&output.stdout))
}

fn write_pgm(image: &GrayImage, path: &Path) -> std::io::Result<()> {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path)?);
    write!(file, "P5\n{} {}\n255\n", image.width(), image.height())?;
    file.write_all(image.as_raw())?;
    file.flush()
}

/// The word rows (level 5) of Tesseract's TSV, whose columns are `level page_num block_num
/// par_num line_num word_num left top width height conf text`.
fn parse_tsv(tsv: &str) -> Result<Vec<Read>, ScanError> {
    let mut out = Vec::new();
    for line in tsv.lines().skip(1) {
        let fields: Vec<&str> = line.splitn(12, '\t').collect();
        if fields.len() < 12 || fields[0] != "5" || fields[11].trim().is_empty() {
            continue;
        }
        let number = |i: usize| -> Result<u32, ScanError> {
            fields[i].parse().map_err(|_| ScanError::TesseractOutput(format!("bad number in {line:?}")))
        };
        let page: u32 = number(1)?;
        out.push(Read {
            image: page.saturating_sub(1) as usize,
            text: fields[11].trim().to_owned(),
            left: number(6)?,
            top: number(7)?,
            width: number(8)?,
            height: number(9)?,
            confidence: fields[10]
                .parse()
                .map_err(|_| ScanError::TesseractOutput(format!("bad confidence in {line:?}")))?,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_word_rows_of_the_tsv() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
                   1\t1\t0\t0\t0\t0\t0\t0\t1140\t240\t-1\t\n\
                   5\t1\t1\t1\t1\t1\t23\t7\t76\t54\t75.112762\tChỉ\n\
                   5\t2\t1\t1\t1\t2\t473\t7\t80\t36\t96.5\tTên\n\
                   5\t2\t1\t1\t1\t3\t473\t7\t80\t36\t96.5\t \n";
        let words = parse_tsv(tsv).expect("parses");
        assert_eq!(words.len(), 2);
        assert_eq!(
            words[1],
            Read { image: 1, text: "Tên".into(), left: 473, top: 7, width: 80, height: 36, confidence: 96.5 }
        );
    }

    #[test]
    fn a_missing_command_names_the_packages() {
        let err = check("tesseract-that-is-not-installed").expect_err("missing");
        let message = err.to_string();
        assert!(message.contains("tesseract-ocr and tesseract-ocr-vie"), "{message}");
        assert!(message.contains("no `tesseract-that-is-not-installed` on PATH"), "{message}");
    }

    #[test]
    fn a_garbled_row_is_an_error() {
        let tsv = "header\n5\t1\t1\t1\t1\t1\tx\t7\t76\t54\t75\tChỉ\n";
        assert!(matches!(parse_tsv(tsv), Err(ScanError::TesseractOutput(_))));
    }
}
