//! Origins: each value says where it came from, and each refusal names it.

use std::path::PathBuf;

use crate::config::*;

/// `text` written to a file of its own and read as at start.
fn loaded(name: &str, text: &str) -> LoadedConfig {
    let dir = std::env::temp_dir().join(format!("intake-origin-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    let p = dir.join(format!("{name}.toml"));
    std::fs::write(&p, text).expect("write");
    LoadedConfig::at(&p).expect("parses")
}

fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
    move |k| {
        pairs
            .iter()
            .find(|(n, _)| *n == k)
            .map(|(_, v)| v.to_string())
    }
}

const TEXT: &str = "concurrency = 4\n\n[profiles.x]\napi_key = \"k\"\nbase_url = \"https://a.example\"\naccount_id = \"Acc1\"\n";

fn file_at(config: &LoadedConfig, line: usize) -> Origin {
    Origin::File {
        path: config.path.clone(),
        line: Some(line),
    }
}

#[test]
fn each_value_carries_its_origin() {
    let c = loaded("each", TEXT);
    let r = sources(&c, &Overrides::default(), &env_of(&[])).expect("ok");
    assert_eq!(r.profile.origin, file_at(&c, 3), "the only profile");
    assert_eq!(r.base_url.origin, file_at(&c, 5));
    assert_eq!(
        r.account_id.as_ref().map(|a| &a.origin),
        Some(&file_at(&c, 6))
    );
    assert_eq!(r.concurrency.origin, file_at(&c, 1));
    assert_eq!(r.api_key.as_ref().map(|k| &k.origin), Some(&file_at(&c, 4)));
    assert_eq!(r.read_concurrency.origin, Origin::Default);
    assert_eq!(r.production.origin, Origin::Default);

    let env = env_of(&[
        ("CENTRAPAY_BASE_URL", "https://env.example"),
        ("CENTRAPAY_API_KEY", "e"),
    ]);
    let flags = Overrides {
        account_id: Some("AccFlag".into()),
        read_only: true,
        profile: Some("x".into()),
        ..Overrides::default()
    };
    let r = sources(&c, &flags, &env).expect("ok");
    assert_eq!(r.profile.origin, Origin::Flag("--profile"));
    assert_eq!(r.base_url.origin, Origin::Env("CENTRAPAY_BASE_URL"));
    assert_eq!(
        r.api_key.map(|k| k.origin),
        Some(Origin::Env("CENTRAPAY_API_KEY"))
    );
    assert_eq!(
        r.account_id.map(|a| a.origin),
        Some(Origin::Flag("--account"))
    );
    assert_eq!(r.read_only.origin, Origin::Flag("--read-only"));
}

#[test]
fn a_bad_base_url_names_the_flag_the_variable_or_the_line() {
    let c = loaded(
        "bad-url",
        "[profiles.x]\napi_key = \"k\"\nbase_url = \"not a url\"\n",
    );
    let e = resolve(&c, &Overrides::default(), &env_of(&[])).unwrap_err();
    let at = format!("`profiles.x.base_url` in {}:3 is invalid", c.path.display());
    assert!(e.to_string().starts_with(&at), "{e}");

    let env = env_of(&[("CENTRAPAY_BASE_URL", "still not")]);
    let e = resolve(&c, &Overrides::default(), &env).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("`base_url` from the environment variable CENTRAPAY_BASE_URL is invalid"),
        "{e}"
    );
    let flags = Overrides {
        base_url: Some("nope either".into()),
        ..Overrides::default()
    };
    let e = resolve(&c, &flags, &env).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("`base_url` from the flag --base-url is invalid"),
        "{e}"
    );
    assert!(!e.to_string().contains("config.toml"), "{e}");
}

