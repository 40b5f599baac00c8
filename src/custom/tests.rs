use super::*;
use crate::keys::KeyMap;

fn spec(key: &str, name: &str, run: &str) -> CommandSpec {
    CommandSpec {
        key: key.into(),
        name: name.into(),
        run: run.into(),
        ..CommandSpec::default()
    }
}

fn refused(specs: &[CommandSpec]) -> String {
    validate(specs, &KeyMap::default())
        .expect_err("refused")
        .message
}

#[test]
fn a_good_command_is_read_with_its_key_and_template() {
    let cmds = validate(
        &[spec("o", "Open ticket", "xdg-open https://x/{merchantId}")],
        &KeyMap::default(),
    )
    .expect("valid");
    assert_eq!(cmds[0].name, "Open ticket");
    assert!(cmds[0].template.uses(Placeholder::MerchantId));
    assert_eq!(cmds[0].target, Target::Cursor);
}

#[test]
fn each_refusal_is_a_sentence_naming_the_command() {
    let e = refused(&[spec("o", "Open", "echo {merchant}")]);
    assert!(
        e.starts_with("The command 'Open' uses {merchant}, which is not a placeholder"),
        "{e}"
    );
    let e = refused(&[spec("o", "Open", "echo '{merchantName}'")]);
    assert!(
        e.contains("'Open'") && e.contains("write {merchantName} without quotes; intake quotes it"),
        "{e}"
    );
    let e = refused(&[spec("o", "Open", "echo \"x {id}\"")]);
    assert!(e.contains("write {id} without quotes"), "{e}");
    let e = refused(&[spec("o", "Key", "curl -H {api_key}")]);
    assert!(
        e.contains("'Key'") && e.contains("allow_api_key = true"),
        "{e}"
    );
    let e = refused(&[spec("a", "Mine", "true")]);
    assert!(
        e.contains("'Mine'") && e.contains("`a`") && e.contains("`activate`"),
        "{e}"
    );
    let e = refused(&[spec("o", "One", "true"), spec("o", "Two", "true")]);
    assert_eq!(
        e,
        "The commands 'One' and 'Two' are both bound to `o`; give one of them another key."
    );
    let e = refused(&[spec("o", "Empty", "  ")]);
    assert!(
        e.starts_with("The command 'Empty' has an empty `run`"),
        "{e}"
    );
    let e = refused(&[spec("esc", "Esc", "true")]);
    assert!(e.contains("reserved"), "{e}");
}

#[test]
fn the_api_key_is_allowed_when_the_command_opts_in() {
    let mut s = spec("o", "Key", "curl -H {api_key}");
    s.allow_api_key = true;
    let cmds = validate(&[s], &KeyMap::default()).expect("valid");
    assert!(cmds[0].template.uses(Placeholder::ApiKey));
}

#[test]
fn shell_text_in_quotes_and_shell_variables_stay_as_written() {
    let t = Template::parse("printf '%s\\n' {id} ${HOME} \"{x\" > out").expect("valid");
    assert_eq!(
        t.expand(|f| (f == Placeholder::Id).then(|| "REQ1".to_string())),
        "printf '%s\\n' 'REQ1' ${HOME} \"{x\" > out"
    );
}

#[test]
fn a_missing_value_is_an_empty_quoted_word() {
    let t = Template::parse("echo {terminalId}").expect("valid");
    assert_eq!(t.expand(|_| None), "echo ''");
}

/// Each value as `sh` reads it back from `printf %s <quoted>`.
fn round_trip(value: &str) -> String {
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("printf %s {}", quote(value)))
        .current_dir(std::env::temp_dir())
        .output()
        .expect("sh runs");
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn hostile_strings_come_back_from_sh_exactly() {
    for s in [
        "'; touch pwned # $(touch pwned2)",
        "",
        "'",
        "''",
        "a'b\"c",
        "$(id) `id` ${HOME} $HOME",
        "back\\slash \\' end",
        "new\nline\ttab",
        "--flag -n",
        "* ? [a] ~ ! & | ; < >",
        "Café ☕ 日本",
    ] {
        assert_eq!(round_trip(s), s, "{s:?}");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    #[test]
    fn any_string_round_trips_through_sh(s in "[^\u{0}]{0,40}") {
        proptest::prop_assert_eq!(round_trip(&s), s);
    }
}
