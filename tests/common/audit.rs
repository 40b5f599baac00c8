//! Reading back what a run left in an audit log.

use std::collections::HashMap;
use std::path::Path;

use intake::audit::{self, Record};

/// Every record in the log at `path`; a damaged line fails the test.
pub fn records(path: &Path) -> Vec<Record> {
    let (records, skipped) = audit::read_all(path).expect("audit readable");
    assert_eq!(skipped, 0, "damaged lines in {}", path.display());
    records
}

/// The final outcome of each id in the log at `path`, each id once.
pub fn finals_by_id(path: &Path) -> HashMap<String, Record> {
    let mut by_id = HashMap::new();
    for r in records(path).into_iter().filter(|r| r.outcome.is_final()) {
        let id = r.id.clone().expect("an id");
        assert!(by_id.insert(id.clone(), r).is_none(), "{id} audited twice");
    }
    by_id
}

/// `ID outcome...` lines of a run's output, in order and by id; an id
/// reported twice fails the test.
pub fn outcome_lines(text: &str) -> (Vec<String>, HashMap<String, String>) {
    let mut order = Vec::new();
    let mut by_id = HashMap::new();
    for line in text.lines() {
        let (id, rest) = line.split_once(' ').expect("`ID outcome` line");
        assert!(
            by_id.insert(id.to_string(), rest.to_string()).is_none(),
            "{id} reported twice"
        );
        order.push(id.to_string());
    }
    (order, by_id)
}
