//! What can go wrong evaluating: a trajectory the progress measure cannot assess, a weight
//! that is not a weight. Messages are Vietnamese and name what is wrong.

use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Error)]
pub enum EvaluateError {
    /// Open SDG's minimum: two years of data.
    #[error("cần số liệu của ít nhất hai năm: năm gốc {base_year}, năm hiện tại {current_year}")]
    TooFewYears { base_year: i32, current_year: i32 },
    #[error("năm mục tiêu {target_year} phải sau năm gốc {base_year}")]
    TargetYear { base_year: i32, target_year: i32 },
    /// The growth model needs values of one sign.
    #[error("giá trị gốc {base} và {what} {value} trái dấu: không tính được tốc độ tăng trưởng")]
    MixedSigns { what: &'static str, base: f64, value: f64 },
    #[error("{what} không phải là số hữu hạn")]
    NotFinite { what: &'static str },
    #[error("trọng số của lĩnh vực \"{section}\" phải là số không âm (nhận được {weight})")]
    Weight { section: String, weight: f64 },
}
