//! `briefbot derive`: drafts that pass the validator, quality measured on annotated articles.

#[path = "derive/support.rs"]
mod support;

use briefbot::derive::Gazetteer;
use briefbot::derive::eval::{Report, evaluate};

fn show(report: &Report) -> String {
    format!("{report}\n{}", report.mismatches.join("\n"))
}

#[test]
fn scratch_eval() {
    let set = evaluate(
        &support::cases(&support::root().join("tests/derive/set"), None),
        &Gazetteer::new(),
    )
    .unwrap();
    eprintln!("SET\n{}", show(&set));
    let real = evaluate(
        &support::cases(
            &support::root().join("tests/derive/real"),
            Some(&support::shared_articles()),
        ),
        &Gazetteer::new(),
    )
    .unwrap();
    eprintln!("REAL\n{}", show(&real));
}
