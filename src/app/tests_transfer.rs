//! update() for merchant names, export (`e`) and import (`i`).

use std::path::PathBuf;

use crossterm::event::KeyCode;

use super::fixtures::*;
use super::*;
use crate::api::{ApiError, IntegrationRequest, Merchant, SearchQuery, Status};
use crate::export::ExportFormat;
use crate::import::RowClass;

fn api(app: &mut App, e: ApiEvent) -> Vec<Command> {
    update(app, Action::Api(e))
}

fn page(load_id: u64, items: Vec<IntegrationRequest>, done: bool) -> ApiEvent {
    ApiEvent::Page {
        load_id,
        items,
        done,
    }
}

fn merchant(id: &str) -> Option<Merchant> {
    merchants()
        .into_iter()
        .find(|(m, _)| *m == id)
        .and_then(|(_, m)| m)
}

fn named_event(id: &str) -> ApiEvent {
    ApiEvent::Merchant {
        merchant_id: id.into(),
        merchant: merchant(id),
    }
}

fn fetched(cmds: &[Command]) -> Vec<String> {
    cmds.iter()
        .flat_map(|c| match c {
            Command::FetchMerchants { ids } => ids.clone(),
            _ => Vec::new(),
        })
        .collect()
}

fn toast(app: &App) -> String {
    app.current_toast()
        .map(|t| t.text.clone())
        .unwrap_or_default()
}

#[test]
fn each_merchant_is_fetched_once_across_pages_and_reloads() {
    let mut app = App::new(config(), now());
    app.init();
    let all = requests();
    let mut first = all[..3].to_vec();
    // The same merchant twice on one page is asked for once.
    let mut twin = all[0].clone();
    twin.id = "REQ1twin".into();
    first.push(twin);
    let cmds = api(&mut app, page(1, first, false));
    assert_eq!(
        fetched(&cmds),
        [
            "5ee0c486308f590260d9a07f",
            "6455f32b15743f591f4ee209",
            "62e0ca487e40434aa184db17"
        ]
    );
    assert_eq!(cmds.len(), 1, "only the lookup: {cmds:?}");
    // The next page repeats one merchant already in flight.
    let cmds = api(&mut app, page(1, all[2..].to_vec(), true));
    assert_eq!(
        fetched(&cmds),
        all[3..]
            .iter()
            .map(|r| r.merchant_id.clone())
            .collect::<Vec<_>>()
    );
    assert_eq!(
        app.merchant_info("6455f32b15743f591f4ee209"),
        Some(&MerchantInfo::Pending)
    );
    // Answers arrive; a reload of the same rows asks for nothing.
    for (id, _) in merchants() {
        api(&mut app, named_event(id));
    }
    let load = update(&mut app, ch('r'));
    let Some(Command::Load { load_id, .. }) = load.first() else {
        panic!("{load:?}");
    };
    let cmds = api(&mut app, page(*load_id, requests(), true));
    assert!(fetched(&cmds).is_empty(), "{cmds:?}");
    // Stale pages never ask either.
    let cmds = api(&mut app, page(99, vec![req_for("new-merchant")], true));
    assert!(cmds.is_empty());
}

fn req_for(merchant: &str) -> IntegrationRequest {
    let mut r = requests()[0].clone();
    r.id = format!("REQfor{merchant}");
    r.merchant_id = merchant.into();
    r
}

