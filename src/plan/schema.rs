//! The plan format as a JSON Schema (draft-07, what yaml-language-server validates with),
//! generated from the model's types by `schemars`: the field doc comments of `model` are its
//! Vietnamese descriptions. The types that `model` reads by hand (a text or a list, a number
//! or a text…) get their schema by hand here, saying the same choices.

use crate::plan::model::{Baseline, Block, BlockMap, Cell, Content, Lines, Plan, Row, Scalar, TargetEntry, TargetName};
use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use std::borrow::Cow;

/// The name `kehoach new` gives the schema file it writes beside a plan.
pub const FILE_NAME: &str = "kehoach.schema.json";

/// The whole schema, pretty-printed, ending with a newline.
pub fn schema_json() -> String {
    // A `default: null` (an absent optional key) says nothing, and yaml-language-server's
    // completion fails on it (it fills in defaults as text); the others stay.
    let drop_null_default = RecursiveTransform(|s: &mut Schema| {
        if s.get("default").is_some_and(|d| d.is_null()) {
            s.remove("default");
        }
    });
    let mut root = SchemaSettings::draft07().with_transform(drop_null_default).into_generator().into_root_schema_for::<Plan>();
    root.insert("$comment".into(), format!("kehoach {}: sinh bởi `kehoach schema`; đừng sửa tay.", env!("CARGO_PKG_VERSION")).into());
    let mut s = serde_json::to_string_pretty(&root).expect("a schema is JSON");
    s.push('\n');
    s
}

impl JsonSchema for Scalar {
    fn schema_name() -> Cow<'static, str> {
        "SoHoacChu".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"type": ["string", "number"], "description": "Một số hoặc một chữ (`5` hay `\"05\"`)."})
    }
}

impl JsonSchema for Lines {
    fn schema_name() -> Cow<'static, str> {
        "Dong".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Một dòng chữ, hoặc danh sách, mỗi mục một dòng in.",
            "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]
        })
    }
}

impl JsonSchema for Block {
    fn schema_name() -> Cow<'static, str> {
        "Khoi".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Một đoạn văn (chữ), hoặc một khối: muc, gach, cong, bang, nhiem_vu, chi_tieu.",
            "anyOf": [{"type": "string", "description": "Một đoạn văn."}, g.subschema_for::<BlockMap>()]
        })
    }
}

impl JsonSchema for Content {
    fn schema_name() -> Cow<'static, str> {
        "NoiDung".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Một đoạn, hoặc danh sách các đoạn văn và ý gach / cong.",
            "anyOf": [{"type": "string"}, {"type": "array", "items": g.subschema_for::<Block>()}]
        })
    }
}

impl JsonSchema for TargetName {
    fn schema_name() -> Cow<'static, str> {
        "TenChiTieu".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Tên chỉ tiêu, hoặc (trong một nhóm) danh sách các chỉ tiêu.",
            "anyOf": [{"type": "string"}, {"type": "array", "items": g.subschema_for::<TargetEntry>()}]
        })
    }
}

impl JsonSchema for Baseline {
    fn schema_name() -> Cow<'static, str> {
        "HienTai".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Giá trị hiện tại: một số, hoặc {gia_tri, ky}.",
            "anyOf": [
                {"type": ["number", "string"]},
                {
                    "type": "object",
                    "properties": {
                        "gia_tri": {"description": "Giá trị.", "examples": [7.56], "allOf": [g.subschema_for::<Scalar>()]},
                        "ky": {"type": "string", "description": "Kỳ của giá trị.", "examples": ["Năm 2024"]}
                    },
                    "required": ["gia_tri"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

impl JsonSchema for Row {
    fn schema_name() -> Cow<'static, str> {
        "HangBang".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Một hàng: danh sách ô, hoặc {nhom: tên} cho hàng nhóm.",
            "anyOf": [
                {"type": "array", "items": g.subschema_for::<Cell>()},
                {
                    "type": "object",
                    "properties": {"nhom": {"type": "string", "description": "Tên nhóm (hàng I, II…).", "examples": ["Nhóm thứ nhất"]}},
                    "required": ["nhom"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

impl JsonSchema for Cell {
    fn schema_name() -> Cow<'static, str> {
        "O".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Một ô: chữ, số, danh sách dòng, hoặc {o, gop_ngang, gop_doc} để gộp ô.",
            "anyOf": [
                {"type": ["string", "number", "null"]},
                {"type": "array", "items": g.subschema_for::<Block>()},
                {
                    "type": "object",
                    "properties": {
                        "o": {"description": "Nội dung ô.", "examples": ["Tổng"], "allOf": [g.subschema_for::<Content>()]},
                        "gop_ngang": {"type": "integer", "minimum": 1, "description": "Số cột ô chiếm.", "examples": [2]},
                        "gop_doc": {"type": "integer", "minimum": 1, "description": "Số hàng ô chiếm.", "examples": [2]}
                    },
                    "required": ["o"],
                    "additionalProperties": false
                }
            ]
        })
    }
}
