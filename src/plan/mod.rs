//! The plan format: the serde model, reading and locating, every rule, typed
//! deadlines, and batch variables. Nothing here knows of a renderer.

pub mod deadline;
pub mod limits;
pub mod load;
pub mod locate;
pub mod model;
pub mod place;
pub mod scaffold;
pub mod schema;
pub mod syntax;
pub mod validate;
pub mod vars;
pub mod walk;

/// Keys that belong to one part of a plan only: a key of this list found elsewhere was put at
/// the wrong level (`ho_ten` at column 0 belongs under `ky`). `""` is the top level.
pub const HOMES: &[(&str, &[&str])] = &[
    ("ky", &["thay_mat", "ky_thay", "quyen", "thua_lenh", "thua_uy_quyen", "chuc_vu", "ho_ten"]),
    ("noi_nhan", &["danh_sach", "luu"]),
    ("co_quan", &["cap_tren", "viet_tat", "ten_day_du"]),
    ("", &["co_quan", "loai", "so", "dia_danh", "ngay", "trich_yeu", "can_cu", "mo_dau", "ket_thuc", "noi_nhan", "ky", "phu_luc"]),
];
