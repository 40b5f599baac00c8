//! ops's answers as the worker forwards them, typed, and the sentences the
//! console makes of them: its own read-only wording, a change missing from
//! the audit log (made, so told as made), the bare already-activated refusal.

use crossterm::event::KeyCode;

use crate::api::retry::Activation;
use crate::api::{ApiError, Status};
use crate::app::*;
use crate::ops::{Done, ImportRowResult, OpError, Updated};
use crate::testkit::*;

const READ_ONLY: &str = "Read-only: this console makes no changes, so nothing was sent.";
const DISK_FULL: &str = "Could not write the audit log x: disk full.";

/// ops's refusal names the CLI's flags; the console never shows it.
fn refused() -> OpError {
    OpError::ReadOnly("Read-only (--read-only): nothing was sent.".into())
}

fn unrecorded<T>(value: T) -> Done<T> {
    Done {
        value,
        unrecorded: Some(DISK_FULL.into()),
    }
}

fn save(app: &mut App, result: Result<Done<Updated>, OpError>) -> Vec<Command> {
    edit_terminal_id(app, "REQ2epayNoTid", "11000023");
    update(app, key(KeyCode::Enter));
    let id = "REQ2epayNoTid".into();
    api(app, ApiEvent::Updated { id, result })
}

fn activate(app: &mut App, run_id: Option<u64>, result: Result<Done<Activation>, OpError>) {
    let id = "REQ1verifone".into();
    api(app, ApiEvent::Activated { id, run_id, result });
}

#[test]
fn a_read_only_refusal_is_said_in_the_consoles_words() {
    let mut app = loaded();
    assert!(save(&mut app, Err(refused())).is_empty());
    assert_eq!(
        toast(&app),
        format!("Could not save the terminalId for REQ2epayNoTid. {READ_ONLY}")
    );

    let mut app = loaded();
    confirm_activation(&mut app, "REQ1verifone");
    activate(&mut app, None, Err(refused()));
    assert_eq!(
        toast(&app),
        format!("Could not activate REQ1verifone. {READ_ONLY}")
    );
    assert!(!app.activating.contains("REQ1verifone"));
}

/// The server made it, so it is told as made (never "nothing was sent"),
/// with the log's trouble beside it, and the row shows it.
#[test]
fn a_made_save_missing_from_the_audit_log_is_told_as_made_and_not_logged() {
    let mut app = loaded();
    let mut saved = app.request("REQ2epayNoTid").cloned().expect("row");
    saved.terminal_id = Some("11000023".into());
    save(&mut app, Ok(unrecorded(Updated::Set(saved))));
    assert_eq!(
        toast(&app),
        format!(
            "Saved terminalId 11000023 for REQ2epayNoTid. {DISK_FULL} The change was made but is not in the audit log."
        )
    );
    assert!(app.saving.is_empty());
    assert_eq!(
        app.request("REQ2epayNoTid")
            .and_then(|r| r.effective_terminal_id()),
        Some("11000023")
    );
}

#[test]
fn a_single_activation_missing_from_the_audit_log_is_told_as_made_and_not_logged() {
    let mut app = loaded();
    confirm_activation(&mut app, "REQ1verifone");
    let mut r = app.request("REQ1verifone").cloned().expect("row");
    r.status = Status::Active;
    activate(&mut app, None, Ok(unrecorded(Activation::Activated(r))));
    assert_eq!(
        toast(&app),
        format!(
            "Activated REQ1verifone. {DISK_FULL} The change was made but is not in the audit log."
        )
    );
    assert_eq!(
        app.request("REQ1verifone").map(|r| r.status.clone()),
        Some(Status::Active)
    );
}

#[test]
fn an_activation_missing_from_the_audit_log_is_not_logged_in_its_run() {
    let mut app = loaded();
    let (run_id, _) = start_run(&mut app, &["REQ1verifone"]);
    started(&mut app, run_id, "REQ1verifone");
    let mut r = app.request("REQ1verifone").cloned().expect("row");
    r.status = Status::Active;
    activate(
        &mut app,
        Some(run_id),
        Ok(unrecorded(Activation::Activated(r))),
    );
    let run = app.bulk().expect("a run");
    assert!(
        matches!(&run.items[0].state, ItemState::Done(BulkResult::NotLogged(s))
            if s == &format!("Activated REQ1verifone. {DISK_FULL} The change was made but is not in the audit log.")),
        "{:?}",
        run.items[0].state
    );
}

