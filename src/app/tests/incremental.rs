//! The counts kept as rows arrive (the backlog summary, the saved views'
//! counts, the marked rows shown) always equal counting every shown row
//! again, whatever sequence of pages, names, filters, sorts, marks, answers
//! and reloads came before; and a page or a batch of names never costs a
//! count of every shown row.

use chrono::TimeDelta;
use crossterm::event::KeyCode;
use proptest::prelude::*;

use crate::api::{IntegrationRequest, IntegrationType, Merchant, Status};
use crate::app::*;
use crate::config::ViewSpec;
use crate::testkit::*;

const MERCHANTS: usize = 6;
/// One name per merchant (a name arrives once a session); two hold a word
/// the filters and the `cafes` view look for.
const NAMES: [&str; MERCHANTS] = [
    "Aroha Cafe",
    "Kowhai Books",
    "Deli on Dixon",
    "Cafe Nero",
    "Harbour Fish",
    "Bakery",
];
const FILTERS: [&str; 8] = [
    "",
    "cafe",
    "type:epay",
    "merchant:books",
    "needs:terminal",
    "terminal:none",
    "status:pending aroha",
    "r",
];

fn merchant_id(m: usize) -> String {
    format!("5ee0c486308f590260d9a0{m:02}")
}

/// Row `i` of the pool: types, statuses, merchants, terminalIds and ages
/// spread so every count has more than one value, some without createdAt.
fn row(i: usize) -> IntegrationRequest {
    let kinds = [
        IntegrationType::Epay,
        IntegrationType::Verifone,
        IntegrationType::Windcave,
        IntegrationType::Smartpay,
    ];
    let statuses = [
        Status::Pending,
        Status::Pending,
        Status::Pending,
        Status::Active,
        Status::Rejected,
    ];
    let tid = i.is_multiple_of(3).then_some("11000021");
    let mut r = req(
        &format!("REQ{i:03}"),
        kinds[i % kinds.len()].clone(),
        statuses[i % statuses.len()].clone(),
        &merchant_id(i % MERCHANTS),
        tid,
        TimeDelta::hours(i as i64 * 17),
    );
    if i.is_multiple_of(13) {
        r.created_at = None;
    }
    r
}

fn named(m: usize) -> Option<Merchant> {
    Some(Merchant {
        id: merchant_id(m),
        account_id: None,
        name: NAMES[m].into(),
        country: None,
        test: false,
    })
}

#[derive(Debug, Clone)]
enum Op {
    Page {
        rows: Vec<usize>,
        done: bool,
    },
    /// Merchants answered together; `false` is one the key cannot see.
    Names(Vec<(usize, bool)>),
    Filter(usize),
    Continue,
    Key(char),
    /// The server's copy of a row: given a terminalId, or activated.
    Answer {
        row: usize,
        activate: bool,
    },
    Minutes(i64),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (proptest::collection::vec(0..40usize, 0..12), any::<bool>())
            .prop_map(|(rows, done)| Op::Page { rows, done }),
        3 => proptest::collection::vec((0..MERCHANTS, any::<bool>()), 1..4).prop_map(Op::Names),
        2 => (0..FILTERS.len()).prop_map(Op::Filter),
        2 => Just(Op::Continue),
        3 => proptest::sample::select(vec!['s', 'S', ' ', '*', 'u', 'j', 'G', 'b', 'p', 'r', '\t'])
            .prop_map(Op::Key),
        2 => (0..40usize, any::<bool>()).prop_map(|(row, activate)| Op::Answer { row, activate }),
        1 => (1..3000i64).prop_map(Op::Minutes),
    ]
}

fn app() -> App {
    let mut cfg = AppConfig {
        sla_days: 7,
        ..config()
    };
    let views = [
        ("All", ""),
        ("ePay", "type:epay needs:terminal"),
        ("cafes", "cafe"),
    ];
    cfg.prefs.views = views
        .iter()
        .map(|(name, filter)| ViewSpec {
            name: (*name).into(),
            filter: (*filter).into(),
            ..ViewSpec::default()
        })
        .collect();
    let mut app = App::new(cfg, now());
    // Small slices, so filters are scanned in steps too.
    app.list.filter_slice = 3;
    app
}

fn load_of(cmds: &[Command]) -> Option<u64> {
    cmds.iter().rev().find_map(|c| match c {
        Command::Api(WorkerCall::Load { load_id, .. }) => Some(*load_id),
        _ => None,
    })
}

