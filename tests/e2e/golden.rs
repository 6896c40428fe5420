//! Golden records: each page in fixtures/ and the record it must give, reviewed
//! by hand and kept as insta snapshots in tests/e2e/snapshots/. A change in any
//! field shows as a diff (`cargo insta review` to accept one on purpose).

use crate::common;
use gleaner::acquire::WorkItem;
use gleaner::{Config, Pipeline, Rules};

#[test]
fn every_fixture_gives_its_golden_record() {
    let pipeline = Pipeline::new(Rules::embedded(), Config::default());
    let paths = common::fixture_paths();
    assert!(paths.len() >= 11, "fixtures/ holds the seed page and at least ten more");
    for path in paths {
        let record = pipeline
            .process_item(WorkItem::File(path.clone()))
            .unwrap_or_else(|e| panic!("{} gave no record: {}", path.display(), e.error));
        let value = serde_json::to_value(&record).unwrap();
        common::assert_valid_article(&value);
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        insta::assert_json_snapshot!(name, value);
    }
}
