//! `kehoach schema`: the plan format's JSON Schema, printed or written to a file.

use super::*;

pub fn schema(a: SchemaArgs, ui: &Ui) -> ExitCode {
    let text = kehoach::plan::schema::schema_json();
    match &a.out {
        Some(path) => write_one(path, text.as_bytes(), ui),
        None => {
            outln!("{}", text.trim_end());
            ExitCode::SUCCESS
        }
    }
}
