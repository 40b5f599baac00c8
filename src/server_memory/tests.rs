use super::*;

const URL: &str = "http://127.0.0.1:4010";

fn temp_dir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!(
        "intake-served-{tag}-{}-{}",
        std::process::id(),
        Utc::now().timestamp_nanos_opt().unwrap_or(0)
    ));
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn memory(dir: &Path, key: &str) -> ServerMemory {
    ServerMemory::open_in(dir, URL, &Secret::new(key))
}

fn served(read: ReadWay, update: UpdateWay, crn: Option<&str>) -> Served {
    Served {
        read,
        update,
        own_crn: crn.map(str::to_string),
    }
}

#[test]
fn what_is_kept_is_recalled_by_the_next_memory() {
    let dir = temp_dir("reopen");
    let crn = "crn:Acc1:api-key:Mine";
    let m = memory(&dir, "k1");
    assert_eq!(m.recall(), Served::default(), "nothing yet");
    m.keep(&served(ReadWay::Search, UpdateWay::PostUpdate, Some(crn)));
    let again = memory(&dir, "k1").recall();
    assert_eq!(
        again,
        served(ReadWay::Search, UpdateWay::PostUpdate, Some(crn))
    );
    assert_eq!(
        m.path().file_name().and_then(|n| n.to_str()),
        Some("served-127.0.0.1_4010.json")
    );
    let text = std::fs::read_to_string(m.path()).expect("file");
    assert!(!text.contains("k1"), "no key in the file: {text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(m.path())
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn what_one_process_learns_is_merged_with_what_another_kept() {
    let dir = temp_dir("merge");
    memory(&dir, "k").keep(&served(ReadWay::ById, UpdateWay::Unknown, None));
    // Another process that learnt only the update way, and recalled nothing.
    memory(&dir, "k").keep(&served(ReadWay::Unknown, UpdateWay::PutConfigs, None));
    assert_eq!(
        memory(&dir, "k").recall(),
        served(ReadWay::ById, UpdateWay::PutConfigs, None)
    );
    // Learnt again after a 404: the new way replaces the old.
    memory(&dir, "k").keep(&served(ReadWay::Search, UpdateWay::PostUpdate, None));
    assert_eq!(
        memory(&dir, "k").recall(),
        served(ReadWay::Search, UpdateWay::PostUpdate, None)
    );
}

#[test]
fn the_own_crn_belongs_to_one_key() {
    let dir = temp_dir("crn");
    let crn = "crn:Acc1:api-key:Mine";
    memory(&dir, "mine").keep(&served(ReadWay::ById, UpdateWay::Unknown, Some(crn)));
    let other = memory(&dir, "another key").recall();
    assert_eq!(other.own_crn, None);
    assert_eq!(other.read, ReadWay::ById, "the routes are the host's");
    assert_eq!(memory(&dir, "mine").recall().own_crn.as_deref(), Some(crn));
}

#[test]
fn reads_by_search_are_probed_again_after_a_week() {
    let dir = temp_dir("expiry");
    let m = memory(&dir, "k");
    let learnt = Utc::now() - Duration::days(30);
    m.keep_at(
        &served(ReadWay::Search, UpdateWay::PostUpdate, None),
        learnt,
    );
    let week = Duration::days(SEARCH_TRUSTED_DAYS);
    let soon = m.recall_at(learnt + week - Duration::minutes(1));
    assert_eq!(soon.read, ReadWay::Search);
    let later = m.recall_at(learnt + week);
    assert_eq!(later.read, ReadWay::Unknown, "probed again");
    assert_eq!(later.update, UpdateWay::PostUpdate, "a 404 corrects it");
    // Learnt again, it is dated again.
    let now = learnt + week + Duration::days(1);
    m.keep_at(&served(ReadWay::Search, UpdateWay::Unknown, None), now);
    assert_eq!(m.recall_at(now + Duration::days(1)).read, ReadWay::Search);
    // Reads by id are corrected by a 404, so they do not expire.
    m.keep_at(&served(ReadWay::ById, UpdateWay::Unknown, None), learnt);
    assert_eq!(m.recall_at(now + week * 10).read, ReadWay::ById);
}

#[test]
fn a_garbage_file_is_nothing_learnt_and_is_replaced() {
    let dir = temp_dir("garbage");
    let m = memory(&dir, "k");
    let garbage = [
        "",
        "not json",
        "\u{0}\u{1}binary",
        "[1,2,3]",
        r#"{"format":2,"read":{"way":"byId","learnt":"2026-01-01T00:00:00Z"}}"#,
        r#"{"read":{"way":"byId","learnt":"2026-01-01T00:00:00Z"}}"#,
        r#"{"format":1,"read":"byId","update":{"way":"sideways","learnt":"x"},"ownCrn":7}"#,
        r#"{"format":1,"read":{"way":"byId","learnt":"yesterday"},"update":{"way":"putConfigs"}}"#,
    ];
    for text in garbage {
        std::fs::write(m.path(), text).expect("write");
        assert_eq!(m.recall(), Served::default(), "{text:?}");
    }
    // One good field among bad ones is still used.
    std::fs::write(
        m.path(),
        r#"{"format":1,"read":{"way":"byId","learnt":"2026-01-01T00:00:00Z"},"update":42,"extra":[]}"#,
    )
    .expect("write");
    assert_eq!(m.recall().read, ReadWay::ById);
    // Learning writes a good file over a bad one.
    std::fs::write(m.path(), "not json").expect("write");
    m.keep(&served(ReadWay::Unknown, UpdateWay::PutConfigs, None));
    assert_eq!(m.recall().update, UpdateWay::PutConfigs);
}

#[test]
fn nothing_new_writes_nothing() {
    let dir = temp_dir("quiet");
    let m = memory(&dir, "k");
    m.keep(&Served::default());
    assert!(!m.path().exists(), "nothing learnt, no file");
    m.keep(&served(ReadWay::ById, UpdateWay::Unknown, None));
    let first = std::fs::read_to_string(m.path()).expect("file");
    m.keep(&served(ReadWay::ById, UpdateWay::Unknown, None));
    assert_eq!(std::fs::read_to_string(m.path()).expect("file"), first);
}