#[test]
fn names_arriving_show_in_the_filter_without_moving_the_cursor() {
    let mut app = loaded();
    app.set_filter_text("merchant:aroha");
    assert!(visible_ids(&app).is_empty());
    api(&mut app, named_event("6455f32b15743f591f4ee209"));
    assert_eq!(visible_ids(&app), ["REQ2epayNoTid"]);
    // Bare words match names too, in sort order, and the cursor stays put.
    app.set_filter_text("cafe");
    assert_eq!(visible_ids(&app), ["REQ2epayNoTid"]);
    update(&mut app, ch('g'));
    api(&mut app, named_event("5f9b343b1007e910f9a8eab8"));
    assert_eq!(visible_ids(&app), ["REQ2epayNoTid", "REQ4windcaveT9"]);
    assert_eq!(cursor_id(&app), "REQ2epayNoTid");
    // Only merchant: and bare words look at names.
    app.set_filter_text("account:cafe");
    assert!(visible_ids(&app).is_empty());
    app.set_filter_text("m:CAFE type:windcave");
    assert_eq!(visible_ids(&app), ["REQ4windcaveT9"]);
    // A name earlier in the sort than the rows shown merges in before them.
    app.set_filter_text("ou");
    assert_eq!(visible_ids(&app), ["REQ4windcaveT9"]);
    api(&mut app, named_event("5ee0c486308f590260d9a07f"));
    let after = visible_ids(&app);
    assert_eq!(after, ["REQ1verifone", "REQ4windcaveT9"]);
    // The same rows a full recompute would give.
    let text = app.filter_text.clone();
    app.set_filter_text("");
    app.set_filter_text(&text);
    assert_eq!(visible_ids(&app), after);
}

#[test]
fn a_name_that_cannot_match_leaves_the_view_alone() {
    let mut app = loaded();
    app.set_filter_text("type:epay");
    let visible = app.visible.clone();
    api(&mut app, named_event("6455f32b15743f591f4ee209"));
    assert_eq!(app.visible, visible);
    assert!(app.merchant("6455f32b15743f591f4ee209").is_some());
}

#[test]
fn a_merchant_the_key_cannot_see_keeps_its_id_and_is_not_asked_again() {
    let mut app = loaded();
    api(
        &mut app,
        ApiEvent::Merchant {
            merchant_id: "60a848820346ce068b21ea85".into(),
            merchant: None,
        },
    );
    assert_eq!(
        app.merchant_info("60a848820346ce068b21ea85"),
        Some(&MerchantInfo::Unavailable)
    );
    assert!(app.merchant("60a848820346ce068b21ea85").is_none());
    app.set_filter_text("60a848");
    assert_eq!(visible_ids(&app), ["REQ5active"]);
    update(&mut app, ch('p'));
    let cmds = api(&mut app, page(2, requests(), true));
    assert!(
        !fetched(&cmds).contains(&"60a848820346ce068b21ea85".to_string()),
        "{cmds:?}"
    );
    assert!(
        !app.known_merchants()
            .contains_key("60a848820346ce068b21ea85")
    );
}

#[test]
fn export_sends_exactly_the_filtered_sorted_view() {
    let mut app = named();
    app.set_filter_text("type:epay");
    update(&mut app, ch('S'));
    update(&mut app, ch('e'));
    let Mode::Prompt(p) = &app.mode else {
        panic!("no prompt: {:?}", app.mode);
    };
    assert_eq!(p.kind, PromptKind::Export);
    // 12:00 UTC is midnight the next day at +12:00.
    assert_eq!(p.input.value(), "intake-export-20240602-000000.csv");
    let cmds = update(&mut app, key(KeyCode::Enter));
    let [
        Command::Export {
            path,
            format,
            requests,
            merchants,
        },
    ] = cmds.as_slice()
    else {
        panic!("{cmds:?}");
    };
    assert_eq!(path, &PathBuf::from("intake-export-20240602-000000.csv"));
    assert_eq!(*format, ExportFormat::Csv);
    let ids: Vec<&str> = requests.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["REQ3epayReady", "REQ2epayNoTid"]);
    assert_eq!(requests, &app.visible_requests());
    assert_eq!(merchants.len(), 7);
    assert_eq!(
        merchants
            .get("6455f32b15743f591f4ee209")
            .map(|m| m.name.as_str()),
        Some("Cafe Aroha")
    );
    assert!(matches!(app.mode, Mode::List));
    assert!(app.is_busy());
    api(
        &mut app,
        ApiEvent::Exported {
            path: path.clone(),
            count: 2,
            result: Ok(()),
        },
    );
    assert_eq!(
        toast(&app),
        "Exported 2 requests to intake-export-20240602-000000.csv."
    );
    assert!(app.exporting.is_none());
}

