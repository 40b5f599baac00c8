use super::*;

fn ids(args: &[&str], stdin: &str) -> Result<Vec<String>, String> {
    let args: Vec<String> = args.iter().map(std::string::ToString::to_string).collect();
    collect_ids(&args, || io::Cursor::new(stdin.as_bytes().to_vec())).map_err(|f| f.to_string())
}

#[test]
fn stdin_ids_are_read_checked_and_deduplicated() {
    assert_eq!(
        ids(&["A1", "-", "B2"], "C3\n\n# comment\n  A1  \nD4\n").expect("ok"),
        vec!["A1", "C3", "D4", "B2"]
    );
    let e = ids(&["-"], "ok1\nbad id\n").unwrap_err();
    assert!(
        e.starts_with("stdin line 2: `bad id` is not a valid request id"),
        "{e}"
    );
    let e = ids(&["x/y"], "").unwrap_err();
    assert!(e.contains("`x/y` is not a valid request id"), "{e}");
    assert!(ids(&["-"], "\n").unwrap_err().contains("No request ids"));
    assert!(ids(&["-", "-"], "a\n").unwrap_err().contains("only once"));
}
