//! Numbers as Vietnamese documents write them: decimal comma ("8,5"), thousands dots ("1.000"),
//! a decimal point where no thousands group fits ("0.70"), leading zeros ("07").

/// Serde helpers that write whole numbers without a fraction (`70`, not `70.0`).
pub mod json {
    use serde::{Deserialize, Deserializer, Serializer};

    #[allow(clippy::ref_option, clippy::trivially_copy_pass_by_ref)]
    pub fn serialize<S: Serializer>(value: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
        match *value {
            None => s.serialize_none(),
            Some(v) if v.fract() == 0.0 && v.abs() < 9.0e15 => s.serialize_i64(v as i64),
            Some(v) => s.serialize_f64(v),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
        Option::<f64>::deserialize(d)
    }
}
