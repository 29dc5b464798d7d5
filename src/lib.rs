//! kehoach: Vietnamese commune plans (KẾ HOẠCH) from YAML to PDF and DOCX,
//! laid out by Decree 30/2020/NĐ-CP.
//!
//! Data path: `load` (bytes → `Plan`) → `validate` (→ `ValidPlan` or located
//! `Diagnostic`s) → `view` (formatted once, in Vietnamese) → `render::*`
//! (bytes) → `output` (atomic write). `pipeline` runs that path for one plan,
//! `batch` runs it for many (files, or rows of data filled in by `vars`); the
//! binary's `cli`/`cmd` only parse arguments and print. `calendar` turns the tasks of a
//! valid plan into the follow-up's calendar (ICS) and register (XLSX, CSV, JSON). `import` runs the other way:
//! a Word .docx back into a plan's YAML. `preview` serves a plan's pages to a browser on this
//! machine, redrawn on every save.

// Diagnostics travel on the error path only, where their size costs nothing that matters.
#![allow(clippy::result_large_err)]

pub mod batch;
pub mod calendar;
pub mod diag;
pub mod diff;
pub mod import;
pub mod plan;
pub mod preview;
pub mod render;
pub mod text;
pub mod view;
