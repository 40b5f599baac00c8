//! Paths as operators type them: `~` and `~/…` mean the home folder, as a
//! shell would read them, in the console's prompts and in quoted arguments.

use std::path::{Path, PathBuf};

/// `path` with a leading `~` or `~/` read as `$HOME`; anything else (and
/// `~user`, or no `$HOME`) as given.
pub fn expand_home(path: &Path) -> PathBuf {
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty());
    expand_with(path, home.as_deref().map(Path::new))
}

fn expand_with(path: &Path, home: Option<&Path>) -> PathBuf {
    let (Some(home), Some(text)) = (home, path.to_str()) else {
        return path.to_path_buf();
    };
    match text.strip_prefix('~') {
        Some("") => home.to_path_buf(),
        Some(rest) if rest.starts_with('/') => home.join(rest.trim_start_matches('/')),
        _ => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_leading_tilde_is_the_home_folder_and_nothing_else_is() {
        let home = Some(Path::new("/home/op"));
        let e = |p: &str| expand_with(Path::new(p), home);
        assert_eq!(e("~"), PathBuf::from("/home/op"));
        assert_eq!(e("~/"), PathBuf::from("/home/op/"));
        assert_eq!(e("~/terms.csv"), PathBuf::from("/home/op/terms.csv"));
        assert_eq!(e("~/a/b.json"), PathBuf::from("/home/op/a/b.json"));
        assert_eq!(e("~op/x.csv"), PathBuf::from("~op/x.csv"));
        assert_eq!(e("a/~/x.csv"), PathBuf::from("a/~/x.csv"));
        assert_eq!(e("x.csv"), PathBuf::from("x.csv"));
        assert_eq!(
            expand_with(Path::new("~/x.csv"), None),
            PathBuf::from("~/x.csv")
        );
    }
}
