//! A bulk run on screen while the window changes size.

use super::*;

/// A bulk run keeps going while the window is resized, down to nothing and
/// back, with results arriving between frames: no panic, and the run ends
/// on its results at any size.
#[test]
fn resizing_during_a_bulk_run_never_panics() {
    let mut app = loaded();
    start_run(&mut app, &READY);
    let mut t = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
    let sizes = [
        (160, 48),
        (20, 5),
        (1, 1),
        (80, 24),
        (9, 3),
        (200, 50),
        (20, 5),
        (120, 3),
    ];
    let ids = [
        "REQ1verifone",
        "REQ3epayReady",
        "REQ7verifone",
        "REQ8smartpay",
    ];
    for (step, (w, h)) in sizes.into_iter().enumerate() {
        t.backend_mut().resize(w, h);
        update(&mut app, Action::Resize(w, h));
        t.draw(|f| draw(f, &app)).expect("a frame");
        if let Some(id) = ids.get(step) {
            bulk_activated(&mut app, id, Ok(()));
            t.draw(|f| draw(f, &app)).expect("a frame");
        }
    }
    let run_id = run_id(&app);
    bulk_finished(&mut app, run_id, false);
    for (w, h) in [(20, 5), (80, 24)] {
        t.backend_mut().resize(w, h);
        t.draw(|f| draw(f, &app)).expect("a frame");
    }
    let screen = t.backend().to_string();
    assert!(screen.contains("4 activated"), "{screen}");
}

/// The in-flight line lists every id that fits, then how many more.
#[test]
fn the_in_flight_line_lists_what_fits_and_counts_the_rest() {
    use crate::ui::bulk::in_flight_line;
    let ids: Vec<String> = (1..=8).map(|i| format!("REQ{i:03}")).collect();
    assert_eq!(
        in_flight_line(&ids, 200),
        "In flight (8): REQ001 REQ002 REQ003 REQ004 REQ005 REQ006 REQ007 REQ008"
    );
    let cut = in_flight_line(&ids, 50);
    assert_eq!(cut, "In flight (8): REQ001 REQ002 REQ003 and 5 more");
    assert!(cut.chars().count() <= 50);
    assert_eq!(in_flight_line(&[], 50), "In flight (0)");
}
