//! update() for merchant names: fetched once, shown and filtered as they arrive.

use crate::api::{IntegrationRequest, Merchant};
use crate::app::*;
use crate::testkit::*;

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
            Command::Api(WorkerCall::FetchMerchants { ids }) => ids.clone(),
            _ => Vec::new(),
        })
        .collect()
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
    let Some(Command::Api(WorkerCall::Load { load_id, .. })) = load.first() else {
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
    let text = app.list.filter_text.clone();
    app.set_filter_text("");
    app.set_filter_text(&text);
    assert_eq!(visible_ids(&app), after);
}

#[test]
fn a_name_that_cannot_match_leaves_the_view_alone() {
    let mut app = loaded();
    app.set_filter_text("type:epay");
    let visible = app.list.visible.clone();
    api(&mut app, named_event("6455f32b15743f591f4ee209"));
    assert_eq!(app.list.visible, visible);
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