#[test]
fn export_picks_the_format_by_extension_and_says_when_it_cannot() {
    let mut app = loaded();
    update(&mut app, ch('e'));
    for _ in 0..40 {
        update(&mut app, key(KeyCode::Backspace));
    }
    let cmds = update(&mut app, key(KeyCode::Enter));
    assert!(cmds.is_empty());
    typed(&mut app, "out.txt");
    let cmds = update(&mut app, key(KeyCode::Enter));
    assert!(cmds.is_empty());
    let Mode::Prompt(p) = &app.mode else {
        panic!("the prompt stays open");
    };
    assert_eq!(
        p.error.as_deref(),
        Some("The name must end in .csv or .json; that picks the format.")
    );
    for _ in 0..3 {
        update(&mut app, key(KeyCode::Backspace));
    }
    typed(&mut app, "JSON");
    let cmds = update(&mut app, key(KeyCode::Enter));
    match cmds.as_slice() {
        [Command::Export { format, path, .. }] => {
            assert_eq!(*format, ExportFormat::Json);
            assert_eq!(path, &PathBuf::from("out.JSON"));
        }
        other => panic!("{other:?}"),
    }
    api(
        &mut app,
        ApiEvent::Exported {
            path: "out.JSON".into(),
            count: 8,
            result: Err("Could not export to out.JSON (disk full).".into()),
        },
    );
    assert_eq!(toast(&app), "Could not export to out.JSON (disk full).");
    assert_eq!(app.current_toast().map(|t| t.kind), Some(ToastKind::Error));
}

#[test]
fn esc_cancels_the_export_prompt() {
    let mut app = loaded();
    update(&mut app, ch('e'));
    assert!(update(&mut app, key(KeyCode::Esc)).is_empty());
    assert!(matches!(app.mode, Mode::List));
    assert!(app.exporting.is_none());
}

/// `i`, the path typed over what it offers, Enter: returns the PlanImport command.
fn start_import(app: &mut App, path: &str) -> Vec<Command> {
    update(app, ch('i'));
    for _ in 0..app.last_import_path.chars().count() {
        update(app, key(KeyCode::Backspace));
    }
    typed(app, path);
    update(app, key(KeyCode::Enter))
}

fn planned(app: &mut App, csv: &str) {
    let plan = import_plan(csv, &requests());
    api(
        app,
        ApiEvent::ImportPlanned {
            path: "terminals.csv".into(),
            result: Ok(plan),
        },
    );
}

#[test]
fn import_plans_every_status_for_the_account_then_previews() {
    let mut cfg = config();
    cfg.account_id = Some("Jaim1Cu1Q55uooxSens6yk".into());
    let mut app = App::new(cfg, now());
    app.init();
    api(&mut app, page(1, requests(), true));
    // Nothing typed: the prompt says what it needs and stays.
    update(&mut app, ch('i'));
    assert!(update(&mut app, key(KeyCode::Enter)).is_empty());
    assert!(matches!(&app.mode, Mode::Prompt(p) if p.error.is_some()));
    update(&mut app, key(KeyCode::Esc));
    let cmds = start_import(&mut app, "terminals.csv");
    assert_eq!(
        cmds,
        [Command::PlanImport {
            path: "terminals.csv".into(),
            query: SearchQuery {
                account_id: Some("Jaim1Cu1Q55uooxSens6yk".into()),
                kind: None,
                pending: false,
            },
        }]
    );
    assert!(matches!(app.mode, Mode::Import));
    assert!(app.is_busy());
    planned(&mut app, IMPORT_CSV);
    let run = app.import().expect("an import");
    assert_eq!(run.phase, ImportPhase::Preview);
    let counts = run.plan.counts();
    assert_eq!(counts[&RowClass::WillSet], 2);
    assert_eq!(counts[&RowClass::Unchanged], 1);
    assert_eq!(counts[&RowClass::Conflicting], 1);
    assert_eq!(counts[&RowClass::UnknownRequest], 1);
    assert_eq!(counts[&RowClass::Duplicate], 1);
    assert_eq!(counts[&RowClass::Invalid], 1);
    // The prompt offers the same file next time.
    assert_eq!(app.last_import_path, "terminals.csv");
}

