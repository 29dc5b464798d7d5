//! `kehoach schema`: the JSON Schema of the format, checked by validators that are not
//! kehoach: python's `jsonschema` (Draft 7) on every real plan and on held-back mistakes, and
//! the editors' own client, yaml-language-server, spoken to over LSP.

mod util;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use util::*;

fn schema_text() -> String {
    let o = run(&["schema"]);
    assert!(o.status.success(), "{}", stderr(&o));
    String::from_utf8(o.stdout).unwrap()
}

/// A plan's YAML as JSON, read by the same YAML reader kehoach uses.
fn yaml_to_json(yaml: &str) -> Value {
    let v: serde_yaml::Value = serde_yaml::from_str(yaml).unwrap();
    serde_json::to_value(v).unwrap()
}

/// Python's jsonschema (Draft 7) on each document: the error messages of each, in order.
fn python_errors(schema: &str, docs: &[Value]) -> Vec<Vec<String>> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("schema.json"), schema).unwrap();
    std::fs::write(dir.path().join("docs.json"), serde_json::to_string(docs).unwrap()).unwrap();
    let script = r#"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft7Validator.check_schema(schema)
v = jsonschema.Draft7Validator(schema)
out = [[f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in v.iter_errors(d)] for d in json.load(open(sys.argv[2]))]
print(json.dumps(out, ensure_ascii=False))
"#;
    let o = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(dir.path().join("schema.json"))
        .arg(dir.path().join("docs.json"))
        .output()
        .expect("python3 is installed (scripts/test installs jsonschema for it)");
    assert!(o.status.success(), "python jsonschema failed (pip install jsonschema): {}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn real_plans() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> =
        std::fs::read_dir(root().join("plans")).unwrap().flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "yaml")).collect();
    v.sort();
    v.push(root().join("plans/batch/ke-hoach.yaml"));
    assert!(v.len() >= 6);
    v
}

