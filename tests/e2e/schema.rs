//! The published JSON Schemas match the Rust record types, and what the binary
//! writes validates against them.

use crate::common;

#[test]
fn schema_files_match_the_types() {
    for (file, generated) in [
        ("schema/article.schema.json", gleaner::record::article_schema_json()),
        ("schema/error.schema.json", gleaner::record::error_schema_json()),
        ("schema/tables.sql", gleaner::tables::tables_sql()),
    ] {
        let on_disk = std::fs::read_to_string(common::root().join(file)).unwrap();
        assert!(
            on_disk == generated,
            "{file} is out of date with the record types: run `cargo run -- schema > schema/article.schema.json`, \
             `cargo run -- schema --error > schema/error.schema.json` and `cargo run -- schema --sql > schema/tables.sql`"
        );
    }
}

#[test]
fn cli_schema_command_prints_the_article_schema() {
    let out = common::run(&["schema"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), gleaner::record::article_schema_json());
}

#[test]
fn records_and_error_records_validate() {
    let out = common::run(&["extract", "--quiet", "fixtures/", "fixtures/no-such-page.html"]);
    assert_eq!(out.status.code(), Some(1));
    let records = common::json_lines(&out.stdout);
    assert_eq!(records.len(), common::fixture_paths().len());
    records.iter().for_each(common::assert_valid_article);

    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    let out = common::run(&["extract", "-q", "fixtures/no-such-page.html", "-o", out_dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let errors = common::json_lines(&std::fs::read(out_dir.join("errors.jsonl")).unwrap());
    assert_eq!(errors.len(), 1);
    common::assert_valid_error(&errors[0]);
}

/// The schema is a contract: each of these broken records must fail it.
#[test]
fn broken_records_fail_the_schema() {
    let out = common::run(&["extract", "--quiet", "fixtures/seed-yantai.html"]);
    let good = common::json_lines(&out.stdout).remove(0);
    assert!(common::article_errors(&good).is_empty(), "the fixture's record is valid to start with");
    type Breaker = fn(&mut serde_json::Value);
    let breakers: [(&str, Breaker); 16] = [
        ("a required field missing", |r| drop(r.as_object_mut().unwrap().remove("title"))),
        ("a nullable field missing", |r| drop(r.as_object_mut().unwrap().remove("published"))),
        ("a list missing", |r| drop(r.as_object_mut().unwrap().remove("counts"))),
        ("another schema version", |r| r["schema"] = "gleaner.article/2".into()),
        ("any schema string", |r| r["schema"] = "whatever".into()),
        ("an unknown field", |r| r["extra"] = 1.into()),
        ("an unknown field in source", |r| r["source"]["extra"] = 1.into()),
        ("published as a word", |r| r["published"] = "yesterday".into()),
        ("published with an impossible time", |r| r["published"] = "2023-07-25T10:99:77Z".into()),
        ("published with an impossible offset", |r| r["published"] = "2023-07-25T10:00:00+99:99".into()),
        ("published without an offset", |r| r["published"] = "2023-07-25T10:00:00".into()),
        ("an impossible date", |r| r["published"] = "2023-02-30".into()),
        ("iso2 of three characters", |r| r["countries"][0]["iso2"] = "XX1".into()),
        ("a language that is no code", |r| r["language"] = "English".into()),
        ("an ISIC code of five digits", |r| r["industries"][0]["isic4"] = "01234".into()),
        ("an id that is no hash", |r| r["id"] = "xyz".into()),
    ];
    for (what, breaker) in breakers {
        let mut broken = good.clone();
        breaker(&mut broken);
        assert!(!common::article_errors(&broken).is_empty(), "the schema accepts {what}");
    }
    for published in [serde_json::Value::Null, "2023-07-25".into(), "2023-07-25T10:00:00+08:00".into()] {
        let mut fine = good.clone();
        fine["published"] = published.clone();
        assert!(common::article_errors(&fine).is_empty(), "the schema refuses published {published}");
    }
}

#[test]
fn schemas_have_an_id_and_a_const_version() {
    for (schema, file, version) in [
        (gleaner::record::article_schema_json(), "article.schema.json", "gleaner.article/1"),
        (gleaner::record::error_schema_json(), "error.schema.json", "gleaner.error/1"),
    ] {
        let value: serde_json::Value = serde_json::from_str(&schema).unwrap();
        assert!(value["$id"].as_str().unwrap().ends_with(file), "{file}");
        assert_eq!(value["properties"]["schema"]["const"], version);
        assert_eq!(value["additionalProperties"], false);
    }
}
