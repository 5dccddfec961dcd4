//! Deterministic draws for the synthetic country: each number is a hash of the seed and of what
//! it is for (a unit, an item, a quarter), so the same seed gives the same database whatever the
//! order or the batch sizes of the generation, on every platform and version.
//!
//! Written here rather than taken from `rand`: a counter-based draw is a few lines (`SplitMix64`'s
//! finaliser), and `rand`'s generators and distributions may change their output between
//! versions, which would change the database a seed gives.

/// Draws keyed by the seed and a list of numbers naming what is drawn.
#[derive(Debug, Clone, Copy)]
pub struct Dice {
    seed: u64,
}

const GOLDEN: u64 = 0x9e37_79b9_7f4a_7c15;

/// `SplitMix64`'s finaliser: a bijection on u64 that mixes every bit into every other.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl Dice {
    pub fn new(seed: u64) -> Dice {
        Dice { seed }
    }

    fn hash(self, parts: &[u64]) -> u64 {
        parts.iter().fold(mix(self.seed ^ GOLDEN), |h, &p| mix(h.wrapping_add(GOLDEN) ^ mix(p.wrapping_add(GOLDEN))))
    }

    /// Uniform in [0, 1).
    pub fn unit(self, parts: &[u64]) -> f64 {
        (self.hash(parts) >> 11) as f64 / (1_u64 << 53) as f64
    }

    /// Uniform in `0..n` (`n` > 0).
    pub fn below(self, parts: &[u64], n: u64) -> u64 {
        self.hash(parts) % n
    }

    /// Uniform in [`low`, `high`).
    pub fn between(self, parts: &[u64], low: f64, high: f64) -> f64 {
        low + (high - low) * self.unit(parts)
    }

    /// Roughly normal with mean 0 and standard deviation `sd` (the sum of four uniforms),
    /// bounded at ±3.5 `sd`.
    pub fn normal(self, parts: &[u64], sd: f64) -> f64 {
        let h = self.hash(parts);
        let sum: f64 = (0..4).map(|i| (mix(h.wrapping_add(i)) >> 11) as f64 / (1_u64 << 53) as f64).sum();
        // Four uniforms: mean 2, variance 4/12.
        (sum - 2.0) / (1.0_f64 / 3.0).sqrt() * sd
    }

    /// True with probability `p`.
    pub fn chance(self, parts: &[u64], p: f64) -> bool {
        self.unit(parts) < p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_depend_on_the_seed_and_the_key_only() {
        let dice = Dice::new(7);
        assert_eq!(dice.unit(&[1, 2, 3]).to_bits(), Dice::new(7).unit(&[1, 2, 3]).to_bits());
        assert_ne!(dice.unit(&[1, 2, 3]).to_bits(), dice.unit(&[1, 3, 2]).to_bits());
        assert_ne!(dice.unit(&[1, 2, 3]).to_bits(), Dice::new(8).unit(&[1, 2, 3]).to_bits());
        // Known values pin the algorithm: changing it changes every generated database.
        assert_eq!(Dice::new(2026).below(&[34, 3321], 1_000_000), 890_675);
        assert_eq!(dice.unit(&[1, 2, 3]).to_bits(), (3_843_375_114_154_829.0 / (1_u64 << 53) as f64).to_bits());
    }

    #[test]
    fn draws_spread_as_promised() {
        let dice = Dice::new(1);
        let n = 20_000;
        let units: Vec<f64> = (0..n).map(|i| dice.unit(&[i])).collect();
        assert!(units.iter().all(|u| (0.0..1.0).contains(u)));
        let mean = units.iter().sum::<f64>() / n as f64;
        assert!((mean - 0.5).abs() < 0.01, "{mean}");
        let normals: Vec<f64> = (0..n).map(|i| dice.normal(&[i], 2.0)).collect();
        let mean = normals.iter().sum::<f64>() / n as f64;
        let sd = (normals.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64).sqrt();
        assert!(mean.abs() < 0.05 && (sd - 2.0).abs() < 0.05, "{mean} {sd}");
        let hits = (0..n).filter(|&i| dice.chance(&[i, 9], 0.1)).count();
        assert!((1_800..2_200).contains(&hits), "{hits}");
        assert!((0..n).all(|i| dice.below(&[i], 7) < 7));
    }
}
