//! Typed table definitions for warehouses, generated from the same types as the
//! JSON Schema: SQL DDL (DuckDB's dialect, whose nested `STRUCT(...)` and `T[]`
//! types hold a record without flattening it) for article and error records.
//!
//! The DDL is derived from the strict JSON Schema of [`crate::record`] (itself
//! generated from the Rust types), so the two cannot drift: strings are
//! `VARCHAR`, whole numbers unsigned integers of their width, numbers `DOUBLE`,
//! lists `T[]`, objects `STRUCT`s; a field is `NOT NULL` unless the schema
//! allows `null`. `gleaner schema --sql` prints it; `schema/tables.sql` is a
//! copy that a test keeps in step.
//!
//! This module writes text only; it neither connects to nor loads a database.

use serde_json::Value;

/// The DDL for both record tables, `article` and `error`.
pub fn tables_sql() -> String {
    let mut out = String::from(
        "-- gleaner's records as DuckDB tables, generated from the record types\n\
         -- (`gleaner schema --sql`; the JSON Schemas in this folder come from the same types).\n\
         -- Load JSON Lines with e.g.:\n\
         --   INSERT INTO article SELECT * FROM read_json('records.jsonl', format = 'newline_delimited');\n\n",
    );
    out.push_str(&create_table("article", &crate::record::article_schema()));
    out.push('\n');
    out.push_str(&create_table("error", &crate::record::error_schema()));
    out
}

/// `CREATE TABLE name (...)` for one record schema.
pub fn create_table(name: &str, schema: &Value) -> String {
    let defs = &schema["$defs"];
    let columns: Vec<String> = properties(schema)
        .map(|(field, prop, required)| {
            let not_null = if required && !nullable(prop, defs) { " NOT NULL" } else { "" };
            format!("    {} {}{not_null}", quote(field), sql_type(prop, defs))
        })
        .collect();
    format!("CREATE TABLE {} (\n{}\n);\n", quote(name), columns.join(",\n"))
}

/// An object schema's properties with whether each is required.
fn properties(schema: &Value) -> impl Iterator<Item = (&str, &Value, bool)> {
    let required: Vec<&str> = schema["required"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
    schema["properties"]
        .as_object()
        .into_iter()
        .flatten()
        .map(move |(name, prop)| (name.as_str(), prop, required.contains(&name.as_str())))
}

/// The schema a `$ref` points to (only local `#/$defs/NAME` refs occur).
fn resolve<'a>(schema: &'a Value, defs: &'a Value) -> &'a Value {
    match schema["$ref"].as_str().and_then(|r| r.strip_prefix("#/$defs/")) {
        Some(name) => resolve(&defs[name], defs),
        None => schema,
    }
}

/// The JSON types a schema allows (`type`, or those of its `anyOf`/`oneOf` branches).
fn json_types<'a>(schema: &'a Value, defs: &'a Value) -> Vec<&'a str> {
    let schema = resolve(schema, defs);
    match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => ["anyOf", "oneOf"]
            .iter()
            .filter_map(|k| schema[*k].as_array())
            .flatten()
            .flat_map(|branch| json_types(branch, defs))
            .collect(),
    }
}

fn nullable(schema: &Value, defs: &Value) -> bool {
    json_types(schema, defs).contains(&"null")
}

fn sql_type(schema: &Value, defs: &Value) -> String {
    let schema = resolve(schema, defs);
    let types = json_types(schema, defs);
    let main = types.iter().copied().find(|t| *t != "null").unwrap_or("string");
    match main {
        "array" => format!("{}[]", sql_type(&schema["items"], defs)),
        "object" => {
            let fields: Vec<String> =
                properties(schema).map(|(name, prop, _)| format!("{} {}", quote(name), sql_type(prop, defs))).collect();
            format!("STRUCT({})", fields.join(", "))
        }
        "integer" => integer_type(schema).into(),
        "number" => "DOUBLE".into(),
        "boolean" => "BOOLEAN".into(),
        _ => "VARCHAR".into(),
    }
}

/// The narrowest integer type for the schema's `format` (schemars names Rust's).
fn integer_type(schema: &Value) -> &'static str {
    match schema["format"].as_str() {
        Some("uint8") => "UTINYINT",
        Some("uint16") => "USMALLINT",
        Some("uint32") => "UINTEGER",
        Some("uint64" | "uint") => "UBIGINT",
        _ => "BIGINT",
    }
}

fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_fields_become_typed_columns() {
        let sql = create_table("article", &crate::record::article_schema());
        assert!(sql.starts_with("CREATE TABLE \"article\" (\n"), "{sql}");
        assert!(sql.contains("    \"schema\" VARCHAR NOT NULL,"), "{sql}");
        assert!(sql.contains("    \"title\" VARCHAR,"), "nullable: {sql}");
        assert!(sql.contains("    \"authors\" VARCHAR[] NOT NULL,"), "{sql}");
        assert!(sql.contains("\"published\" VARCHAR,"), "an anyOf with null is nullable: {sql}");
        assert!(
            sql.contains("\"counts\" STRUCT(\"end\" UBIGINT, \"qualifier\" VARCHAR, \"start\" UBIGINT, \"text\" VARCHAR, \"unit\" VARCHAR, \"value\" DOUBLE)[] NOT NULL"),
            "{sql}"
        );
        assert!(sql.contains("\"http_status\" USMALLINT"), "{sql}");
    }

    #[test]
    fn every_top_level_field_is_a_column() {
        let schema = crate::record::article_schema();
        let sql = create_table("article", &schema);
        for (name, _, _) in properties(&schema) {
            assert!(sql.contains(&format!("\n    \"{name}\" ")), "{name} missing from {sql}");
        }
    }
}
