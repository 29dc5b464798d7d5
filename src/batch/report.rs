//! The run's report (`batch --report FILE.json`): one record per plan, for a province
//! office's own tracking of which communes have their plan and which need a look.
//!
//! ```json
//! {"plans": [{"label": "xa.csv:2 (Xã An Phú)", "plan": "ke-hoach.yaml", "data": "xa.csv", "row": 2,
//!             "name": "an-phu", "status": "rendered", "files": ["output/an-phu.pdf"],
//!             "seconds": 0.048, "warnings": [], "errors": []}],
//!  "summary": {"total": 1, "rendered": 1, "invalid": 0, "failed": 0, "cancelled": 0, "seconds": 0.9}}
//! ```
//!
//! `warnings` and `errors` hold diagnostics in the form of `--message-format json`; a plan
//! that failed while rendering has one error `{"type": "failure", "message": …}`.

use super::pipeline::Outcome;
use super::Done;
use crate::diag::Lang;
use serde_json::{json, Value};

/// The report of a run that took `seconds`, as JSON bytes.
pub fn json(done: &[Done], seconds: f64, lang: Lang) -> Vec<u8> {
    let diags = |ds: &[crate::diag::Diagnostic]| ds.iter().map(|d| d.to_json(lang)).collect::<Vec<Value>>();
    let (mut rendered, mut invalid, mut failed, mut cancelled) = (0, 0, 0, 0);
    let plans: Vec<Value> = done
        .iter()
        .map(|d| {
            let (status, files, warnings, errors) = match &d.outcome {
                Outcome::Rendered { files, warnings } => {
                    rendered += 1;
                    ("rendered", files.iter().map(|p| p.display().to_string()).collect(), diags(warnings), Vec::new())
                }
                Outcome::Invalid(ds) => {
                    invalid += 1;
                    let (errors, warnings): (Vec<_>, Vec<_>) = ds.iter().cloned().partition(|d| d.is_error());
                    ("invalid", Vec::new(), diags(&warnings), diags(&errors))
                }
                Outcome::Failed { failure, warnings } => {
                    failed += 1;
                    ("failed", Vec::new(), diags(warnings), vec![json!({"type": "failure", "severity": "error", "message": failure.text(lang)})])
                }
                Outcome::Cancelled => {
                    cancelled += 1;
                    ("cancelled", Vec::new(), Vec::new(), Vec::new())
                }
            };
            let o = &d.origin;
            json!({
                "label": d.label,
                "plan": o.plan.as_ref().map(|p| p.display().to_string()),
                "data": o.data.as_ref().map(|p| p.display().to_string()),
                "row": o.row,
                "name": o.name,
                "status": status,
                "files": files,
                "seconds": (d.elapsed.as_secs_f64() * 1000.0).round() / 1000.0,
                "warnings": warnings,
                "errors": errors,
            })
        })
        .collect();
    let summary = json!({
        "total": done.len(), "rendered": rendered, "invalid": invalid, "failed": failed, "cancelled": cancelled,
        "seconds": (seconds * 100.0).round() / 100.0,
    });
    let mut out = serde_json::to_vec_pretty(&json!({"plans": plans, "summary": summary})).unwrap_or_default();
    out.push(b'\n');
    out
}

/// The `n` plans that took longest, slowest first (rendered or not).
pub fn slowest(done: &[Done], n: usize) -> Vec<&Done> {
    let mut by_time: Vec<&Done> = done.iter().filter(|d| !matches!(d.outcome, Outcome::Cancelled)).collect();
    by_time.sort_by(|a, b| b.elapsed.cmp(&a.elapsed).then_with(|| a.label.cmp(&b.label)));
    by_time.truncate(n);
    by_time
}
