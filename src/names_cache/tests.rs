use super::*;

fn temp_dir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!(
        "intake-names-{tag}-{}-{}",
        std::process::id(),
        Utc::now().timestamp_nanos_opt().unwrap_or(0)
    ));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn merchant(id: &str) -> Merchant {
    Merchant {
        id: id.into(),
        account_id: None,
        name: format!("Name of {id}"),
        country: None,
        test: false,
    }
}

const URL: &str = "http://127.0.0.1:4010";

#[test]
fn names_survive_a_save_and_reopen() {
    let dir = temp_dir("reopen");
    let now = Utc::now();
    let mut c = NameCache::open_in(&dir, URL, 7, false);
    c.put("M1".into(), merchant("M1"), now);
    c.save(now);
    let c = NameCache::open_in(&dir, URL, 7, false);
    assert_eq!(c.get("M1", now), Some(&merchant("M1")));
    assert_eq!(c.fresh(now).len(), 1);
}

#[test]
fn entries_expire_after_the_days_given() {
    let dir = temp_dir("expiry");
    let fetched = Utc::now() - Duration::days(3);
    let mut c = NameCache::open_in(&dir, URL, 7, false);
    c.put("M1".into(), merchant("M1"), fetched);
    assert!(c.get("M1", fetched + Duration::days(6)).is_some());
    assert!(c.get("M1", fetched + Duration::days(7)).is_none());
    // Saved after they expired, they are dropped from the file.
    c.save(fetched + Duration::days(8));
    let c = NameCache::open_in(&dir, URL, 7, false);
    assert!(c.entries.is_empty());
}

#[test]
fn refresh_ignores_what_was_there_and_keeps_what_it_fetches() {
    let dir = temp_dir("refresh");
    let now = Utc::now();
    let mut c = NameCache::open_in(&dir, URL, 7, false);
    c.put("M1".into(), merchant("M1"), now - Duration::seconds(5));
    c.save(now);
    let mut c = NameCache::open_in(&dir, URL, 7, true);
    assert!(c.get("M1", Utc::now()).is_none());
    let later = Utc::now();
    c.put("M1".into(), merchant("M1"), later);
    assert!(c.get("M1", later).is_some());
}

#[test]
fn zero_days_keeps_nothing_and_writes_no_file() {
    let dir = temp_dir("off");
    let now = Utc::now();
    let mut c = NameCache::open_in(&dir, URL, 0, false);
    c.put("M1".into(), merchant("M1"), now);
    c.save(now);
    assert!(c.get("M1", now).is_none());
    assert!(c.path().is_none());
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
}

#[test]
fn a_corrupt_or_other_format_file_starts_empty_and_is_replaced() {
    let dir = temp_dir("corrupt");
    let path = dir.join(file_name(URL));
    let now = Utc::now();
    for junk in ["{not json", r#"{"format":0,"entries":{}}"#, "[1,2,3]", ""] {
        std::fs::write(&path, junk).unwrap();
        let mut c = NameCache::open_in(&dir, URL, 7, false);
        assert!(c.entries.is_empty(), "{junk}");
        c.put("M1".into(), merchant("M1"), now);
        c.save(now);
        let c = NameCache::open_in(&dir, URL, 7, false);
        assert!(c.get("M1", now).is_some(), "{junk}");
    }
}

#[test]
fn a_missing_dir_is_created_on_save() {
    let dir = temp_dir("missing").join("deeper").join("still");
    let now = Utc::now();
    let mut c = NameCache::open_in(&dir, URL, 7, false);
    assert!(c.entries.is_empty());
    c.put("M1".into(), merchant("M1"), now);
    c.save(now);
    assert!(dir.join(file_name(URL)).is_file());
}

#[cfg(unix)]
#[test]
fn the_file_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("mode");
    let now = Utc::now();
    let mut c = NameCache::open_in(&dir, URL, 7, false);
    c.put("M1".into(), merchant("M1"), now);
    c.save(now);
    let mode = std::fs::metadata(dir.join(file_name(URL)))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn each_host_and_port_has_its_own_file() {
    assert_eq!(
        file_name("http://127.0.0.1:4010"),
        "merchants-127.0.0.1_4010.json"
    );
    assert_eq!(
        file_name("https://service.centrapay.com/some/path?x=1"),
        "merchants-service.centrapay.com_443.json"
    );
    assert_eq!(
        file_name("https://user:secret@host.example"),
        "merchants-host.example_443.json"
    );
    assert_ne!(file_name("http://a:1"), file_name("http://a:2"));
    let dir = temp_dir("hosts");
    let now = Utc::now();
    let mut a = NameCache::open_in(&dir, "http://a.example:1", 7, false);
    a.put("M1".into(), merchant("M1"), now);
    a.save(now);
    let b = NameCache::open_in(&dir, "http://a.example:2", 7, false);
    assert!(b.get("M1", now).is_none());
}

#[test]
fn the_write_is_atomic_leaving_no_temp_file() {
    let dir = temp_dir("atomic");
    let now = Utc::now();
    let mut c = NameCache::open_in(&dir, URL, 7, false);
    for i in 0..3 {
        c.put(format!("M{i}"), merchant(&format!("M{i}")), now);
        c.save(now);
    }
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec![file_name(URL)]);
    let text = std::fs::read_to_string(dir.join(file_name(URL))).unwrap();
    let parsed: FileShape = serde_json::from_str(&text).unwrap();
    assert_eq!(parsed.entries.len(), 3);
}