#[test]
fn schema_is_draft07_with_vietnamese_descriptions_and_examples_everywhere() {
    let s: Value = serde_json::from_str(&schema_text()).unwrap();
    assert_eq!(s["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(s["additionalProperties"], false);
    assert_eq!(s["required"], json!(["co_quan", "ngay", "trich_yeu", "noi_nhan", "ky"]));
    assert_eq!(s["properties"]["loai"]["enum"], json!(["ke_hoach", "chuong_trinh", "phuong_an", "de_an", "bao_cao", "huong_dan", null]));
    assert!(s["properties"]["so"]["description"].as_str().unwrap().contains("Số văn bản"));
    let mut objects = vec![("(gốc)".to_string(), &s)];
    for (name, d) in s["definitions"].as_object().unwrap() {
        objects.push((name.clone(), d));
        for alt in d["anyOf"].as_array().into_iter().flatten() {
            objects.push((format!("{name} (một dạng)"), alt));
        }
    }
    let mut fields = 0;
    for (name, o) in objects {
        if o.get("properties").is_some() {
            assert_eq!(o["additionalProperties"], false, "{name} refuses unknown keys, as the loader does");
        }
        for (k, p) in o["properties"].as_object().into_iter().flatten() {
            fields += 1;
            let d = p["description"].as_str().unwrap_or_else(|| panic!("{name}.{k} has no description"));
            assert!(d.chars().any(|c| "ạảãàáâậầấẩẫăắằặẳẵóòọõỏôộổỗồốơờớợởỡéèẻẹẽêếềệểễúùụủũưựữửừứíìịỉĩýỳỷỵỹđ".contains(c)), "{name}.{k}: not Vietnamese: {d}");
            assert!(p["examples"].as_array().is_some_and(|e| !e.is_empty()), "{name}.{k} has no example");
        }
    }
    assert!(fields > 60, "only {fields} fields");
    // `--out` writes the same text.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("s.json");
    let o = run(&["schema", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), schema_text());
}

#[test]
fn every_real_plan_validates_under_python_jsonschema() {
    let plans = real_plans();
    let docs: Vec<Value> = plans.iter().map(|p| yaml_to_json(&std::fs::read_to_string(p).unwrap())).collect();
    // The scaffold of `new` too.
    let dir = tempfile::tempdir().unwrap();
    let o = bin().current_dir(dir.path()).args(["new", "x.yaml", "--co-quan", "Xã Tân Phú"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let mut docs = docs;
    docs.push(yaml_to_json(&std::fs::read_to_string(dir.path().join("x.yaml")).unwrap()));
    let errors = python_errors(&schema_text(), &docs);
    for (i, e) in errors.iter().enumerate() {
        let name = plans.get(i).map(|p| p.display().to_string()).unwrap_or_else(|| "kehoach new".into());
        assert!(e.is_empty(), "{name}: {e:#?}");
    }
}

#[test]
fn held_back_mistakes_fail_the_schema() {
    let base = yaml_to_json(MINIMAL);
    let mut cases: Vec<(&str, Value, &str)> = Vec::new();
    let mut with = |what: &'static str, f: &dyn Fn(&mut Value), expect: &'static str| {
        let mut v = base.clone();
        f(&mut v);
        cases.push((what, v, expect));
    };
    with("unknown top-level key", &|v| v["trich_yeuu"] = json!("x"), "trich_yeuu");
    with("unknown key in ky", &|v| v["ky"]["ho_tenn"] = json!("x"), "ho_tenn");
    with("unknown key in a task", &|v| v["noi_dung"][0]["noi_dung"] = json!([{"nhiem_vu": [{"chu_trii": "x"}]}]), "chu_trii");
    with("missing required field", &|v| drop(v.as_object_mut().unwrap().remove("trich_yeu")), "trich_yeu");
    with("missing ho_ten", &|v| drop(v["ky"].as_object_mut().unwrap().remove("ho_ten")), "ho_ten");
    with("wrong enum value", &|v| v["loai"] = json!("ke_hoachh"), "ke_hoachh");
    with("wrong page direction", &|v| v["phu_luc"] = json!([{"id": "a", "huong": "doc_ngang"}]), "doc_ngang");
    with("bad date pattern", &|v| v["ngay"] = json!("5 tháng 3"), "5 tháng 3");
    with("percent over 100", &|v| v["noi_dung"][0]["noi_dung"] = json!([{"chi_tieu": [{"chi_tieu": "Tỷ lệ", "don_vi": "%", "muc_tieu": 120}]}]), "120");
    let docs: Vec<Value> = cases.iter().map(|c| c.1.clone()).collect();
    let mut all = docs.clone();
    all.push(base.clone());
    let errors = python_errors(&schema_text(), &all);
    assert!(errors.last().unwrap().is_empty(), "the minimal plan itself is valid: {:?}", errors.last());
    for ((what, _, expect), e) in cases.iter().zip(&errors) {
        assert!(!e.is_empty(), "{what}: accepted by the schema");
        assert!(e.iter().any(|m| m.contains(expect)), "{what}: no error naming `{expect}`: {e:#?}");
    }
}

// ---- yaml-language-server over LSP ----

/// yaml-language-server from tests/lsp/node_modules, installed from tests/lsp/package.json
/// (scripts/test does it; done here too when missing). No registry is a failure, not a skip.
fn language_server() -> PathBuf {
    let lsp = root().join("tests/lsp");
    let bin = lsp.join("node_modules/.bin/yaml-language-server");
    if !bin.exists() {
        let o = Command::new("npm").args(["ci", "--no-audit", "--no-fund", "--prefix"]).arg(&lsp).output().expect("npm is installed (apt-get install npm)");
        assert!(o.status.success(), "npm could not install yaml-language-server (is the npm registry reachable?): {}", String::from_utf8_lossy(&o.stderr));
    }
    assert!(bin.exists(), "no {}", bin.display());
    bin
}

struct Lsp {
    child: std::process::Child,
    stdin: std::process::ChildStdin,
    rx: std::sync::mpsc::Receiver<Value>,
    next_id: i64,
    /// Errors the server reported about itself (telemetry), e.g. a completion that failed on the schema.
    errors: Vec<Value>,
}

impl Lsp {
    fn start(root_dir: &Path) -> Lsp {
        let mut child = Command::new(language_server())
            .arg("--stdio")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start yaml-language-server");
        let stdin = child.stdin.take().unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || loop {
            let mut len = None;
            loop {
                let mut line = String::new();
                if out.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let line = line.trim();
                if line.is_empty() {
                    break;
                }
                if let Some(n) = line.strip_prefix("Content-Length:") {
                    len = n.trim().parse::<usize>().ok();
                }
            }
            let mut body = vec![0; len.expect("Content-Length")];
            if out.read_exact(&mut body).is_err() {
                return;
            }
            if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                return;
            }
        });
        let mut lsp = Lsp { child, stdin, rx, next_id: 1, errors: Vec::new() };
        let uri = format!("file://{}", root_dir.display());
        lsp.request(
            "initialize",
            json!({"processId": null, "rootUri": uri, "workspaceFolders": [{"uri": uri, "name": "plans"}],
                "capabilities": {"workspace": {"configuration": true},
                    "textDocument": {"completion": {"completionItem": {"documentationFormat": ["markdown", "plaintext"], "snippetSupport": true}},
                        "publishDiagnostics": {}}}}),
        );
        lsp.notify("initialized", json!({}));
        lsp.notify("workspace/didChangeConfiguration", json!({"settings": config()}));
        lsp
    }

    fn send(&mut self, msg: Value) {
        let body = serde_json::to_vec(&msg).unwrap();
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        self.stdin.write_all(&body).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and waits for its answer, answering the server's own requests meanwhile.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait(|m| m["id"] == id && m.get("method").is_none())["result"].clone()
    }

    /// The first message `want` accepts, within a minute.
    fn wait(&mut self, want: impl Fn(&Value) -> bool) -> Value {
        let until = Instant::now() + Duration::from_secs(60);
        loop {
            let left = until.saturating_duration_since(Instant::now());
            let m = self.rx.recv_timeout(left).expect("yaml-language-server answered in time");
            if want(&m) {
                return m;
            }
            if m["method"] == "telemetry/event" && m["params"]["name"].as_str().is_some_and(|n| n.contains("error")) {
                self.errors.push(m.clone());
            }
            if let (Some(id), Some(method)) = (m.get("id"), m["method"].as_str()) {
                let result = match method {
                    "workspace/configuration" => json!(m["params"]["items"]
                        .as_array()
                        .map(|items| items.iter().map(|i| if i["section"] == "yaml" { config() } else { Value::Null }).collect::<Vec<_>>())),
                    _ => Value::Null,
                };
                self.send(json!({"jsonrpc": "2.0", "id": id, "result": result}));
            }
        }
    }
}

impl Drop for Lsp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The `yaml` settings: validation and completion on, no schema store (offline); the plan's
/// own `# yaml-language-server: $schema=` line chooses the schema.
fn config() -> Value {
    json!({"validate": true, "completion": true, "hover": true, "schemaStore": {"enable": false}, "schemas": {}})
}

#[test]
fn the_editor_client_reports_a_misspelt_key_and_offers_the_fields() {
    let dir = tempfile::tempdir().unwrap();
    let o = bin().current_dir(dir.path()).args(["new", "ke-hoach.yaml", "--co-quan", "Xã Tân Phú"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let good = std::fs::read_to_string(dir.path().join("ke-hoach.yaml")).unwrap();
    // A clerk's typo on the signer's name.
    let bad = good.replace("  ho_ten: Nguyễn Văn A", "  ho_tenn: Nguyễn Văn A");
    assert_ne!(bad, good);
    let line = bad.lines().position(|l| l.starts_with("  ho_tenn:")).unwrap();
    let mut lsp = Lsp::start(dir.path());
    let uri = format!("file://{}", dir.path().join("ke-hoach.yaml").display());
    lsp.notify("textDocument/didOpen", json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": bad}}));
    let diags = lsp.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri && m["params"]["diagnostics"].as_array().is_some_and(|d| !d.is_empty())
    });
    let diags = diags["params"]["diagnostics"].as_array().unwrap().clone();
    assert!(
        diags.iter().any(|d| d["range"]["start"]["line"] == line && d["message"].as_str().unwrap_or("").contains("ho_tenn")),
        "no diagnostic on line {line} for `ho_tenn`: {diags:#?}"
    );

    // Completion on a new, empty top-level line offers the format's fields, in Vietnamese.
    let text = format!("{good}\n");
    let last = text.lines().count();
    let uri2 = format!("file://{}", dir.path().join("moi.yaml").display());
    std::fs::write(dir.path().join("moi.yaml"), &text).unwrap();
    lsp.notify("textDocument/didOpen", json!({"textDocument": {"uri": uri2, "languageId": "yaml", "version": 1, "text": text}}));
    let items = lsp.request("textDocument/completion", json!({"textDocument": {"uri": uri2}, "position": {"line": last, "character": 0}}));
    let items = items.get("items").cloned().unwrap_or(items);
    let items = items.as_array().expect("completion items").clone();
    let find = |label: &str| items.iter().find(|i| i["label"] == label).cloned();
    for (key, words) in [("so", "Số văn bản"), ("dia_danh", "Địa danh"), ("loai", "Loại văn bản")] {
        let item = find(key).unwrap_or_else(|| panic!("completion offers no `{key}`: {:?}", items.iter().map(|i| i["label"].clone()).collect::<Vec<_>>()));
        let doc = item["documentation"].as_str().map(String::from).or_else(|| item["documentation"]["value"].as_str().map(String::from)).unwrap_or_default();
        assert!(doc.contains(words), "`{key}` comes without its Vietnamese description: {item:#}");
    }
    // Hovering over a key shows its description.
    let at = text.lines().position(|l| l.starts_with("trich_yeu:")).unwrap();
    let hover = lsp.request("textDocument/hover", json!({"textDocument": {"uri": uri2}, "position": {"line": at, "character": 3}}));
    assert!(hover.to_string().contains("Trích yếu"), "hover on trich_yeu: {hover:#}");
    assert!(find("phu_luc").is_none() && find("trich_yeu").is_none(), "only the fields not yet written: {items:#?}");
    assert!(lsp.errors.is_empty(), "the server failed on the schema: {:#?}", lsp.errors);
}
