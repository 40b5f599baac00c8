//! Saved views: tabs switched with Tab, BackTab and
//! digits, the typed filter narrowing within a view, marks kept across
//! views, and the counts taken when the rows change.

use crossterm::event::KeyCode;

use crate::api::IntegrationType;
use crate::app::*;
use crate::config::ViewSpec;
use crate::testkit::*;

fn spec(name: &str, filter: &str) -> ViewSpec {
    ViewSpec {
        name: name.into(),
        filter: filter.into(),
        ..ViewSpec::default()
    }
}

fn with_views(views: Vec<ViewSpec>) -> App {
    let mut cfg = config();
    cfg.prefs.views = views;
    loaded_with(cfg)
}

fn tabs(app: &App) -> Vec<(String, usize)> {
    app.view_tabs()
        .into_iter()
        .map(|(n, c)| (n.to_string(), c))
        .collect()
}

#[test]
fn the_defaults_are_pending_epay_missing_a_terminal_id_and_ready() {
    let app = loaded();
    let names: Vec<String> = tabs(&app).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["Pending", "ePay missing terminalId", "Ready"]);
    assert_eq!(app.views().current(), 0);
    assert_eq!(tabs(&app)[0].1, app.total_len());
}

#[test]
fn tab_backtab_and_digits_switch_views() {
    let mut app = loaded();
    update(&mut app, key(KeyCode::Tab));
    assert_eq!(app.views().current(), 1);
    assert_eq!(visible_ids(&app), ["REQ2epayNoTid"]);
    update(&mut app, key(KeyCode::Tab));
    assert_eq!(app.views().current(), 2);
    // Tab wraps round to the first view, BackTab back to the last.
    update(&mut app, key(KeyCode::Tab));
    assert_eq!(app.views().current(), 0);
    assert_eq!(app.visible_len(), app.total_len());
    update(&mut app, key(KeyCode::BackTab));
    assert_eq!(app.views().current(), 2);
    update(&mut app, ch('2'));
    assert_eq!(app.views().current(), 1);
    update(&mut app, ch('1'));
    assert_eq!(app.views().current(), 0);
    // A number without a view says so and stays.
    update(&mut app, ch('7'));
    assert_eq!(app.views().current(), 0);
    assert!(toast(&app).contains("no view 7"), "{}", toast(&app));
}

#[test]
fn the_typed_filter_narrows_within_the_view() {
    let mut app = with_views(vec![spec("ePay", "type:epay"), spec("All", "")]);
    let epay = visible_ids(&app);
    assert!(epay.len() >= 2, "{epay:?}");
    assert!(epay.iter().all(|id| id.contains("epay")));
    update(&mut app, ch('/'));
    typed(&mut app, "Ready");
    update(&mut app, key(KeyCode::Enter));
    assert_eq!(visible_ids(&app), ["REQ3epayReady"]);
    // The typed filter stays when the view changes, and applies there too.
    update(&mut app, key(KeyCode::Tab));
    assert_eq!(app.filter_text(), "Ready");
    assert_eq!(visible_ids(&app), ["REQ3epayReady"]);
    update(&mut app, key(KeyCode::Esc));
    assert_eq!(app.visible_len(), app.total_len());
    update(&mut app, key(KeyCode::BackTab));
    assert_eq!(visible_ids(&app), epay);
}

#[test]
fn marks_are_kept_across_views() {
    let mut app = loaded();
    mark(&mut app, &["REQ1verifone", "REQ2epayNoTid"]);
    update(&mut app, ch('2'));
    assert_eq!(app.marked_len(), 2);
    assert!(app.is_marked("REQ1verifone"));
    assert_eq!(app.list.visible_marked, 1);
    update(&mut app, ch('1'));
    assert_eq!(app.marked_len(), 2);
    assert_eq!(app.list.visible_marked, 2);
}

#[test]
fn counts_follow_the_rows_not_the_typed_filter() {
    let mut app = with_views(vec![
        spec("ePay", "type:epay"),
        spec("Verifone", "type:verifone"),
        spec("Nothing", "type:nosuchtype"),
    ]);
    let of = |kind: IntegrationType| requests().iter().filter(|r| r.kind == kind).count();
    let verifone = of(IntegrationType::Verifone);
    assert!(verifone > 0);
    assert_eq!(tabs(&app)[0].1, of(IntegrationType::Epay));
    assert_eq!(tabs(&app)[1].1, verifone);
    assert_eq!(tabs(&app)[2].1, 0);
    let generation = app.list.generation;
    app.set_filter_text("Ready");
    update(&mut app, Action::Tick(now()));
    assert_eq!(app.list.generation, generation);
    assert_eq!(tabs(&app)[1].1, verifone);
    // A refresh that brings one more verifone request counts it.
    let mut more = requests();
    let mut extra = more
        .iter()
        .find(|r| r.kind == IntegrationType::Verifone)
        .cloned()
        .unwrap();
    extra.id = "REQ9verifone".into();
    more.push(extra);
    let id = load_id(&update(&mut app, ch('r')));
    api(&mut app, page(id, more, true));
    assert_eq!(tabs(&app)[1].1, verifone + 1);
}

