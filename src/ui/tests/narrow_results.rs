//! Results views at narrow widths: every count of the summary shown (the
//! zero ones dropped first), no row cut without `…`, and every row's
//! outcome on screen (the merchant's name cut first, the text under its
//! head when there is no room beside it).

use super::*;
use crate::app::{ImportStage, RunResult};

/// `(id, outcome word)` of every row a results view lists.
fn outcomes<R: RunResult>(run: &crate::app::Run<R>) -> Vec<(String, String)> {
    run.shown_items()
        .into_iter()
        .map(|i| {
            let text = i.state.text();
            let word = text.split(' ').next().unwrap_or_default().to_string();
            (i.id.clone(), word)
        })
        .collect()
}

/// Every screen of the results, scrolled with `j` from the top.
fn screens(app: &mut App, w: u16, h: u16) -> Vec<String> {
    let mut all = vec![render(app, w, h)];
    for _ in 0..12 {
        update(app, ch('j'));
        all.push(render(app, w, h));
    }
    all
}

/// On some screen, a row showing `id` (its start: a narrow head cuts it)
/// has `· outcome` on its line or the next (text under its head).
fn outcome_shown(screens: &[String], id: &str, word: &str) -> bool {
    let id: String = id.chars().take(10).collect();
    let said = format!("· {word}");
    screens.iter().any(|s| {
        let lines: Vec<&str> = s.lines().collect();
        lines.iter().enumerate().any(|(n, l)| {
            l.contains(&id)
                && (l.contains(&said) || lines.get(n + 1).is_some_and(|next| next.contains(&said)))
        })
    })
}

fn every_outcome_shown(app: &mut App, rows: &[(String, String)], w: u16, h: u16) {
    let all = screens(app, w, h);
    for (id, word) in rows {
        assert!(
            outcome_shown(&all, id, word),
            "{id} {word}\n{}",
            all.join("\n")
        );
    }
}

/// The bulk results scene with the merchants' names.
fn named_bulk_results() -> App {
    super::bulk_results_on(named())
}

#[test]
fn bulk_results_fit_narrow_screens() {
    for (w, h) in [(60, 20), (40, 15)] {
        let mut app = named_bulk_results();
        let rows = outcomes(app.bulk_results().expect("results"));
        let screen = render(&mut app, w, h);
        for count in ["1 skipped", "1 failed", "2 activated"] {
            assert!(screen.contains(count), "{count}\n{screen}");
        }
        insta::assert_snapshot!(format!("narrow_bulk_results_{w}x{h}"), screen);
        every_outcome_shown(&mut app, &rows, w, h);
    }
}

#[test]
fn import_results_fit_narrow_screens() {
    for (w, h) in [(60, 20), (40, 15)] {
        let mut app = scene_import_results();
        let rows = match app.import.as_ref().map(|i| &i.stage) {
            Some(ImportStage::Sending(run)) => outcomes(run),
            _ => panic!("no import results"),
        };
        let screen = render(&mut app, w, h);
        assert!(screen.contains("1 skipped"), "{screen}");
        insta::assert_snapshot!(format!("narrow_import_results_{w}x{h}"), screen);
        every_outcome_shown(&mut app, &rows, w, h);
    }
}

/// Update holds the scroll where the view's last lines just fill it: at
/// the end the last row's last line shows, and one `k` moves at once.
#[test]
fn narrow_results_scroll_to_their_end_and_back_at_once() {
    for (w, h) in [(60, 20), (40, 15)] {
        let mut app = named_bulk_results();
        for _ in 0..30 {
            update(&mut app, ch('j'));
        }
        let end = render(&mut app, w, h);
        assert!(end.contains("· activated"), "{end}");
        let last = app
            .bulk_results()
            .and_then(|r| r.shown_items().last().map(|i| i.id.clone()))
            .expect("a row");
        assert!(end.contains(&last), "{last}\n{end}");
        update(&mut app, ch('k'));
        assert_ne!(render(&mut app, w, h), end, "{end}");
    }
}
