//! The title bar: profile, demo, counts, filter and spinner.

use super::*;

#[test]
fn title_bar_has_profile_demo_counts_filter_and_spinner() {
    let mut app = loaded();
    mark(
        &mut app,
        &["REQ1verifone", "REQ2epayNoTid", "REQ3epayReady"],
    );
    app.set_filter_text("epay");
    let screen = render(&mut app, 160, 10);
    let title = screen.lines().next().unwrap_or_default().to_string();
    for want in [
        "intake",
        "default",
        "2/8 shown",
        "3 marked",
        "pending only",
        "filter: epay",
    ] {
        assert!(title.contains(want), "{want} not in {title}");
    }
    assert!(!title.contains("DEMO"));
    assert!(!title.contains("loading"));
    let mut cfg = config();
    cfg.demo = true;
    let mut app = App::new(cfg, now());
    app.init();
    let title = render(&mut app, 160, 10)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(
        title.contains("DEMO") && title.contains("loading"),
        "{title}"
    );
}

/// At 80 columns the filter and the sort stay, in their short forms,
/// rather than being cut off the end.
#[test]
fn title_bar_shortens_labels_at_80_columns() {
    let mut app = loaded();
    mark(&mut app, &["REQ1verifone", "REQ3epayReady"]);
    app.set_filter_text("type:epay status:pending");
    let title = render(&mut app, 80, 24)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    insta::assert_snapshot!("title_80", title);
    assert!(title.contains("f: type:epay status:pending"), "{title}");
    assert!(title.contains("oldest first"), "{title}");
    // Wide, the labels are whole.
    let wide = render(&mut app, 160, 24)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(
        wide.contains("filter: type:epay status:pending") && wide.contains("sort: oldest first"),
        "{wide}"
    );
}
