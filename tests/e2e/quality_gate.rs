//! The quality gate: runs the whole pipeline over ../shared's corpus and gold
//! sets through its scorers (../shared/eval/scoreboard.sh) and fails when a
//! measure drops below its floor in tests/quality_floors.tsv.
//!
//! It uses the binary built for the tests (dependencies optimised, see
//! Cargo.toml), which gives the same records as the release build. It skips,
//! saying so, where ../shared or python3 is absent.

use crate::common;
use std::collections::BTreeMap;
use std::process::Command;

#[test]
fn scoreboard_stays_at_or_above_its_floors() {
    let Some(shared) = common::shared() else { return };
    if Command::new("python3").arg("--version").output().is_err() {
        common::skip("python3 is absent (the scorers need it)");
        return;
    }
    let out = Command::new("bash")
        .arg(shared.join("eval/scoreboard.sh"))
        .arg("--quick")
        .env("GLEANER", env!("CARGO_BIN_EXE_gleaner"))
        .current_dir(common::root())
        .output()
        .expect("bash runs the scoreboard");
    let board = String::from_utf8_lossy(&out.stdout);
    eprintln!("{board}");
    assert!(out.status.success(), "scoreboard failed: {}", String::from_utf8_lossy(&out.stderr));
    let measures = parse_scoreboard(&board);

    let floors = std::fs::read_to_string(common::root().join("tests/quality_floors.tsv")).unwrap();
    let mut failures = Vec::new();
    for line in floors.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let (name, floor) = line.split_once('\t').unwrap_or_else(|| panic!("bad floor line: {line}"));
        let floor: f64 = floor.trim().parse().unwrap_or_else(|_| panic!("bad floor value: {line}"));
        match measures.get(name) {
            Some(value) if *value + 1e-9 >= floor => {}
            Some(value) => failures.push(format!("{name} = {value} is below its floor {floor}")),
            None => failures.push(format!("{name} is missing from the scoreboard")),
        }
    }
    assert!(failures.is_empty(), "quality gate:\n{}", failures.join("\n"));
}

/// Reads scoreboard lines into named measures: `aeb-text  precision=0.963 f1=0.967`
/// gives aeb-text.precision and aeb-text.f1; `| doc org=0.5` parts are named by
/// their first word (gum-news.doc.org); `31 passed, 19 failed` gives seed.passed.
fn parse_scoreboard(board: &str) -> BTreeMap<String, f64> {
    let mut out = BTreeMap::new();
    for line in board.lines() {
        let Some((name, rest)) = line.split_once(char::is_whitespace) else { continue };
        if let Some((passed, _)) = rest.trim().split_once(" passed")
            && let Ok(n) = passed.trim().parse()
        {
            out.insert(format!("{name}.passed"), n);
        }
        for (i, part) in rest.split(" | ").enumerate() {
            let words: Vec<&str> = part.split_whitespace().collect();
            let segment = words.first().filter(|w| i > 0 && !w.contains('='));
            for word in &words {
                let Some((key, value)) = word.split_once('=') else { continue };
                let key = key.trim_matches(|c: char| !c.is_alphanumeric());
                let Ok(value) = value.trim_matches(|c: char| c == ')' || c == ',').parse::<f64>() else { continue };
                let measure = match segment {
                    Some(seg) => format!("{name}.{seg}.{key}"),
                    None => format!("{name}.{key}"),
                };
                out.insert(measure, value);
            }
        }
    }
    out
}

#[test]
fn scoreboard_lines_parse_into_measures() {
    let board = "seed           31 passed, 19 failed\n\
                 aeb-text       precision=0.963 recall=0.971 f1=0.967 pages=181 missing=0\n\
                 gum-news       SUMMARY docs=12 F1 | exact org=0.100 all=0.000 | doc org=0.250 ctry=0.500\n\
                 aeb-entities   SUMMARY aeb-entities docs=30 F1 | doc ind=0.400 (isic=0.300) reg=0.000\n";
    let m = parse_scoreboard(board);
    assert_eq!(m["seed.passed"], 31.0);
    assert_eq!(m["aeb-text.f1"], 0.967);
    assert_eq!(m["gum-news.doc.org"], 0.25);
    assert_eq!(m["gum-news.exact.org"], 0.1);
    assert_eq!(m["aeb-entities.doc.isic"], 0.3);
}
