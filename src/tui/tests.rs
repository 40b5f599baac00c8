//! The console's start reads the config file once, for both its
//! preferences and the session's profile.

use crate::config::{self, Overrides};
use crate::session::SessionOptions;

const CONFIG: &str = r#"
default_profile = "sandbox"

[profiles.sandbox]
base_url = "http://127.0.0.1:9"
api_key = "file-key"

[keys]
activate = "x"

[theme]
pending = "magenta"
"#;

#[tokio::test(flavor = "current_thread")]
async fn the_console_reads_its_config_file_once_for_its_keys_and_its_profile() {
    let dir = std::env::temp_dir().join(format!("intake-start-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let path = dir.join("config.toml");
    std::fs::write(&path, CONFIG).expect("write the config");
    let opts = SessionOptions {
        overrides: Overrides {
            config_path: Some(path),
            ..Overrides::default()
        },
        ..SessionOptions::default()
    };
    let before = config::reads_on_this_thread();
    let (prefs, session) = super::start(&opts).await.expect("the console starts");
    assert_eq!(config::reads_on_this_thread() - before, 1, "read once");
    // Both halves came from that one reading ([keys] was read too: a
    // mistake there would have failed the start).
    assert_eq!(session.settings.profile, "sandbox");
    assert!(prefs.theme.status.contains_key("pending"));
    session.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}