fn apply(app: &mut App, load: &mut u64, op: &Op) {
    let cmds = match op {
        Op::Page { rows, done } => {
            let items = rows.iter().map(|&i| row(i)).collect();
            api(app, page(*load, items, *done))
        }
        Op::Names(names) => {
            let names = names
                .iter()
                .map(|&(m, seen)| (merchant_id(m), if seen { named(m) } else { None }))
                .collect();
            api(app, ApiEvent::Merchants { names })
        }
        Op::Filter(f) => {
            let mut cmds = update(app, key(KeyCode::Esc));
            cmds.extend(update(app, ch('/')));
            cmds.extend(typed(app, FILTERS[*f]));
            cmds.extend(update(app, key(KeyCode::Enter)));
            cmds
        }
        Op::Continue => update(app, Action::Continue),
        Op::Key('\t') => update(app, key(KeyCode::Tab)),
        Op::Key(c) => update(app, ch(*c)),
        Op::Answer { row: i, activate } => {
            let Some(mut r) = app.list.store.by_id(&row(*i).id).cloned() else {
                return;
            };
            if *activate {
                r.status = Status::Active;
            } else {
                r.terminal_id = Some("11000077".into());
            }
            updated(app, r)
        }
        Op::Minutes(m) => {
            let later = app.now + TimeDelta::minutes(*m);
            update(app, Action::Tick(later))
        }
    };
    if let Some(id) = load_of(&cmds) {
        *load = id;
    }
}

/// Every count the console keeps, against counting again from scratch.
fn check(app: &App) -> Result<(), TestCaseError> {
    let list = &app.list;
    let views: Vec<usize> = app
        .views
        .views
        .iter()
        .map(|v| list.count_matching(&v.filter))
        .collect();
    prop_assert_eq!(list.counts.get(), views.as_slice(), "the views' counts");
    if list.filtering() {
        return Ok(());
    }
    let Some(at) = app.backlog.at else {
        // Never counted: nothing has gone through update yet.
        prop_assert!(list.visible.is_empty());
        return Ok(());
    };
    let since = app.now - at;
    prop_assert!(since >= TimeDelta::zero() && since < TimeDelta::minutes(1));
    let shown = list.visible.iter().filter_map(|&i| list.store.get(i));
    let full = summarize(shown, at, app.config.sla_days);
    prop_assert_eq!(app.backlog.summary(), &full, "the backlog summary");
    let marked = list
        .visible
        .iter()
        .filter_map(|&i| list.store.get(i))
        .filter(|r| list.marks.contains(&r.id))
        .count();
    prop_assert_eq!(list.visible_marked, marked, "the marked rows shown");
    Ok(())
}

/// Without answers (which keep a changed row in its place until the next
/// recompute), the shown rows are exactly the rows the filter lets through.
fn check_rows(app: &App) -> Result<(), TestCaseError> {
    let list = &app.list;
    if list.filtering() {
        return Ok(());
    }
    let mut shown = list.visible.clone();
    let mut passing: Vec<u32> = list
        .order
        .iter()
        .copied()
        .filter(|&i| list.store.matches(i, &list.filter))
        .collect();
    shown.sort_unstable();
    passing.sort_unstable();
    prop_assert_eq!(shown, passing, "the shown rows");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]
    #[test]
    fn kept_counts_equal_counting_again(ops in proptest::collection::vec(op(), 1..40)) {
        let mut app = app();
        let mut load = load_of(&app.init()).expect("the first load");
        let mut answered = false;
        for op in &ops {
            apply(&mut app, &mut load, op);
            answered |= matches!(op, Op::Answer { .. });
            check(&app)?;
            if !answered {
                check_rows(&app)?;
            }
        }
    }
}

#[test]
fn a_page_or_a_batch_of_names_never_counts_every_shown_row() {
    let mut app = app();
    let load = load_of(&app.init()).expect("the first load");
    // A filter the names match, and the merchant sort: names add rows to
    // the shown ones and move them.
    update(&mut app, ch('/'));
    typed(&mut app, "cafe");
    update(&mut app, key(KeyCode::Enter));
    for _ in 0..3 {
        update(&mut app, ch('s'));
    }
    assert_eq!(app.list.sort, SortKey::Merchant);
    let before = app.backlog.full_counts;
    for p in 0..20 {
        let items = (p * 50..p * 50 + 50).map(row).collect();
        api(&mut app, page(load, items, p == 19));
        let names = (0..MERCHANTS)
            .filter(|m| (m + p) % 3 == 0)
            .map(|m| (merchant_id(m), named(m)))
            .collect();
        api(&mut app, ApiEvent::Merchants { names });
    }
    assert_eq!(
        app.backlog.full_counts,
        before + 1,
        "only the first page (a new set of rows) is counted whole"
    );
    assert!(app.visible_len() > 0, "the names brought rows in");
    // A minute on, the ages have moved: one count of every shown row.
    update(&mut app, Action::Tick(now() + TimeDelta::minutes(1)));
    assert_eq!(app.backlog.full_counts, before + 2);
    let shown = app
        .list
        .visible
        .iter()
        .filter_map(|&i| app.list.store.get(i));
    assert_eq!(
        app.backlog.summary(),
        &summarize(shown, app.now, app.config.sla_days)
    );
}