#[test]
fn the_bare_already_activated_refusal_is_someone_elses_activation() {
    let mut app = loaded();
    confirm_activation(&mut app, "REQ1verifone");
    activate(
        &mut app,
        None,
        Err(OpError::Api(ApiError::AlreadyActivated)),
    );
    assert_eq!(
        toast(&app),
        "REQ1verifone was already activated by someone else."
    );
    assert_eq!(
        app.request("REQ1verifone").map(|r| r.status.clone()),
        Some(Status::Active)
    );
}

#[test]
fn an_import_row_refused_fails_and_one_unrecorded_is_set_but_not_logged() {
    let mut app = loaded();
    import_preview(&mut app);
    let run_id = apply_import(&mut app, 'y');
    let mut saved = app.request("REQ2epayNoTid").cloned().expect("row");
    saved.terminal_id = Some("11000099".into());
    let rows = [
        ("REQ2epayNoTid", unrecorded(ImportRowResult::Set(saved))),
        ("REQ1verifone", recorded(ImportRowResult::Failed(refused()))),
    ];
    for (id, result) in rows {
        let id = id.into();
        api(&mut app, ApiEvent::ImportRow { run_id, id, result });
    }
    let run = app.import().and_then(ImportState::run).expect("a run");
    assert!(
        matches!(&run.items[0].state, ItemState::Done(ImportResult::NotLogged(s)) if s.starts_with(&format!("set. {DISK_FULL}"))),
        "{:?}",
        run.items[0].state
    );
    assert_eq!(
        run.items[1].state,
        ItemState::Done(ImportResult::Failed(READ_ONLY.into()))
    );
    // Set on the server, so the row shows it.
    assert_eq!(
        app.request("REQ2epayNoTid")
            .and_then(|r| r.effective_terminal_id()),
        Some("11000099")
    );
}

/// `a` on an ePay row saves first; a save the log lacks sends no
/// activation after it, and the toast says so.
#[test]
fn a_save_before_activation_missing_from_the_audit_log_activates_nothing_and_says_so() {
    let mut app = loaded();
    move_to(&mut app, "REQ2epayNoTid");
    update(&mut app, ch('a'));
    typed(&mut app, "11000021");
    update(&mut app, key(KeyCode::Enter));
    let mut saved = app.request("REQ2epayNoTid").cloned().expect("row");
    saved.terminal_id = Some("11000021".into());
    let id = "REQ2epayNoTid".into();
    let result = Ok(unrecorded(Updated::Set(saved)));
    assert!(api(&mut app, ApiEvent::Updated { id, result }).is_empty());
    assert_eq!(
        toast(&app),
        format!(
            "Saved terminalId 11000021 for REQ2epayNoTid, but it was not activated. {DISK_FULL} The change was made but is not in the audit log."
        )
    );
    assert!(app.activate_after_save.is_empty());
}

/// Found already active, so nothing was sent: only the log's line is missing.
#[test]
fn an_already_active_item_missing_from_the_audit_log_says_nothing_was_changed() {
    let mut app = loaded();
    let (run_id, _) = start_run(&mut app, &["REQ1verifone"]);
    started(&mut app, run_id, "REQ1verifone");
    let mut r = app.request("REQ1verifone").cloned().expect("row");
    r.status = Status::Active;
    let result = Ok(unrecorded(Activation::AlreadyActive(Some(r))));
    activate(&mut app, Some(run_id), result);
    let run = app.bulk().expect("a run");
    let ItemState::Done(BulkResult::NotLogged(text)) = &run.items[0].state else {
        panic!("{:?}", run.items[0].state);
    };
    assert!(
        text.ends_with("Nothing was changed, but its line is missing from the audit log."),
        "{text}"
    );
    assert!(!text.contains("was made"), "{text}");
}

/// A save the read-back shows did not take: the console names its own key
/// to set it again, not the CLI's command.
#[test]
fn a_save_not_applied_names_the_consoles_key_not_the_cli() {
    let mut app = loaded();
    let what = "Request REQ2epayNoTid was sent terminalId 11000023, but reading it back shows no terminalId: it was not applied.";
    let not_applied = OpError::NotApplied {
        what: what.into(),
        redo: "Set it again with `intake update REQ2epayNoTid --terminal-id 11000023`.".into(),
    };
    save(&mut app, Err(not_applied));
    assert_eq!(
        toast(&app),
        format!(
            "Could not save the terminalId for REQ2epayNoTid. {what} `t` on the row sets it again."
        )
    );
}
