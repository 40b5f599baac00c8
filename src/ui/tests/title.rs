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
