//! The colours a verdict is shown in, one palette for both formats: a light fill for
//! spreadsheet cells and a dark ink for text (Excel's own Good / Neutral / Bad styles, with
//! amber for warnings and grey for what is not judged).

use chitieu_core::evaluate::{Status, Tone};

/// A fill and the ink that reads on it, as 0xRRGGBB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Palette {
    pub fill: u32,
    pub ink: u32,
}

/// Good, warning, bad, neutral.
pub(crate) const PALETTES: [Palette; 4] = [
    Palette { fill: 0x00C6_EFCE, ink: 0x0000_6100 },
    Palette { fill: 0x00FF_EB9C, ink: 0x009C_5700 },
    Palette { fill: 0x00FF_C7CE, ink: 0x009C_0006 },
    Palette { fill: 0x00E7_E6E6, ink: 0x0059_5959 },
];

/// Where a verdict's tone sits in [`PALETTES`].
pub(crate) fn tone_index(status: Status) -> usize {
    match status.tone() {
        Tone::Good => 0,
        Tone::Warning => 1,
        Tone::Bad => 2,
        Tone::Neutral => 3,
    }
}

pub(crate) fn palette(status: Status) -> Palette {
    PALETTES[tone_index(status)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_verdict_takes_its_tone_s_colours() {
        assert_eq!(palette(Status::Met), PALETTES[0]);
        assert_eq!(palette(Status::Done), PALETTES[0]);
        assert_eq!(palette(Status::AtRisk), PALETTES[1]);
        assert_eq!(palette(Status::Late), PALETTES[2]);
        assert_eq!(palette(Status::NotJudged), PALETTES[3]);
    }

    #[test]
    fn the_tones_are_told_apart() {
        let fills: std::collections::HashSet<u32> = PALETTES.iter().map(|p| p.fill).collect();
        let inks: std::collections::HashSet<u32> = PALETTES.iter().map(|p| p.ink).collect();
        assert_eq!((fills.len(), inks.len()), (4, 4));
    }
}