#[test]
fn confirming_the_preview_sends_the_will_set_rows_only() {
    let mut app = loaded();
    start_import(&mut app, "terminals.csv");
    planned(&mut app, IMPORT_CSV);
    // Scrolling the preview sends nothing.
    assert!(update(&mut app, ch('j')).is_empty());
    let cmds = update(&mut app, ch('y'));
    let [
        Command::ImportApply {
            run_id,
            updates,
            concurrency,
        },
    ] = cmds.as_slice()
    else {
        panic!("{cmds:?}");
    };
    assert_eq!(
        updates,
        &[
            ("REQ2epayNoTid".to_string(), "11000099".to_string()),
            ("REQ1verifone".to_string(), "V-77".to_string()),
        ]
    );
    assert_eq!(*concurrency, 4);
    let run_id = *run_id;
    assert_eq!(app.import().map(|r| r.phase), Some(ImportPhase::Setting));
    // Keys other than Esc do nothing while it runs.
    assert!(update(&mut app, ch('y')).is_empty());
    let mut saved = app.request("REQ2epayNoTid").cloned().expect("row");
    saved.terminal_id = Some("11000099".into());
    api(
        &mut app,
        ApiEvent::ImportRow {
            run_id,
            id: "REQ2epayNoTid".into(),
            result: ImportRowResult::Set(saved),
        },
    );
    assert_eq!(
        app.request("REQ2epayNoTid")
            .and_then(|r| r.effective_terminal_id()),
        Some("11000099")
    );
    api(
        &mut app,
        ApiEvent::ImportRow {
            run_id,
            id: "REQ1verifone".into(),
            result: ImportRowResult::SetMeanwhile("V-1".into()),
        },
    );
    let cmds = api(
        &mut app,
        ApiEvent::ImportFinished {
            run_id,
            cancelled: false,
        },
    );
    assert!(cmds.is_empty(), "no activation without `a`: {cmds:?}");
    let run = app.import().expect("results");
    assert_eq!(run.phase, ImportPhase::Finished { cancelled: false });
    assert_eq!(run.items[0].outcome, ImportOutcome::Set);
    assert!(matches!(&run.items[1].outcome, ImportOutcome::Skipped(w) if w.contains("V-1")));
    assert_eq!(toast(&app), "Set 1 of 2 terminalIds from terminals.csv.");
    update(&mut app, key(KeyCode::Esc));
    assert!(app.import().is_none());
    assert!(matches!(app.mode, Mode::List));
}

#[test]
fn cancelling_the_preview_or_the_planning_sends_nothing() {
    let mut app = loaded();
    start_import(&mut app, "terminals.csv");
    planned(&mut app, IMPORT_CSV);
    assert!(update(&mut app, key(KeyCode::Esc)).is_empty());
    assert!(app.import().is_none());
    assert!(matches!(app.mode, Mode::List));
    assert_eq!(toast(&app), "Import cancelled; nothing was sent.");
    // Esc while the worker plans; its late answer is dropped.
    start_import(&mut app, "terminals.csv");
    assert!(update(&mut app, key(KeyCode::Esc)).is_empty());
    planned(&mut app, IMPORT_CSV);
    assert!(app.import().is_none());
    assert!(matches!(app.mode, Mode::List));
    // A file that cannot be read says so and leaves the list.
    start_import(&mut app, "terminals.csv");
    api(
        &mut app,
        ApiEvent::ImportPlanned {
            path: "terminals.csv".into(),
            result: Err("Could not open terminals.csv (not found).".into()),
        },
    );
    assert!(app.import().is_none());
    assert!(matches!(app.mode, Mode::List));
    assert_eq!(toast(&app), "Could not open terminals.csv (not found).");
}

