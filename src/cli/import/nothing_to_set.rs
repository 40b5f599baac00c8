//! What an import with no row to set says, and whether it failed: a file
//! whose requests already hold its terminalIds (a re-import) is done; one of
//! which no row could be used did nothing the operator asked for.

use crate::failure::Failure;
use crate::import::{ImportPlan, RowClass};
use crate::text::{clean, plural};

/// The closing sentence when no row will be set, or the failure (exit 1)
/// when no row of the file could be used at all.
pub(super) fn nothing_to_set(name: &str, plan: &ImportPlan, json: bool) -> Result<String, Failure> {
    if plan.rows.is_empty() {
        return Err(Failure::Reported(format!(
            "{} has a header but no rows: nothing was sent; add one row per request under the header and import it again.",
            clean(name)
        )));
    }
    let unchanged = plan.count(RowClass::Unchanged);
    let refused: Vec<String> = [
        RowClass::Conflicting,
        RowClass::UnknownRequest,
        RowClass::Invalid,
    ]
    .into_iter()
    .filter_map(|c| {
        let n = plan.count(c);
        (n > 0).then(|| format!("{n} {}", c.label()))
    })
    .collect();
    if refused.is_empty() {
        return Ok(format!(
            "Nothing needed changing: {} already {} the terminalId{} in the file. Nothing was sent.",
            requests(unchanged),
            if unchanged == 1 { "has" } else { "have" },
            plural(unchanged)
        ));
    }
    let why = match json {
        true => "each row's `reason` is in the plan line's `rows`",
        false => "the preview above says why for each row",
    };
    let mut fix = String::from("Fix those rows and import the file again.");
    if plan.count(RowClass::Conflicting) > 0 {
        fix.push_str(" A conflicting row's request already has another terminalId; if the file is right, replace it with `intake update ID --terminal-id VALUE --force`.");
    }
    let refused = refused.join(", ");
    if unchanged == 0 {
        return Err(Failure::Reported(format!(
            "No row of the file could be used ({refused}; {why}): nothing was sent. {fix}"
        )));
    }
    Ok(format!(
        "Nothing to set: {} already {} the terminalId{} in the file; the other rows could not be used ({refused}; {why}). Nothing was sent. {fix}",
        requests(unchanged),
        if unchanged == 1 { "has" } else { "have" },
        plural(unchanged)
    ))
}

fn requests(n: usize) -> String {
    match n {
        1 => "its request".to_string(),
        n => format!("the {n} requests"),
    }
}