#[test]
fn a_view_sorts_and_shows_every_status_when_it_says_so() {
    let mut app = with_views(vec![
        spec("Pending", ""),
        ViewSpec {
            name: "Everything".into(),
            filter: String::new(),
            sort: Some("type".into()),
            all_statuses: true,
            ..ViewSpec::default()
        },
    ]);
    let cmds = update(&mut app, key(KeyCode::Tab));
    assert!(!app.list.pending_only);
    assert_eq!(app.list.sort, SortKey::Kind);
    let id = load_id(&cmds);
    api(&mut app, page(id, requests(), true));
    // Back to a pending-only view loads pending requests again.
    let cmds = update(&mut app, key(KeyCode::BackTab));
    assert!(app.list.pending_only);
    assert!(load_id(&cmds) > id);
}

#[test]
fn a_bad_view_is_named_in_a_sentence_at_start() {
    let mut cfg = config();
    cfg.prefs.views = vec![
        spec("Typo", "tpye:epay"),
        ViewSpec {
            sort: Some("colour".into()),
            ..spec("Sorted", "")
        },
    ];
    let mut app = App::new(cfg, now());
    app.init();
    let all: Vec<String> = app
        .messages()
        .newest_first()
        .map(|m| m.text.clone())
        .collect();
    assert!(all.iter().any(|m| m.contains("The view `Typo`")), "{all:?}");
    assert!(
        all.iter()
            .any(|m| m.contains("The view `Sorted` sorts by `colour`")),
        "{all:?}"
    );
}

#[test]
fn an_empty_view_says_so_and_offers_the_next_view() {
    let mut app = with_views(vec![spec("Nothing", "type:nosuchtype"), spec("All", "")]);
    assert_eq!(app.visible_len(), 0);
    update(&mut app, ch('a'));
    assert!(
        toast(&app).contains("no requests are in this view. Press Tab"),
        "{}",
        toast(&app)
    );
    let screen = render(&mut app, 100, 20);
    assert!(
        screen.contains("No requests in the view `Nothing`"),
        "{screen}"
    );
    update(&mut app, key(KeyCode::Tab));
    assert_eq!(app.visible_len(), app.total_len());
}

#[test]
fn counts_follow_pages_and_single_answers_without_counting_everything_again() {
    let mut app = App::new(config(), now());
    let id = load_id(&app.init());
    let all = requests();
    let (first, rest) = all.split_at(3);
    api(&mut app, page(id, first.to_vec(), false));
    assert_eq!(tabs(&app)[0].1, 3);
    api(&mut app, page(id, rest.to_vec(), true));
    let missing = tabs(&app)[1].1;
    assert_eq!(tabs(&app)[0].1, all.len());
    assert_eq!(missing, 1);
    // Its terminalId set (the server's answer): it leaves "ePay missing".
    let saved = with_terminal(&app, "REQ2epayNoTid", Some("11000099"));
    updated(&mut app, saved);
    assert_eq!(tabs(&app)[1].1, 0);
    // The same as counting every row from scratch.
    let fresh = with_views(Vec::new());
    let mut again = fresh;
    let saved = with_terminal(&again, "REQ2epayNoTid", Some("11000099"));
    updated(&mut again, saved);
    assert_eq!(tabs(&app), tabs(&again));
}

#[test]
fn the_epay_default_leaves_out_a_type_whose_name_contains_epay() {
    let mut app = App::new(config(), now());
    app.init();
    let future = IntegrationType::Unknown("futurepay".into());
    let age = chrono::TimeDelta::days(2);
    let items = vec![
        req(
            "REQfutureNoTid",
            future,
            crate::api::Status::Pending,
            "m1",
            None,
            age,
        ),
        req(
            "REQepayNoTid",
            IntegrationType::Epay,
            crate::api::Status::Pending,
            "m1",
            None,
            age,
        ),
    ];
    api(&mut app, page(1, items, true));
    update(&mut app, key(KeyCode::Tab));
    assert_eq!(visible_ids(&app), ["REQepayNoTid"]);
}
