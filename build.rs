//! Records the git commit the binary is built from, for `intake --version`.
//!
//! Never fails the build: without git or a repository the commit is "unknown".

use std::path::{Path, PathBuf};
use std::process::Command;

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// Rebuild when this git file changes; a path that does not exist would make
/// cargo rerun the script on every build, so only existing ones are watched.
fn watch(dir: &Path, git_path: Option<String>) {
    if let Some(p) = git_path {
        let path = dir.join(PathBuf::from(p));
        if path.exists() {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let dir =
        std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(|| PathBuf::from("."), PathBuf::from);
    let commit = git(&dir, &["rev-parse", "--short", "HEAD"]).unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=INTAKE_GIT_COMMIT={commit}");
    // `.git` may be a directory or (in a worktree) a file pointing elsewhere:
    // ask git where HEAD, the branch it points to and packed-refs live.
    watch(&dir, git(&dir, &["rev-parse", "--git-path", "HEAD"]));
    if let Some(branch) = git(&dir, &["symbolic-ref", "-q", "HEAD"]) {
        watch(&dir, git(&dir, &["rev-parse", "--git-path", &branch]));
    }
    watch(&dir, git(&dir, &["rev-parse", "--git-path", "packed-refs"]));
}
