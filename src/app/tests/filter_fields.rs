//! update() for the filter's words (`terminal:none`, `needs:`), its unknown
//! fields, and what `a`, `t` and `A` say on an empty list.

use crossterm::event::KeyCode;

use crate::app::*;
use crate::testkit::*;

#[test]
fn terminal_none_finds_the_requests_without_a_terminal_id() {
    let mut app = loaded();
    app.set_filter_text("terminal:none");
    assert_eq!(
        visible_ids(&app),
        [
            "REQ1verifone",
            "REQ2epayNoTid",
            "REQ5active",
            "REQ7verifone"
        ]
    );
    app.set_filter_text("tid:none type:epay");
    assert_eq!(visible_ids(&app), ["REQ2epayNoTid"]);
    // Typed letter by letter, the last step is not a narrowing of `terminal:non`.
    let mut typed_app = loaded();
    for text in ["terminal:n", "terminal:no", "terminal:non", "terminal:none"] {
        typed_app.set_filter_text(text);
    }
    assert_eq!(
        visible_ids(&typed_app),
        visible_ids(&{
            let mut a = loaded();
            a.set_filter_text("terminal:none");
            a
        })
    );
}

#[test]
fn needs_matches_the_readiness_the_detail_pane_shows() {
    let mut app = loaded();
    app.set_filter_text("needs:terminal");
    assert_eq!(visible_ids(&app), ["REQ2epayNoTid"]);
    let ready = [
        "REQ1verifone",
        "REQ3epayReady",
        "REQ4windcaveT9",
        "REQ7verifone",
        "REQ8smartpay",
    ];
    app.set_filter_text("needs:nothing");
    assert_eq!(visible_ids(&app), ready);
    app.set_filter_text("needs:ready");
    assert_eq!(visible_ids(&app), ready);
    app.set_filter_text("needs:pending");
    assert_eq!(visible_ids(&app), ["REQ6rejected"]);
    // Bare words never match readiness: `pending` is the status.
    app.set_filter_text("pending");
    assert!(!visible_ids(&app).contains(&"REQ6rejected".to_string()));
}

#[test]
fn an_unknown_field_is_an_error_not_text() {
    let mut app = loaded();
    update(&mut app, ch('/'));
    typed(&mut app, "tpye:epay");
    assert_eq!(app.visible_len(), 0);
    assert_eq!(
        app.list.filter.error().as_deref(),
        Some("unknown field tpye; fields: type status merchant account id terminal needs")
    );
    for _ in 0.."tpye:epay".len() {
        update(&mut app, key(KeyCode::Backspace));
    }
    typed(&mut app, "type:epay");
    assert_eq!(app.list.filter.error(), None);
    assert_eq!(app.visible_len(), 2);
    // A colon after digits is text, not a field.
    app.set_filter_text("10:30");
    assert_eq!(app.list.filter.error(), None);
}

#[test]
fn a_t_and_capital_a_on_an_empty_list_say_why_nothing_happened() {
    for k in ['a', 't', 'A'] {
        let mut app = loaded();
        app.set_filter_text("nothingmatchesthis");
        assert_eq!(app.visible_len(), 0);
        update(&mut app, ch(k));
        assert!(matches!(app.mode, Mode::List), "{k}");
        let toast = app
            .current_toast()
            .map(|t| t.text.clone())
            .unwrap_or_default();
        assert!(
            toast.starts_with("Nothing to ") && toast.contains("no requests match the filter"),
            "{k}: {toast}"
        );
        assert!(toast.contains("Press Esc to clear it."), "{k}: {toast}");
    }
    let mut app = App::new(config(), now());
    app.init();
    api(&mut app, page(1, Vec::new(), true));
    update(&mut app, ch('a'));
    let toast = app
        .current_toast()
        .map(|t| t.text.clone())
        .unwrap_or_default();
    assert_eq!(
        toast,
        "Nothing to activate: no pending requests are loaded. Press p to show every status."
    );
}

#[test]
fn an_empty_result_counts_the_matches_pending_only_hides() {
    let mut app = loaded();
    update(&mut app, ch('/'));
    let cmds = typed(&mut app, "type:smartpay needs:pend");
    assert_eq!(app.visible_len(), 0);
    let asked: Vec<u64> = cmds
        .iter()
        .filter_map(|c| match c {
            Command::Api(WorkerCall::LoadOthers { load_id, query }) => {
                assert!(!query.pending, "every status");
                Some(*load_id)
            }
            _ => None,
        })
        .collect();
    let [load_id] = asked.as_slice() else {
        panic!("one count asked for, once: {cmds:?}");
    };
    assert_eq!(app.list.others_matching(), None, "not known yet");
    let mut rejected = requests()
        .into_iter()
        .find(|r| r.id == "REQ8smartpay")
        .expect("fixture");
    rejected.id = "OTHERsmartpay".into();
    rejected.status = crate::api::Status::Rejected;
    let mut pending = rejected.clone();
    pending.id = "OTHERpending".into();
    pending.status = crate::api::Status::Pending;
    api(&mut app, page(*load_id, vec![rejected, pending], true));
    assert_eq!(app.list.others_matching(), Some(1));
    // The rows shown are untouched by the count's pages.
    assert_eq!(app.visible_len(), 0);
    assert_eq!(app.total_len(), 8);
    // Narrowing further recounts without asking again.
    let cmds = typed(&mut app, "x");
    assert!(
        !cmds
            .iter()
            .any(|c| matches!(c, Command::Api(WorkerCall::LoadOthers { .. }))),
        "{cmds:?}"
    );
    assert_eq!(app.list.others_matching(), Some(0));
    // Showing every status needs no count.
    update(&mut app, key(KeyCode::Enter));
    update(&mut app, ch('p'));
    assert!(!app.list.pending_only);
}
