//! kehoach: Vietnamese commune plans (KẾ HOẠCH) from YAML to PDF and DOCX,
//! laid out by Decree 30/2020/NĐ-CP.
//!
//! Data path: `load` (bytes → `Plan`) → `validate` (→ `ValidPlan` or located
//! `Diagnostic`s) → `view` (formatted once, in Vietnamese) → `render::*`
//! (bytes) → `output` (atomic write). `pipeline` runs that path for one plan,
//! `batch` runs it for many (files, or rows of data filled in by `vars`); the
//! binary's `cli`/`cmd` only parse arguments and print. `import` runs the other way:
//! a Word .docx back into a plan's YAML.

pub mod batch;
pub mod diag;
pub mod import;
pub mod plan;
pub mod render;
pub mod text;
pub mod view;
