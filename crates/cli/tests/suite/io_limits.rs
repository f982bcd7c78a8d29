//! The `meridian` binary against the file system's odd corners: stack files too large to read
//! whole (a big file, `/dev/zero`, a pipe that never ends) are refused with E011 without reading
//! them whole, and `synth` keeps what it does not own in the output directory exactly as it was
//! (modes, symlinks), also when it fails.
#![cfg(unix)]

use std::io::{Read, Write};
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// How long a command may take before the test fails instead of hanging.
const TIMEOUT: Duration = Duration::from_secs(60);

const STACK_LIMIT: usize = 1024 * 1024;

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repository root")
}

/// A scratch directory removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let path =
            std::env::temp_dir().join(format!("meridian-io-limits-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("scratch directory");
        Self(path)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `meridian` from the repository root; kills it and fails after [`TIMEOUT`].
fn meridian(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_meridian"))
        .current_dir(repository())
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("meridian runs");
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let stdout = drain(Box::new(child.stdout.take().expect("stdout")));
    let stderr = drain(Box::new(child.stderr.take().expect("stderr")));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("meridian {args:?} did not finish within {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: stdout.join().expect("stdout reader"),
        stderr: stderr.join().expect("stderr reader"),
    }
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn utf8(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// Asserts a refusal with E011 that did not print the file back: the excerpt is one short line.
fn assert_refused_as_too_large(output: &Output, size_text: &str) {
    let text = stderr(output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("error[E011]"), "{text}");
    assert!(
        text.contains(&format!(
            "the file is {size_text} bytes; stack files are limited to {STACK_LIMIT} bytes (1 MiB)"
        )),
        "{text}"
    );
    assert!(
        text.len() < 4096,
        "the report is {} bytes long: {}",
        text.len(),
        &text[..text.len().min(600)]
    );
}

#[test]
fn validate_refuses_a_file_over_one_mebibyte_with_its_size() {
    let scratch = Scratch::new("large");
    let path = scratch.path().join("large.yaml");
    let mut text = String::from("stack: demo\n");
    while text.len() < 2 * STACK_LIMIT {
        text.push_str("# padding padding padding padding padding padding padding padding\n");
    }
    std::fs::write(&path, &text).expect("write");
    let output = meridian(&["validate", utf8(&path)]);
    assert_refused_as_too_large(&output, &text.len().to_string());
    // Positioned where the limit is reached.
    let line = text[..STACK_LIMIT].matches('\n').count() + 1;
    assert!(
        stderr(&output).contains(&format!("a limit reached on line {line}")),
        "{}",
        stderr(&output)
    );
}

#[test]
fn validate_refuses_dev_zero_without_reading_it_all() {
    let output = meridian(&["validate", "/dev/zero"]);
    assert_refused_as_too_large(&output, &format!("more than {STACK_LIMIT}"));
}

#[test]
fn validate_refuses_an_endless_pipe() {
    let scratch = Scratch::new("fifo");
    let fifo = scratch.path().join("stack.yaml");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "mkfifo failed");
    // The writer would go on for 64 MiB; meridian stops reading after 1 MiB and closes the pipe,
    // which ends the writer with a broken pipe. It is not joined: had meridian not opened the
    // pipe, the timeout below reports that.
    let writer_path = fifo.clone();
    std::thread::spawn(move || {
        let Ok(mut pipe) = std::fs::OpenOptions::new().write(true).open(&writer_path) else {
            return;
        };
        let chunk = b"# stack: demo, padding padding padding padding padding padding padding\n";
        for _ in 0..(64 * STACK_LIMIT / chunk.len()) {
            if pipe.write_all(chunk).is_err() {
                return;
            }
        }
    });
    let output = meridian(&["validate", utf8(&fifo)]);
    assert_refused_as_too_large(&output, &format!("more than {STACK_LIMIT}"));
}

/// What `synth` must leave alone, made in `out`: an executable user script, a symlink to a
/// directory, a symlink to a file, a dangling symlink, and a directory of their own.
fn make_user_entries(out: &Path) {
    let script = out.join("notes.sh");
    std::fs::write(&script, "#!/bin/sh\necho notes\n").expect("write");
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    symlink("cloudformation", out.join("templates-link")).expect("symlink");
    symlink("notes.sh", out.join("notes-link.sh")).expect("symlink");
    symlink("/nonexistent/meridian-target", out.join("dangling")).expect("symlink");
    let extras = out.join("extras");
    std::fs::create_dir(&extras).expect("mkdir");
    std::fs::write(extras.join("run"), "#!/bin/sh\n").expect("write");
    std::fs::set_permissions(extras.join("run"), std::fs::Permissions::from_mode(0o700))
        .expect("chmod");
    symlink("../notes.sh", extras.join("up")).expect("symlink");
}

/// `(path, kind, mode, link target or contents)` of every entry under `root`, without following
/// symlinks.
fn snapshot(root: &Path) -> Vec<(String, &'static str, u32, String)> {
    let mut entries = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(directory) = pending.pop() {
        for entry in std::fs::read_dir(&directory).expect("read_dir") {
            let path = entry.expect("entry").path();
            let metadata = std::fs::symlink_metadata(&path).expect("metadata");
            let relative = path
                .strip_prefix(root)
                .expect("under root")
                .display()
                .to_string();
            let mode = metadata.permissions().mode() & 0o7777;
            if metadata.is_symlink() {
                let target = std::fs::read_link(&path).expect("read_link");
                entries.push((relative, "symlink", 0, target.display().to_string()));
            } else if metadata.is_dir() {
                entries.push((relative, "directory", mode, String::new()));
                pending.push(path);
            } else {
                let contents = std::fs::read_to_string(&path).unwrap_or_default();
                entries.push((relative, "file", mode, contents));
            }
        }
    }
    entries.sort();
    entries
}

fn user_entries(root: &Path) -> Vec<(String, &'static str, u32, String)> {
    snapshot(root)
        .into_iter()
        .filter(|(path, ..)| {
            [
                "notes.sh",
                "notes-link.sh",
                "templates-link",
                "dangling",
                "extras",
            ]
            .iter()
            .any(|name| path == name || path.starts_with(&format!("{name}/")))
        })
        .collect()
}

#[test]
fn synth_keeps_user_files_modes_and_symlinks() {
    let scratch = Scratch::new("keep");
    let out = scratch.path().join("out");
    let synth = |target: &str| {
        let output = meridian(&[
            "synth",
            "stacks/minimal.yaml",
            "--out",
            utf8(&out),
            "--target",
            target,
        ]);
        assert!(output.status.success(), "synth failed: {}", stderr(&output));
    };
    synth("all");
    make_user_entries(&out);
    let terraform_before = snapshot(&out.join("terraform"));
    let before = user_entries(&out);
    assert_eq!(before.len(), 7, "{before:#?}");

    synth("all");
    assert_eq!(user_entries(&out), before);
    // Another target's directory is kept as it is too.
    synth("cloudformation");
    assert_eq!(user_entries(&out), before);
    assert_eq!(snapshot(&out.join("terraform")), terraform_before);
    assert!(out.join("runbooks").is_dir() && out.join("manifest.json").is_file());

    let leftovers: Vec<String> = std::fs::read_dir(scratch.path())
        .expect("read_dir")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name != "out")
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
}

#[test]
fn a_failed_synth_puts_everything_back() {
    let scratch = Scratch::new("restore");
    let out = scratch.path().join("out");
    let synth = |target: &str| {
        meridian(&[
            "synth",
            "stacks/minimal.yaml",
            "--out",
            utf8(&out),
            "--target",
            target,
        ])
    };
    let first = synth("cloudformation");
    assert!(first.status.success(), "synth failed: {}", stderr(&first));
    make_user_entries(&out);
    // A file where the Terraform directory goes: the user's, so it is moved along, and then
    // nothing can be written.
    std::fs::write(out.join("terraform"), "mine\n").expect("write");
    let before = snapshot(&out);

    let output = synth("all");
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("cannot write"),
        "{}",
        stderr(&output)
    );
    assert_eq!(snapshot(&out), before);
    let leftovers: Vec<String> = std::fs::read_dir(scratch.path())
        .expect("read_dir")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name != "out")
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
}

#[test]
fn synth_through_a_symlinked_output_directory_keeps_the_link() {
    let scratch = Scratch::new("linked");
    let real = scratch.path().join("real");
    let link = scratch.path().join("out");
    std::fs::create_dir(&real).expect("mkdir");
    symlink(&real, &link).expect("symlink");
    std::fs::write(real.join("README"), "mine\n").expect("write");
    let output = meridian(&["synth", "stacks/minimal.yaml", "--out", utf8(&link)]);
    assert!(output.status.success(), "synth failed: {}", stderr(&output));
    assert!(std::fs::symlink_metadata(&link).expect("link").is_symlink());
    assert_eq!(std::fs::read_link(&link).expect("read_link"), real);
    assert!(real.join("manifest.json").is_file());
    assert_eq!(
        std::fs::read_to_string(real.join("README")).expect("README"),
        "mine\n"
    );
}
