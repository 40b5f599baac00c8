//! Where things go: the detail pane, the row window and the filter line, and how fast a frame is drawn.

use super::*;

#[test]
fn detail_is_beside_the_list_when_wide_and_below_when_narrow() {
    let mut app = loaded();
    let wide = render(&mut app, 160, 30);
    let line = wide
        .lines()
        .find(|l| l.contains("Integration requests"))
        .unwrap_or_default();
    assert!(line.contains("Detail"), "{line}");
    let narrow = render(&mut app, 100, 40);
    let line = narrow
        .lines()
        .find(|l| l.contains("Integration requests"))
        .unwrap_or_default();
    assert!(!line.contains("Detail"));
    assert!(narrow.contains("Detail"));
}

#[test]
fn only_the_visible_window_of_rows_is_drawn() {
    let mut app = loaded();
    let screen = render(&mut app, 80, 10);
    assert!(screen.contains("5ee0c486308f"));
    assert!(
        !screen.contains("6324b3e7046f"),
        "the last row is below the window"
    );
    update(&mut app, ch('G'));
    let screen = render(&mut app, 80, 10);
    assert!(screen.contains("6324b3e7046f"));
}

#[test]
fn the_filter_line_shows_while_typing() {
    let mut app = loaded();
    update(&mut app, ch('/'));
    typed(&mut app, "status:pend");
    let screen = render(&mut app, 80, 24);
    assert!(
        screen.lines().any(|l| l.contains("/status:pend")),
        "{screen}"
    );
}

/// `cargo test --release --lib -- --ignored perf_` prints the median time
/// of a filter keystroke plus a 200x50 frame over 100,000 rows.
#[test]
#[ignore = "timing; run in release"]
fn perf_filter_keystroke_and_frame_at_100k_rows() {
    let mut app = App::new(config(), now());
    app.init();
    let base = requests();
    let items: Vec<_> = (0..100_000)
        .map(|i| {
            let mut r = base[i % base.len()].clone();
            r.id = format!("ID{i:06}x{}", i * 7919 % 100_003);
            r.merchant_id = format!("{:024x}", (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
            r
        })
        .collect();
    api(
        &mut app,
        ApiEvent::Page {
            load_id: 1,
            items,
            done: true,
        },
    );
    let mut t = Terminal::new(TestBackend::new(200, 50)).expect("a test terminal");
    update(&mut app, ch('/'));
    let mut times = Vec::new();
    for round in 0..5 {
        for c in "type:verifone status:pending 5e".chars() {
            let start = std::time::Instant::now();
            update(&mut app, ch(c));
            t.draw(|f| draw(f, &app)).expect("a frame");
            times.push(start.elapsed());
        }
        for _ in 0.."type:verifone status:pending 5e".len() {
            let start = std::time::Instant::now();
            update(&mut app, key(KeyCode::Backspace));
            t.draw(|f| draw(f, &app)).expect("a frame");
            times.push(start.elapsed());
        }
        let _ = round;
    }
    times.sort();
    let median = times[times.len() / 2];
    let p90 = times[times.len() * 9 / 10];
    println!(
        "median {median:?} p90 {p90:?} max {:?}",
        times[times.len() - 1]
    );
}