#[test]
fn importing_the_same_file_again_is_all_unchanged_and_sends_nothing() {
    let mut app = loaded();
    let mut now_set = requests();
    for r in &mut now_set {
        match r.id.as_str() {
            "REQ2epayNoTid" => r.terminal_id = Some("11000099".into()),
            "REQ1verifone" => r.terminal_id = Some("V-77".into()),
            _ => {}
        }
    }
    start_import(&mut app, "terminals.csv");
    let plan = import_plan(IMPORT_CSV, &now_set);
    assert_eq!(plan.count(RowClass::WillSet), 0);
    assert_eq!(plan.count(RowClass::Unchanged), 3);
    api(
        &mut app,
        ApiEvent::ImportPlanned {
            path: "terminals.csv".into(),
            result: Ok(plan),
        },
    );
    for k in [key(KeyCode::Enter), ch('a')] {
        assert!(update(&mut app, k).is_empty());
    }
    assert!(app.import().is_none());
    assert!(toast(&app).starts_with("Nothing to set"), "{}", toast(&app));
}

#[test]
fn a_sets_then_bulk_activates_what_was_set_then_shows_the_import_results() {
    let mut app = loaded();
    start_import(&mut app, "terminals.csv");
    planned(&mut app, IMPORT_CSV);
    let cmds = update(&mut app, ch('a'));
    let Some(Command::ImportApply { run_id, .. }) = cmds.first() else {
        panic!("{cmds:?}");
    };
    let run_id = *run_id;
    for (id, tid) in [("REQ2epayNoTid", "11000099"), ("REQ1verifone", "V-77")] {
        let mut r = app.request(id).cloned().expect("row");
        r.terminal_id = Some(tid.into());
        api(
            &mut app,
            ApiEvent::ImportRow {
                run_id,
                id: id.into(),
                result: ImportRowResult::Set(r),
            },
        );
    }
    let cmds = api(
        &mut app,
        ApiEvent::ImportFinished {
            run_id,
            cancelled: false,
        },
    );
    match cmds.as_slice() {
        [Command::BulkActivate { ids, .. }] => {
            assert_eq!(ids, &["REQ2epayNoTid", "REQ1verifone"]);
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(app.mode, Mode::Bulk));
    let bulk_id = app.bulk().map(|r| r.run_id).expect("a bulk run");
    for id in ["REQ2epayNoTid", "REQ1verifone"] {
        let mut r = app.request(id).cloned().expect("row");
        r.status = Status::Active;
        api(
            &mut app,
            ApiEvent::Activated {
                id: id.into(),
                run_id: Some(bulk_id),
                result: Ok(crate::api::retry::Activation::Activated(r)),
            },
        );
    }
    api(
        &mut app,
        ApiEvent::BulkFinished {
            run_id: bulk_id,
            cancelled: false,
        },
    );
    update(&mut app, key(KeyCode::Esc));
    assert!(matches!(app.mode, Mode::Import), "import results next");
    update(&mut app, key(KeyCode::Esc));
    assert!(matches!(app.mode, Mode::List));
}

#[test]
fn esc_during_the_import_run_cancels_it() {
    let mut app = loaded();
    start_import(&mut app, "terminals.csv");
    planned(&mut app, IMPORT_CSV);
    let cmds = update(&mut app, ch('a'));
    let Some(Command::ImportApply { run_id, .. }) = cmds.first() else {
        panic!("{cmds:?}");
    };
    let run_id = *run_id;
    assert_eq!(
        update(&mut app, key(KeyCode::Esc)),
        [Command::CancelBulk { run_id }]
    );
    assert!(update(&mut app, key(KeyCode::Esc)).is_empty(), "asked once");
    api(
        &mut app,
        ApiEvent::ImportRow {
            run_id,
            id: "REQ2epayNoTid".into(),
            result: ImportRowResult::Failed(ApiError::Timeout {
                after: std::time::Duration::from_secs(3),
            }),
        },
    );
    let cmds = api(
        &mut app,
        ApiEvent::ImportFinished {
            run_id,
            cancelled: true,
        },
    );
    assert!(cmds.is_empty(), "a cancelled run activates nothing");
    let run = app.import().expect("results");
    assert_eq!(run.phase, ImportPhase::Finished { cancelled: true });
    assert!(matches!(run.items[0].outcome, ImportOutcome::Failed(_)));
    assert!(matches!(run.items[1].outcome, ImportOutcome::Skipped(_)));
}
