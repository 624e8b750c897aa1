//! Writing events out: one JSON object per line, or CSV (RFC 4180 quoting).

use std::io::{self, Write};

use super::EventRow;

/// The CSV columns, in order.
pub const CSV_HEADER: [&str; 6] = ["id", "time", "project_id", "developer_id", "kind", "data"];

/// One JSON object per event and line: `{"id", "time", "project_id", "developer_id", "kind", "data"}`.
pub fn write_jsonl(rows: &[EventRow], w: &mut dyn Write) -> io::Result<()> {
    for r in rows {
        serde_json::to_writer(&mut *w, r)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

/// A header line, then one line per event; `data` is the event's JSON as one field.
pub fn write_csv(rows: &[EventRow], w: &mut dyn Write) -> io::Result<()> {
    write_record(w, &CSV_HEADER.map(str::to_string))?;
    for r in rows {
        let data = match &r.data {
            serde_json::Value::String(s) => s.clone(),
            v => v.to_string(),
        };
        write_record(
            w,
            &[
                r.id.to_string(),
                r.time.clone(),
                r.project_id.clone(),
                r.developer_id.clone(),
                r.kind.clone(),
                data,
            ],
        )?;
    }
    Ok(())
}

fn write_record(w: &mut dyn Write, fields: &[String]) -> io::Result<()> {
    let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
    w.write_all(line.join(",").as_bytes())?;
    w.write_all(b"\n")
}

/// Quotes a field when it holds a comma, a quote, a line break or edge white space; quotes inside
/// are doubled.
pub fn csv_field(value: &str) -> String {
    let needs = value.contains([',', '"', '\n', '\r'])
        || value.starts_with(char::is_whitespace)
        || value.ends_with(char::is_whitespace);
    if needs {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quoting() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field(" pad"), "\" pad\"");
        assert_eq!(csv_field(""), "");
    }

    #[test]
    fn both_formats_carry_every_field() {
        let rows = vec![EventRow {
            id: 7,
            time: "2026-01-01T00:00:00.000000Z".into(),
            project_id: "p".into(),
            developer_id: "d".into(),
            kind: "review".into(),
            data: serde_json::json!({"note": "a, \"b\""}),
        }];
        let mut out = Vec::new();
        write_csv(&rows, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "id,time,project_id,developer_id,kind,data\n\
             7,2026-01-01T00:00:00.000000Z,p,d,review,\"{\"\"note\"\":\"\"a, \\\"\"b\\\"\"\"\"}\"\n"
        );
        let mut out = Vec::new();
        write_jsonl(&rows, &mut out).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["project_id"], "p");
        assert_eq!(v["data"]["note"], "a, \"b\"");
    }
}
