//! The published JSON Schemas match the Rust record types, and what the binary
//! writes validates against them.

mod common;

#[test]
fn schema_files_match_the_types() {
    for (file, generated) in [
        ("schema/article.schema.json", gleaner::record::article_schema_json()),
        ("schema/error.schema.json", gleaner::record::error_schema_json()),
    ] {
        let on_disk = std::fs::read_to_string(common::root().join(file)).unwrap();
        assert!(
            on_disk == generated,
            "{file} is out of date with the record types: run `cargo run -- schema > schema/article.schema.json` \
             and `cargo run -- schema --error > schema/error.schema.json`"
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