#[test]
fn a_bad_account_or_concurrency_names_its_line() {
    let c = loaded(
        "bad-acc",
        "\nconcurrency = 99\n[profiles.x]\napi_key = \"k\"\naccount_id = \"no way\"\n",
    );
    let e = resolve(&c, &Overrides::default(), &env_of(&[])).unwrap_err();
    assert!(
        e.to_string().starts_with(&format!(
            "`profiles.x.account_id` in {}:5",
            c.path.display()
        )),
        "{e}"
    );
    let env = env_of(&[("CENTRAPAY_ACCOUNT_ID", "Acc1")]);
    let e = resolve(&c, &Overrides::default(), &env).unwrap_err();
    assert!(
        e.to_string()
            .starts_with(&format!("`concurrency` in {}:2", c.path.display())),
        "{e}"
    );
}

#[test]
fn an_unknown_profile_says_who_named_it() {
    let c = loaded(
        "unknown",
        "default_profile = \"gone\"\n[profiles.x]\napi_key = \"k\"\n",
    );
    let e = resolve(&c, &Overrides::default(), &env_of(&[])).unwrap_err();
    assert!(
        e.to_string()
            .contains(&format!("it was named by {}:1.", c.path.display())),
        "{e}"
    );
    let e = resolve(
        &c,
        &Overrides::default(),
        &env_of(&[("INTAKE_PROFILE", "y")]),
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .contains("it was named by the environment variable INTAKE_PROFILE."),
        "{e}"
    );
}

#[test]
fn lines_are_found_for_tables_arrays_and_keys() {
    let text = "[keys]\nactivate = \"x\"\n\n[[views]]\nname = \"A\"\nfilter = \"\"\n\n[[views]]\nname = \"B\"\n";
    let lines = KeyLines::of(text);
    assert_eq!(lines.line("keys.activate"), Some(2));
    assert_eq!(lines.line("views[0].name"), Some(5));
    assert_eq!(lines.line("views[1].name"), Some(9));
    assert_eq!(lines.line("nothing"), None);
}

/// The parser's report is kept whole: its caret stays under the column
/// that is wrong, as cargo shows it.
#[test]
fn a_syntax_error_keeps_the_snippet_and_its_caret() {
    let dir = std::env::temp_dir().join(format!("intake-syntax-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    let p: PathBuf = dir.join("config.toml");
    std::fs::write(&p, "[profiles.x]\nbase_url = https://a.example\n").expect("write");
    let e = LoadedConfig::at(&p).unwrap_err().to_string();
    assert!(e.contains(&p.display().to_string()), "{e}");
    let lines: Vec<&str> = e.lines().collect();
    let source = lines
        .iter()
        .position(|l| l.contains("base_url = https"))
        .unwrap_or_else(|| panic!("the source line is shown: {e}"));
    let caret = lines.get(source + 1).copied().unwrap_or_default();
    let column = caret.find('^').unwrap_or_else(|| panic!("a caret: {e}"));
    assert_eq!(lines[source].get(column..column + 5), Some("https"), "{e}");
    assert!(caret.trim_start_matches([' ', '|']).starts_with('^'), "{e}");
}

/// A profile asked for by name is never quietly replaced by the
/// environment's settings when no file holds it, file or no file.
#[test]
fn a_named_profile_without_a_file_is_refused_not_replaced_by_the_environment() {
    let nowhere = std::env::temp_dir().join(format!("intake-no-such-{}.toml", std::process::id()));
    let c = LoadedConfig::at(&nowhere).expect("no file is no error");
    let env = env_of(&[
        ("CENTRAPAY_API_KEY", "k"),
        ("CENTRAPAY_BASE_URL", "https://a.example"),
    ]);
    assert!(resolve(&c, &Overrides::default(), &env).is_ok());
    let named = Overrides {
        profile: Some("nope".into()),
        ..Overrides::default()
    };
    let e = resolve(&c, &named, &env).unwrap_err();
    let text = e.to_string();
    assert!(text.contains("Profile `nope` is not in"), "{text}");
    assert!(text.contains("there is no file there"), "{text}");
    assert!(text.contains("the flag --profile"), "{text}");
}
