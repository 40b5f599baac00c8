use super::*;

#[test]
fn the_config_list_is_comments_that_name_every_action() {
    let text = config_keys();
    assert!(text.lines().all(|l| l.starts_with('#')), "{text}");
    // The views are one entry.
    assert!(
        text.contains("#   view_1 = \"1\" … view_9 = \"9\" "),
        "{text}"
    );
    for intent in Intent::all().filter(|i| !matches!(i, Intent::View(_))) {
        assert!(
            text.contains(&format!("#   {} ", intent.name())),
            "{} is missing:\n{text}",
            intent.name()
        );
    }
    // Only keys the config accepts are offered as values.
    assert!(!text.contains("\"esc\""), "{text}");
    assert!(text.contains("#   clear_filter "), "{text}");
    // The starter config stays a config once the list is in it.
    let starter = format!("{CONFIG_BEGIN}\n{text}{CONFIG_END}\n[keys]\n");
    assert!(toml::from_str::<toml::Table>(&starter).is_ok());
}

#[test]
fn the_readme_table_names_every_action() {
    let table = readme_table();
    assert!(table.contains("| `1`–`9` | `view_1`–`view_9` |"), "{table}");
    // Every `{action}` in the prose named an action with keys there.
    assert!(
        !table.contains('{'),
        "a key reference was not filled:\n{table}"
    );
    for intent in Intent::all().filter(|i| !matches!(i, Intent::View(_))) {
        assert!(
            table.contains(&format!("`{}`", intent.name())),
            "{} is missing:\n{table}",
            intent.name()
        );
    }
}

#[test]
fn the_text_between_markers_is_replaced_and_nothing_else() {
    let text = "intro\nBEGIN\nold\nlines\nEND\noutro\n";
    assert_eq!(between(text, "BEGIN", "END"), Some("old\nlines\n"));
    assert_eq!(
        replace_between(text, "BEGIN", "END", "new\n").as_deref(),
        Some("intro\nBEGIN\nnew\nEND\noutro\n")
    );
    assert_eq!(between("BEGIN\nEND\n", "BEGIN", "END"), Some(""));
    assert_eq!(between("BEGIN\nno end\n", "BEGIN", "END"), None);
}
