//! update() for marks: Space, `*`, `u`, and marks across filter, sort and refresh.

use crate::app::*;
use crate::testkit::*;

#[test]
fn space_marks_and_moves_down_star_marks_visible_u_clears() {
    let mut app = loaded();
    update(&mut app, ch(' '));
    assert_eq!(app.cursor(), 1);
    assert!(app.is_marked("REQ1verifone"));
    update(&mut app, ch('k'));
    update(&mut app, ch(' '));
    assert!(!app.is_marked("REQ1verifone"));
    app.set_filter_text("epay");
    update(&mut app, ch('*'));
    assert_eq!(app.marked_len(), 2);
    update(&mut app, ch('u'));
    assert_eq!(app.marked_len(), 0);
}

#[test]
fn marks_survive_filter_sort_and_refresh() {
    let mut app = loaded();
    move_to(&mut app, "REQ3epayReady");
    update(&mut app, ch(' '));
    move_to(&mut app, "REQ7verifone");
    update(&mut app, ch(' '));
    app.set_filter_text("type:epay");
    assert_eq!(app.marked_len(), 2);
    assert_eq!(app.list.visible_marked, 1);
    update(&mut app, ch('s'));
    update(&mut app, ch('S'));
    app.set_filter_text("");
    assert!(app.is_marked("REQ3epayReady") && app.is_marked("REQ7verifone"));
    let id = load_id(&update(&mut app, ch('r')));
    api(&mut app, page(id, requests(), true));
    assert!(app.is_marked("REQ3epayReady") && app.is_marked("REQ7verifone"));
    assert_eq!(app.marked_len(), 2);
    assert_eq!(app.list.visible_marked, 2);
}
