use std::io::Write;

use super::*;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("intake-audit-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn host_has_no_scheme_path_or_credentials() {
    assert_eq!(
        host_of("https://service.centrapay.com/api"),
        "service.centrapay.com"
    );
    assert_eq!(host_of("http://127.0.0.1:8080"), "127.0.0.1:8080");
    assert_eq!(host_of("https://u:secret@h.example/x?k=v"), "h.example");
    assert_eq!(host_of("not a url"), "");
}

#[test]
fn lines_round_trip_and_the_file_is_private() {
    let dir = scratch("rt");
    let path = dir.join("a").join("audit.jsonl");
    let log = AuditLog::open_at(&path, "sandbox", "https://h.example").expect("open");
    let clone = log.clone();
    log.record(&Event::planned("r1", &["A".into(), "B".into()]))
        .expect("planned");
    clone
        .record(&Event::started(Some("r1"), "A"))
        .expect("started");
    log.record(
        &Event::new(Change::Activate, Outcome::Activated, Some("A"))
            .merchant(Some("M1"))
            .run(Some("r1")),
    )
    .expect("outcome");
    let (records, skipped) = read_all(&path).expect("read");
    assert_eq!((records.len(), skipped), (3, 0));
    assert_eq!(records[2].merchant_id.as_deref(), Some("M1"));
    assert_eq!(records[0].ids, vec!["A", "B"]);
    assert!(
        records
            .iter()
            .all(|r| r.host == "h.example" && r.profile == "sandbox")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let run = unfinished_run(&records, "sandbox", "h.example").expect("unfinished");
    assert_eq!(run.run_id, "r1");
    assert_eq!(run.not_started, vec!["B"]);
    assert!(run.in_doubt.is_empty());
    assert!(unfinished_run(&records, "other", "h.example").is_none());
}

#[test]
fn confirmed_is_written_as_confirmed_active_and_old_lines_still_read() {
    let old = r#"{"time":"2026-11-20T09:00:00Z","profile":"p","host":"h","id":"A","action":"activate","outcome":"confirmed"}"#;
    let r = parse_line(old).expect("an older line");
    assert_eq!(r.outcome, Outcome::Confirmed);
    let text = serde_json::to_string(&r).expect("json");
    assert!(text.contains(r#""outcome":"confirmed_active""#), "{text}");
    assert_eq!(Outcome::Confirmed.as_str(), "confirmed_active");
}

#[test]
fn a_damaged_last_line_is_skipped() {
    let dir = scratch("damaged");
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("audit.jsonl");
    let log = AuditLog::open_at(&path, "p", "https://h").expect("open");
    log.record(&Event::started(Some("r"), "A")).expect("line");
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .expect("append");
    f.write_all(b"{\"time\":\"2026-").expect("partial");
    let (records, skipped) = read_all(&path).expect("read");
    assert_eq!((records.len(), skipped), (1, 1));
}

#[test]
fn in_doubt_and_finished_runs() {
    let r = |run: &str, id: Option<&str>, outcome: Outcome, ids: &[&str]| Record {
        time: Utc::now(),
        profile: "p".into(),
        host: "h".into(),
        run_id: Some(run.into()),
        id: id.map(str::to_string),
        merchant_id: None,
        action: Change::Activate,
        terminal_id: None,
        outcome,
        error_code: None,
        ids: ids.iter().map(std::string::ToString::to_string).collect(),
    };
    let records = vec![
        r("old", None, Outcome::Planned, &["X"]),
        r("old", Some("X"), Outcome::Started, &[]),
        r("new", None, Outcome::Planned, &["A", "B", "C"]),
        r("new", Some("A"), Outcome::Started, &[]),
        r("new", Some("B"), Outcome::Started, &[]),
        r("new", Some("A"), Outcome::Failed, &[]),
    ];
    let run = unfinished_run(&records, "p", "h").expect("run");
    assert_eq!(run.run_id, "new");
    assert_eq!(run.in_doubt, vec!["B"]);
    assert_eq!(run.not_started, vec!["C"]);
    assert_eq!(run.remaining().collect::<Vec<_>>(), vec!["B", "C"]);
    let mut finished = records.clone();
    for id in ["B", "C"] {
        finished.push(r("new", Some(id), Outcome::Activated, &[]));
    }
    assert_eq!(
        unfinished_run(&finished, "p", "h").expect("old").run_id,
        "old"
    );
}
